from django.db import models


class LoginAttempt(models.Model):
    """Every login try, kept for per-account and per-address lockout and for the audit trail."""

    at = models.DateTimeField("日時", auto_now_add=True)
    username = models.CharField("ユーザーID", max_length=150)
    source_ip = models.CharField("接続元", max_length=45)
    success = models.BooleanField("成功")
    reason = models.CharField("理由", max_length=50, blank=True)

    class Meta:
        verbose_name = "ログイン試行"
        verbose_name_plural = "ログイン試行"
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
        COUNTER = "counter", "窓口"
        PHONE = "phone", "電話"
        LETTER = "letter", "文書"
        EMAIL = "email", "電子メール"

    received_at = models.DateTimeField("受付日時")
    channel = models.CharField("受付方法", max_length=10, choices=Channel.choices)
    requester = models.CharField("申出者", max_length=100, blank=True)
    subject = models.CharField("件名", max_length=200)
    detail = models.TextField("内容", blank=True)
    handler = models.ForeignKey(
        "cases.User", verbose_name="担当者", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField("対応結果", blank=True)
    closed_at = models.DateTimeField("完結日時", null=True, blank=True)

    class Meta:
        verbose_name = "問合せ"
        verbose_name_plural = "問合せ受付簿"
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.subject}"
