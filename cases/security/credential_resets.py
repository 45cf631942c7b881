"""Setting another person's password, or removing their second factor (an administrator's reset).

A システム管理者 does this for staff who forgot a password or lost their device. Never, through the admin
site, for an account that holds the システム管理者 role or is a superuser (their own included): whoever
chose the new password could sign in as that administrator and approve their own role requests, and
the two-administrator rule (cases.security.role_grants) would come down to one person. A locked-out
administrator is reset on the server instead, with ``manage.py reset_admin_credentials`` run in the name
of a second administrator (docs/operations.md, First administrators).

For an account whose role requires a second factor (a 係長, in production), the admin site resets one
factor, never both: the password not while no second factor is enrolled, the second factor not while
the password is still one an administrator chose. Otherwise the administrator who chose the password
could enrol their own phone and approve as that 係長. Someone who lost both is reset on the server by
two administrators, as above.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.passwords import password_mark_temporary
from cases.security.roles import user_roles
from cases.security.totp import totp_required

# The refusal's reason in the access log.
REFUSAL_REASON = "admin_credentials"


def credential_reset_refusal(user: User, what: str) -> str:
    """Why the admin site may not set ``user``'s password (``what`` "password") or remove their second
    factor ("totp"); "" if it may."""
    if user.is_superuser:
        kind = _("スーパーユーザー")
    elif "admin" in user_roles(user):
        kind = _("システム管理者")
    else:
        return _one_factor_refusal(user, what)
    return _(
        "ユーザーID %(username)s は%(kind)sのため、管理サイトではパスワードの再設定・二要素認証の解除は"
        "できません。本人が自分のパスワード変更画面で変更するか、サーバーで manage.py "
        "reset_admin_credentials を別のシステム管理者の名前で実行してください (運用手順書)。"
    ) % {"username": user.username, "kind": kind}


def _one_factor_refusal(user: User, what: str) -> str:
    if not totp_required(user):
        return ""
    if what == "password" and not user.totp_enabled:
        reason = _("二要素認証が登録されていないため、管理サイトではパスワードを再設定できません")
    elif what == "totp" and user.password_set_by_admin:
        reason = _(
            "パスワードはシステム管理者が設定したまま本人が変更していないため、"
            "管理サイトでは二要素認証を解除できません"
        )
    else:
        return ""
    return _(
        "ユーザーID %(username)s の%(reason)s (再設定した人が本人として承認できてしまうため)。本人が"
        "もう一方を済ませてから行うか、両方を失った場合はサーバーで manage.py reset_admin_credentials を"
        "別のシステム管理者の名前で実行してください (運用手順書)。"
    ) % {"username": user.username, "reason": reason}


def password_mark_set_by_admin(user: User) -> None:
    """The password was chosen by an administrator: it is due at once, and the user is told who set
    it when asked to replace it (not that it "expired"). The caller sets the password and saves."""
    password_mark_temporary(user)
    user.password_set_by_admin = True


def password_reset_record(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        target=f"職員:{user.username}",
        detail={"event": "password_reset_by_admin"},
    )


def password_reset(*, user: User, by: User, password: str, request: HttpRequest | None = None) -> None:
    """Sets a temporary password chosen by ``by`` (already validated by the caller)."""
    user.set_password(password)
    password_mark_set_by_admin(user)
    user.save(update_fields=["password", "password_changed_at", "password_set_by_admin"])
    password_reset_record(user=user, by=by, request=request)
