from django.db import models


class AuditAction(models.TextChoices):
    LOGIN = "login", "ログイン"
    LOGIN_FAILED = "login_failed", "ログイン失敗"
    LOGOUT = "logout", "ログアウト"
    LOCKOUT = "lockout", "アカウントロック"
    VIEW = "view", "閲覧"
    SEARCH = "search", "検索"
    MYNUMBER_SEARCH = "mynumber_search", "個人番号による検索"
    MYNUMBER_REVEAL = "mynumber_reveal", "個人番号の表示"
    CHANGE = "change", "変更"
    EXPORT = "export", "出力"
    PRINT = "print", "印刷・PDF"
    IMPORT = "import", "取込"
    DELETE = "delete", "削除"
    PURGE = "purge", "消去"
    DENIED = "denied", "拒否"


class AuditEntry(models.Model):
    """Append-only log of access to 特定個人情報. Each entry's hash covers the previous entry's hash,
    so editing or deleting a row breaks the chain (checked by `manage.py verify_audit_log`)."""

    at = models.DateTimeField("日時")
    actor_id = models.BigIntegerField("職員ID", null=True, blank=True)
    actor_username = models.CharField("ユーザーID", max_length=150, blank=True)
    office_code = models.CharField("事務所", max_length=30, blank=True)
    source_ip = models.CharField("接続元", max_length=45, blank=True)
    action = models.CharField("操作", max_length=20, choices=AuditAction.choices)
    # Plain ids rather than foreign keys: the log must outlive (and not block) deletion of what it names.
    resident_id = models.BigIntegerField("宛名ID", null=True, blank=True)
    case_id = models.BigIntegerField("案件ID", null=True, blank=True)
    target = models.CharField("対象", max_length=100, blank=True)
    purpose = models.CharField("利用目的", max_length=200, blank=True)
    detail = models.JSONField("詳細", default=dict, blank=True)
    prev_hash = models.CharField("前エントリのハッシュ", max_length=64)
    entry_hash = models.CharField("ハッシュ", max_length=64, unique=True)

    class Meta:
        verbose_name = "アクセス記録"
        verbose_name_plural = "アクセス記録"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["actor_id", "at"], name="audit_actor_idx"),
            models.Index(fields=["resident_id", "at"], name="audit_resident_idx"),
            models.Index(fields=["case_id", "at"], name="audit_case_idx"),
            models.Index(fields=["action", "at"], name="audit_action_idx"),
        ]
        permissions = [("view_audit_log", "アクセス記録の参照")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.get_action_display()}"
