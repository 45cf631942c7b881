from django.contrib.auth.models import (
    AbstractUser,
    _auser_has_module_perms,
    _auser_has_perm,
    _user_has_module_perms,
    _user_has_perm,
)
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.security.login_ids import (
    LOGIN_ID_HELP,
    LOGIN_ID_MAX_LENGTH,
    login_id_not_mynumber,
    login_id_validator,
)


class User(AbstractUser):
    """A member of staff. Every staff member works at exactly one office."""

    # The login-ID rules on the field itself, so that every path that makes an account applies them:
    # the admin's forms, createsuperuser, and anything written later (cases/security/login_ids.py).
    username = models.CharField(
        _("ユーザーID"),
        max_length=LOGIN_ID_MAX_LENGTH,
        unique=True,
        help_text=LOGIN_ID_HELP,
        validators=[login_id_validator, login_id_not_mynumber],
        error_messages={"unique": _("このユーザーIDは既に使われています。")},
    )

    office = models.ForeignKey(
        "cases.Office",
        verbose_name=_("所属"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    display_name = models.CharField(_("氏名"), max_length=60, blank=True)
    password_changed_at = models.DateTimeField(_("パスワード変更日時"), null=True, blank=True)
    # The password in use was chosen by an administrator (a new account or a reset): the forced change
    # says so, instead of "expired" (cases.security.credential_resets).
    password_set_by_admin = models.BooleanField(_("管理者が設定したパスワード"), default=False)
    failed_login_count = models.PositiveSmallIntegerField(_("連続ログイン失敗回数"), default=0)
    locked_until = models.DateTimeField(_("ロック解除予定"), null=True, blank=True)
    deactivated_reason = models.CharField(_("失効理由"), max_length=100, blank=True)
    # TOTP secret, sealed with the application keyring (cases.security.crypto); empty when 2FA is off.
    totp_secret = models.TextField(_("二要素認証の秘密鍵 (暗号化)"), blank=True)
    totp_enabled = models.BooleanField(_("二要素認証"), default=False)
    # The 30-second step of the last code accepted: a code of that step or an earlier one is refused
    # (RFC 6238 §5.2). On the row, so a Redis restart or outage does not let a code be used twice.
    totp_last_step = models.BigIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("職員")
        # Japanese has no plural; English needs its own (the admin counts "29 Staff members").
        verbose_name_plural = pgettext_lazy("複数", "職員")
        constraints = [
            models.CheckConstraint(
                condition=Q(office__isnull=False) | Q(is_superuser=True),
                name="user_has_office_unless_superuser",
                violation_error_message=_("職員には所属事務所が必要です。"),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def get_short_name(self) -> str:
        """The name the admin's header greets (Django's: the first name, else the login ID): the display
        name, as the desk's header shows it. Empty when there is none, and the admin greets the login ID."""
        return self.display_name

    # Django answers True here for any active superuser before asking a backend. Ours (DeskBackend)
    # withholds casework and 個人番号 use from superusers (cases.security.superusers), so the backends
    # decide for everyone; they give an inactive user nothing.
    def has_perm(self, perm, obj=None) -> bool:
        return _user_has_perm(self, perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return _user_has_module_perms(self, app_label)

    async def ahas_perm(self, perm, obj=None) -> bool:
        return await _auser_has_perm(self, perm, obj)

    async def ahas_module_perms(self, app_label) -> bool:
        return await _auser_has_module_perms(self, app_label)
