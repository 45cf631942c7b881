from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.common.date_display import date_show


class LoginAttempt(models.Model):
    """Every login try, kept for per-account and per-address lockout and for the audit trail."""

    at = models.DateTimeField(_("日時"), auto_now_add=True)
    username = models.CharField(_("ユーザーID"), max_length=150)
    source_ip = models.CharField(_("接続元"), max_length=45)
    success = models.BooleanField(_("成功"))
    reason = models.CharField(_("理由"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("ログイン試行")
        # Japanese has no plural; English needs its own (the admin counts "29 Staff members").
        verbose_name_plural = pgettext_lazy("複数", "ログイン試行")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["username", "at"], name="loginattempt_user_idx"),
            models.Index(fields=["source_ip", "at"], name="loginattempt_ip_idx"),
        ]

    def __str__(self) -> str:
        # The admin names the row by it (title, breadcrumb): the local moment as screens show it, not UTC.
        outcome = gettext("成功") if self.success else gettext("失敗")
        return f"{date_show(self.at)} {self.username} {outcome}"


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
    # The office that keeps this entry; only its staff change it (issue 11). Empty for entries made
    # before offices were recorded: those are changed by no one.
    office = models.ForeignKey(
        "cases.Office",
        verbose_name=_("受付事務所"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The new-entry form's one-time key (cases/common/once.py): the same form sent twice is one entry.
    request_key = models.CharField(
        _("受付キー"), max_length=40, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("問合せ")
        verbose_name_plural = _("問合せ受付簿")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.subject}"


class InquiryRevision(models.Model):
    """Every saved state of a 問合せ受付簿 entry: who changed it when, and what it then said."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("問合せ"), on_delete=models.CASCADE, related_name="revisions"
    )
    at = models.DateTimeField(_("日時"), auto_now_add=True)
    by = models.ForeignKey("cases.User", verbose_name=_("変更者"), on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(_("内容"))

    class Meta:
        verbose_name = _("問合せの変更履歴")
        verbose_name_plural = _("問合せの変更履歴")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.at:%Y-%m-%d %H:%M}"
