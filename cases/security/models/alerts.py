from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityAlert(models.Model):
    """Something the auditor must look at (issue 11 H3): a member of staff stopped at the hourly limit of
    reveals and searches by 個人番号, or at the limit of reveals refused for want of approval
    (cases/registry/reveal_limits.py), or an unusual number of 個人番号 reveals found by the daily
    report. Shown on the auditor's screen, with the counts in detail."""

    class Kind(models.TextChoices):
        REVEAL_LIMIT = "reveal_limit", _("個人番号の表示・検索が上限に達し停止")
        REVEAL_REFUSALS = "reveal_refusals", _("承認のない個人番号の表示の要求が上限に達し停止")
        REVEAL_UNUSUAL = "reveal_unusual", _("個人番号の表示件数が通常と異なる")

    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        "cases.User", verbose_name=_("職員"), on_delete=models.PROTECT, related_name="security_alerts"
    )
    at = models.DateTimeField(_("日時"), auto_now_add=True)
    detail = models.JSONField(_("詳細"), default=dict, blank=True)

    class Meta:
        verbose_name = _("警告")
        verbose_name_plural = _("警告")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_kind_display()}"


class RevealSuspension(models.Model):
    """A member of staff who may not reveal 個人番号 until a 係長 of their office lifts it."""

    user = models.ForeignKey(
        "cases.User", verbose_name=_("職員"), on_delete=models.PROTECT, related_name="reveal_suspensions"
    )
    since = models.DateTimeField(_("停止日時"), auto_now_add=True)
    reason = models.CharField(_("理由"), max_length=200)
    lifted_at = models.DateTimeField(_("解除日時"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        "cases.User",
        verbose_name=_("解除者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("個人番号の表示の停止")
        verbose_name_plural = _("個人番号の表示の停止")
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(lifted_at__isnull=True), name="revealsuspension_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.since:%Y-%m-%d %H:%M}"
