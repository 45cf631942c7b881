from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("ログイン")
    LOGIN_FAILED = "login_failed", _("ログイン失敗")
    LOGOUT = "logout", _("ログアウト")
    LOCKOUT = "lockout", _("アカウントロック")
    VIEW = "view", _("閲覧")
    SEARCH = "search", _("検索")
    MYNUMBER_SEARCH = "mynumber_search", _("個人番号による検索")
    MYNUMBER_REVEAL = "mynumber_reveal", _("個人番号の表示")
    CHANGE = "change", _("変更")
    EXPORT = "export", _("出力")
    PRINT = "print", _("印刷・PDF")
    IMPORT = "import", _("取込")
    DELETE = "delete", _("削除")
    PURGE = "purge", _("消去")
    DENIED = "denied", _("拒否")


class AuditEntry(models.Model):
    """Append-only log of access to 特定個人情報. Each entry's hash covers the previous entry's hash,
    so editing or deleting a row breaks the chain (checked by `manage.py verify_audit_log`)."""

    at = models.DateTimeField(_("日時"))
    actor_id = models.BigIntegerField(_("職員ID"), null=True, blank=True)
    actor_username = models.CharField(_("ユーザーID"), max_length=150, blank=True)
    office_code = models.CharField(_("事務所"), max_length=30, blank=True)
    source_ip = models.CharField(_("接続元"), max_length=45, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=AuditAction.choices)
    # Plain ids rather than foreign keys: the log must outlive (and not block) deletion of what it names.
    resident_id = models.BigIntegerField(_("宛名ID"), null=True, blank=True)
    case_id = models.BigIntegerField(_("案件ID"), null=True, blank=True)
    target = models.CharField(_("対象"), max_length=100, blank=True)
    purpose = models.CharField(_("利用目的"), max_length=200, blank=True)
    detail = models.JSONField(_("詳細"), default=dict, blank=True)
    prev_hash = models.CharField(_("前エントリのハッシュ"), max_length=64)
    entry_hash = models.CharField(_("ハッシュ"), max_length=64, unique=True)
    # Which key of NENKIN_AUDIT_KEYS made entry_hash (an HMAC); empty for entries written before the
    # chain was keyed (plain SHA-256).
    key_id = models.CharField(_("鍵ID"), max_length=16, blank=True, default="")

    class Meta:
        verbose_name = _("アクセス記録")
        verbose_name_plural = _("アクセス記録")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["actor_id", "at"], name="audit_actor_idx"),
            models.Index(fields=["resident_id", "at"], name="audit_resident_idx"),
            models.Index(fields=["case_id", "at"], name="audit_case_idx"),
            models.Index(fields=["action", "at"], name="audit_action_idx"),
            # The 職員 filter's user ID (entries of a login that matched no account have no actor_id).
            models.Index(fields=["actor_username", "at"], name="audit_username_idx"),
        ]
        permissions = [("view_audit_log", "アクセス記録の参照")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.get_action_display()}"


class StaffName(models.Model):
    """Every name a member of staff has had (written when the account is saved with it). The access
    log's 職員 filter looks a typed name up here, then reads the log through its index on the actor
    (cases.security.selectors.audit), instead of comparing the name kept in every entry of the log."""

    user_id = models.BigIntegerField(_("職員ID"))
    name = models.CharField(_("氏名"), max_length=60)

    class Meta:
        verbose_name = _("職員の氏名 (履歴)")
        verbose_name_plural = _("職員の氏名 (履歴)")
        constraints = [models.UniqueConstraint(fields=["user_id", "name"], name="staffname_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.name}"
