"""ログイン・ロックアウト・ログアウト. Every attempt, lockout, unlock and logout is a LoginAttempt row
and an audit entry.

Whether an ID or an address is locked is read from the LoginAttempt rows, with one rule for IDs that
exist and IDs that do not, so the login screen never tells whether an ID exists. `User.failed_login_count`
and `User.locked_until` mirror that state for the admin screens.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cases.security.audit import audit_record
from cases.security.login_ids import login_id_for_log
from cases.security.models.audit import AuditAction
from cases.security.models.security import LoginAttempt
from cases.security.models.users import User


class Reason(StrEnum):
    """LoginAttempt.reason values."""

    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"
    TOTP_FAILED = "totp_failed"
    LOCKED = "locked"  # refused without checking the password: the ID is locked
    ADDRESS_LOCKED = "address_locked"
    LOCKOUT = "lockout"  # the ID became locked
    ADDRESS_LOCKOUT = "address_lockout"
    UNLOCKED = "unlocked"
    ADDRESS_UNLOCKED = "address_unlocked"
    INACTIVE = "inactive"
    PASSWORD_EXPIRED = "password_expired"
    TERMINAL = "terminal"
    LOGOUT = "logout"
    IDLE_LOGOUT = "idle_logout"


class LockScope(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


# Only a wrong password or a wrong code counts; refusals of a locked ID do not extend the lock.
FAILURES = (Reason.BAD_CREDENTIALS, Reason.TOTP_FAILED)
# Counting restarts after these: a success, an unlock, or the lockout that used the failures up.
# A success does not reset an address: one good login must not hide a spray over many IDs.
_ACCOUNT_RESETS = (Reason.OK, Reason.UNLOCKED, Reason.LOCKOUT)
_ADDRESS_RESETS = (Reason.ADDRESS_UNLOCKED, Reason.ADDRESS_LOCKOUT)


def request_address(request: HttpRequest | None) -> str:
    # ClientAddressMiddleware has already replaced REMOTE_ADDR with the address behind our proxies.
    return request.META.get("REMOTE_ADDR", "")[:45] if request is not None else ""


def login_attempt_record(*, username: str, source_ip: str, success: bool, reason: str) -> LoginAttempt:
    return LoginAttempt.objects.create(
        username=login_id_for_log(username), source_ip=source_ip[:45], success=success, reason=str(reason)
    )


def _cooldown() -> timedelta:
    return timedelta(minutes=settings.NENKIN_LOCKOUT_COOLDOWN_MINUTES)


def _locked(rows: QuerySet, *, lock: Reason, unlock: Reason, now: datetime) -> bool:
    since = now - _cooldown()
    latest = rows.filter(at__gte=since, at__lte=now).aggregate(
        locked=Max("at", filter=Q(reason=lock)), unlocked=Max("at", filter=Q(reason=unlock))
    )
    return latest["locked"] is not None and (
        latest["unlocked"] is None or latest["unlocked"] < latest["locked"]
    )


def account_lock_check(*, username: str, source_ip: str, now: datetime | None = None) -> LockScope | None:
    """Whether logins for this ID, or from this address, are refused right now (and which)."""
    now = now or timezone.now()
    by_user = LoginAttempt.objects.filter(username=login_id_for_log(username))
    if _locked(by_user, lock=Reason.LOCKOUT, unlock=Reason.UNLOCKED, now=now):
        return LockScope.ACCOUNT
    if source_ip:
        by_address = LoginAttempt.objects.filter(source_ip=source_ip)
        if _locked(by_address, lock=Reason.ADDRESS_LOCKOUT, unlock=Reason.ADDRESS_UNLOCKED, now=now):
            return LockScope.ADDRESS
    return None


def _failures_since_reset(rows: QuerySet, *, resets: tuple[Reason, ...], now: datetime) -> int:
    window_start = now - timedelta(minutes=settings.NENKIN_LOCKOUT_WINDOW_MINUTES)
    recent = rows.filter(at__gte=window_start, at__lte=now)
    reset = recent.filter(reason__in=resets).aggregate(at=Max("at"))["at"]
    if reset is not None:
        recent = recent.filter(at__gt=reset)
    return recent.filter(reason__in=FAILURES).count()


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
    failures = _failures_since_reset(
        LoginAttempt.objects.filter(username=username), resets=_ACCOUNT_RESETS, now=now
    )
    if failures >= settings.NENKIN_LOCKOUT_THRESHOLD:
        login_attempt_record(username=username, source_ip=address, success=False, reason=Reason.LOCKOUT)
        audit_record(
            action=AuditAction.LOCKOUT,
            request=request,
            username=username,
            detail={"scope": "account", "failures": failures, "address": address},
        )
        locked = LockScope.ACCOUNT
    User.objects.filter(username=username).update(
        failed_login_count=0 if locked else failures,
        locked_until=now + _cooldown() if locked else None,
    )
    if address:
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
