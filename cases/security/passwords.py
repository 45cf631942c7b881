"""パスワードの有効期限 (assessment III: 有効期限までに変更を行わない場合は、対応するユーザーIDが失効される).

A password is valid for NENKIN_PASSWORD_MAX_AGE_DAYS; then the user must change it at the next login,
and if it is still unchanged NENKIN_PASSWORD_GRACE_DAYS later the account is disabled.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import password_validation, update_session_auth_hash
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User

EXPIRED_REASON = "パスワード有効期限切れ (猶予期間内に変更なし)"


class ExpiryState(StrEnum):
    OK = "ok"
    MUST_CHANGE = "must_change"
    DISABLED = "disabled"


def _max_age() -> timedelta:
    return timedelta(days=settings.NENKIN_PASSWORD_MAX_AGE_DAYS)


def _disable_after() -> timedelta:
    return _max_age() + timedelta(days=settings.NENKIN_PASSWORD_GRACE_DAYS)


def password_expiry_state(user: User, now: datetime | None = None) -> ExpiryState:
    # An account whose password was never changed counts from its creation.
    changed = user.password_changed_at or user.date_joined
    age = (now or timezone.now()) - changed
    if age < _max_age():
        return ExpiryState.OK
    if age < _disable_after():
        return ExpiryState.MUST_CHANGE
    return ExpiryState.DISABLED


def password_expires_at(user: User) -> datetime:
    return (user.password_changed_at or user.date_joined) + _max_age()


def password_mark_temporary(user: User, now: datetime | None = None) -> None:
    """A password an administrator set (new account, reset, re-activation) is due at once: the user
    must replace it at the next login, within the grace period. The caller saves."""
    user.password_changed_at = (now or timezone.now()) - _max_age()


def password_change(*, user: User, new_password: str, request: HttpRequest | None = None) -> None:
    """The user's own change. Raises ValidationError (Japanese messages) if a validator refuses it."""
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.password_set_by_admin = False
    user.save(update_fields=["password", "password_changed_at", "password_set_by_admin"])
    if request is not None:
        # Other sessions of this user end (their auth hash no longer matches); this one continues.
        update_session_auth_hash(request, user)
    audit_record(
        action=AuditAction.CHANGE,
        actor=user,
        request=request,
        target=f"職員:{user.username}",
        detail={"event": "password_change"},
    )


def account_disable_expired(*, user: User, request: HttpRequest | None = None) -> bool:
    """Disables one account whose grace period is over. False if it was already disabled."""
    updated = User.objects.filter(pk=user.pk, is_active=True).update(
        is_active=False, deactivated_reason=EXPIRED_REASON
    )
    user.is_active = False
    user.deactivated_reason = EXPIRED_REASON
    if updated:
        audit_record(
            action=AuditAction.CHANGE,
            request=request,
            # At login the person trying is named; the daily job acts on nobody's behalf.
            username=user.username if request is not None else "(自動処理)",
            target=f"職員:{user.username}",
            detail={"event": "account_disabled", "reason": "password_expired"},
        )
    return bool(updated)


def accounts_disable_expired(now: datetime | None = None) -> int:
    """The daily job: disables every active account past its grace period. Returns how many."""
    cutoff = (now or timezone.now()) - _disable_after()
    due = User.objects.filter(is_active=True).filter(
        Q(password_changed_at__lte=cutoff) | Q(password_changed_at__isnull=True, date_joined__lte=cutoff)
    )
    return sum(account_disable_expired(user=user) for user in due.order_by("pk"))
