from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginAttempt(models.Model):
    """Every login try, kept for per-account and per-address lockout and for the audit trail."""

    at = models.DateTimeField(_("日時"), auto_now_add=True)
    username = models.CharField(_("ユーザーID"), max_length=150)
    source_ip = models.CharField(_("接続元"), max_length=45)
    success = models.BooleanField(_("成功"))
    reason = models.CharField(_("理由"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("ログイン試行")
        verbose_name_plural = _("ログイン試行")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["username", "at"], name="loginattempt_user_idx"),
            models.Index(fields=["source_ip", "at"], name="loginattempt_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {'成功' if self.success else '失敗'}"


class Inquiry(models.Model):
    """問合せ受付簿: inquiries about the handling of 特定個人情報 (assessment IV-2: 受付簿を作成し、処理する)."""

    class Channel(models.TextChoices):
        COUNTER = "counter", _("窓口")
        PHONE = "phone", _("電話")
        LETTER = "letter", _("文書")
        EMAIL = "email", _("電子メール")

    received_at = models.DateTimeField(_("受付日時"))
    channel = models.CharField(_("受付方法"), max_length=10, choices=Channel.choices)
    requester = models.CharField(_("申出者"), max_length=100, blank=True)
    subject = models.CharField(_("件名"), max_length=200)
    detail = models.TextField(_("内容"), blank=True)
    handler = models.ForeignKey(
        "cases.User",
        verbose_name=_("担当者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("対応結果"), blank=True)
    closed_at = models.DateTimeField(_("完結日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("問合せ")
        verbose_name_plural = _("問合せ受付簿")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.subject}"
