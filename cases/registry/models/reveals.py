from django.db import models
from django.utils.translation import gettext_lazy as _


class RevealPurpose(models.TextChoices):
    """Why a 個人番号 is shown (番号法 9条: only for the number-use work); chosen from a list."""

    IDENTITY = "identity", _("本人確認 (窓口での番号の確認)")
    FILING = "filing", _("申請書・届書の作成・確認")
    PENSION_OFFICE = "pension_office", _("日本年金機構への照会・回答")
    REQUEST = "request", _("開示・訂正・利用停止請求への対応")
    OTHER = "other", _("その他 (備考に記載)")


class RevealApproval(models.Model):
    """A 係長's approval to show the number of a person with no case or intake at the clerk's office
    (issue 11 H3). Used up by the one reveal it allows."""

    class State(models.TextChoices):
        PENDING = "pending", _("承認待ち")
        APPROVED = "approved", _("承認済")
        REFUSED = "refused", _("却下")
        USED = "used", _("表示済")

    resident = models.ForeignKey(
        "cases.Resident", verbose_name=_("対象者"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        "cases.User", verbose_name=_("依頼者"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    purpose = models.CharField(_("利用目的"), max_length=20, choices=RevealPurpose.choices)
    note = models.CharField(_("備考"), max_length=200, blank=True)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        "cases.User",
        verbose_name=_("承認者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    used_at = models.DateTimeField(_("表示日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("個人番号の表示の承認")
        verbose_name_plural = _("個人番号の表示の承認")
        ordering = ["-requested_at"]
        constraints = [
            # A double-clicked request was three pending ones, two approved, two reveals: the
            # database keeps one waiting per person, purpose and clerk (reveal_approval_request).
            models.UniqueConstraint(
                fields=["resident", "purpose", "requested_by"],
                condition=models.Q(state="pending"),
                name="reveal_approval_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requested_by} {self.resident_id} ({self.get_state_display()})"
