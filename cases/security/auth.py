"""ログイン・ロックアウト・ログアウト. Every attempt, lockout, unlock and logout is a LoginAttempt row
and an audit entry. When an ID or an address is locked is read in cases/security/lockout.py.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from cases.security.audit import audit_record
from cases.security.lockout import (
    _ADDRESS_RESETS,
    _ID_RESETS,
    REFUSAL_REASONS,
    LockScope,
    Reason,
    _address_managed,
    _cooldown,
    _failures_since_reset,
    _id_failures,
    account_lock_check,
)
from cases.security.login_ids import login_id_for_log
from cases.security.models.audit import AuditAction
from cases.security.models.security import LoginAttempt
from cases.security.models.users import User


def request_address(request: HttpRequest | None) -> str:
    # ClientAddressMiddleware has already replaced REMOTE_ADDR with the address behind our proxies.
    return request.META.get("REMOTE_ADDR", "")[:45] if request is not None else ""


def login_attempt_record(*, username: str, source_ip: str, success: bool, reason: str) -> LoginAttempt:
    return LoginAttempt.objects.create(
        username=login_id_for_log(username), source_ip=source_ip[:45], success=success, reason=str(reason)
    )


def login_refusal_record(
    *, username: str, request: HttpRequest, reason: Reason, action: AuditAction = AuditAction.LOGIN_FAILED
) -> None:
    """A login refused for a reason other than a wrong password (lock, disabled ID, terminal)."""
    address = request_address(request)
    login_attempt_record(username=username, source_ip=address, success=False, reason=reason)
    audit_record(
        action=action,
        request=request,
        username=login_id_for_log(username),
        detail={"reason": str(reason), "address": address},
    )


def login_failure_record(
    *, username: str, request: HttpRequest, reason: Reason = Reason.BAD_CREDENTIALS
) -> LockScope | None:
    """A wrong password or code. Returns the lock this failure set off, if it set one off."""
    address = request_address(request)
    username = login_id_for_log(username)
    login_attempt_record(username=username, source_ip=address, success=False, reason=reason)
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        request=request,
        username=username,
        detail={"reason": str(reason), "address": address},
    )
    now = timezone.now()
    locked: LockScope | None = None
    pair_rows = LoginAttempt.objects.filter(
        Q(username=username, source_ip=address) | Q(username=username, reason__in=_ID_RESETS)
    )
    failures = _failures_since_reset(pair_rows, resets=(*_ID_RESETS, Reason.LOCKOUT), now=now)
    if failures >= settings.NENKIN_LOCKOUT_THRESHOLD:
        login_attempt_record(username=username, source_ip=address, success=False, reason=Reason.LOCKOUT)
        audit_record(
            action=AuditAction.LOCKOUT,
            request=request,
            username=username,
            detail={"scope": "account", "failures": failures, "address": address},
        )
        locked = LockScope.ACCOUNT
    id_failures, _last = _id_failures(username, now)
    User.objects.filter(username=username).update(
        failed_login_count=min(id_failures, 32767),
        locked_until=now + _cooldown() if locked else None,
    )
    if address and not _address_managed(address):
        from_address = _failures_since_reset(
            LoginAttempt.objects.filter(source_ip=address), resets=_ADDRESS_RESETS, now=now
        )
        if from_address >= settings.NENKIN_LOCKOUT_IP_THRESHOLD:
            login_attempt_record(
                username=username, source_ip=address, success=False, reason=Reason.ADDRESS_LOCKOUT
            )
            audit_record(
                action=AuditAction.LOCKOUT,
                request=request,
                username=username,
                detail={"scope": "address", "failures": from_address, "address": address},
            )
            locked = locked or LockScope.ADDRESS
    return locked


def login_success_record(*, user: User, request: HttpRequest) -> None:
    login_attempt_record(
        username=user.username, source_ip=request_address(request), success=True, reason=Reason.OK
    )
    audit_record(action=AuditAction.LOGIN, actor=user, request=request)
    if user.failed_login_count or user.locked_until:
        user.failed_login_count = 0
        user.locked_until = None
        user.save(update_fields=["failed_login_count", "locked_until"])


def account_unlock(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    login_attempt_record(
        username=user.username, source_ip=request_address(request), success=True, reason=Reason.UNLOCKED
    )
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        target=f"職員:{user.username}",
        detail={"event": "account_unlock", "username": user.username},
    )
    user.failed_login_count = 0
    user.locked_until = None
    user.save(update_fields=["failed_login_count", "locked_until"])


def address_unlock(*, source_ip: str, by: User, request: HttpRequest | None = None) -> None:
    login_attempt_record(username="", source_ip=source_ip, success=True, reason=Reason.ADDRESS_UNLOCKED)
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        target=f"接続元:{source_ip}",
        detail={"event": "address_unlock", "address": source_ip},
    )


def session_logout(*, request: HttpRequest, reason: Reason = Reason.LOGOUT) -> None:
    user = request.user
    if user.is_authenticated:
        login_attempt_record(
            username=user.username, source_ip=request_address(request), success=True, reason=reason
        )
        audit_record(action=AuditAction.LOGOUT, request=request, detail={"reason": str(reason)})
    logout(request)


# The password-expiry half of authentication lives in its own module; these names are part of this one.
from cases.security.passwords import (  # noqa: E402
    ExpiryState,
    accounts_disable_expired,
    password_change,
    password_expiry_state,
)

__all__ = [
    "REFUSAL_REASONS",
    "ExpiryState",
    "LockScope",
    "Reason",
    "account_lock_check",
    "account_unlock",
    "accounts_disable_expired",
    "address_unlock",
    "login_attempt_record",
    "login_failure_record",
    "login_refusal_record",
    "login_success_record",
    "password_change",
    "password_expiry_state",
    "request_address",
    "session_logout",
]
