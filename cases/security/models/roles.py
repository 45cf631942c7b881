from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleGrant(models.Model):
    """A role given to a member of staff, waiting for a second person (issue 11 H2).

    An administrator asks; another administrator (never the one who asked, never the person receiving
    it) approves, and only then does the role take effect. Taking a role away needs no approval.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("承認待ち")
        APPROVED = "approved", _("承認済")
        REFUSED = "refused", _("却下")

    user = models.ForeignKey(
        "cases.User", verbose_name=_("職員"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("役割"), max_length=20)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(
        "cases.User", verbose_name=_("依頼者"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "cases.User",
        verbose_name=_("承認者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("承認日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("役割の付与")
        verbose_name_plural = _("役割の付与 (承認待ち・履歴)")
        ordering = ["-requested_at"]
        permissions = [("approve_rolegrant", "役割の付与の承認")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(state="pending"),
                name="rolegrant_one_pending_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} ({self.get_state_display()})"
