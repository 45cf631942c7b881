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
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cases.security.audit import audit_record
from cases.security.login_ids import login_id_for_log
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office
from cases.security.models.security import LoginAttempt
from cases.security.models.users import User
from cases.security.terminals import address_allowed, networks_parse


class Reason(StrEnum):
    """LoginAttempt.reason values."""

    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"
    TOTP_FAILED = "totp_failed"
    LOCKED = "locked"  # refused without checking the password: the ID is locked at this address
    ADDRESS_LOCKED = "address_locked"
    DELAYED = "delayed"  # refused without checking the password: the ID must wait a little
    LOCKOUT = "lockout"  # the ID became locked at this address
    ADDRESS_LOCKOUT = "address_lockout"
    UNLOCKED = "unlocked"
    ADDRESS_UNLOCKED = "address_unlocked"
    INACTIVE = "inactive"
    PASSWORD_EXPIRED = "password_expired"
    TERMINAL = "terminal"
    LOGOUT = "logout"
    IDLE_LOGOUT = "idle_logout"


class LockScope(StrEnum):
    ACCOUNT = "account"  # this ID from this address
    ADDRESS = "address"  # this address, any ID (only addresses outside every office's networks)
    DELAY = "delay"  # this ID from anywhere but its own office's terminals: wait a little, progressively


# The LoginAttempt reason of a refusal for each lock.
REFUSAL_REASONS = {
    LockScope.ACCOUNT: Reason.LOCKED,
    LockScope.ADDRESS: Reason.ADDRESS_LOCKED,
    LockScope.DELAY: Reason.DELAYED,
}
# Only a wrong password or a wrong code counts; refusals of a locked ID do not extend the lock.
FAILURES = (Reason.BAD_CREDENTIALS, Reason.TOTP_FAILED)
# Counting restarts after a success or an unlock of the ID. A success does not reset an address: one
# good login must not hide a spray over many IDs.
_ID_RESETS = (Reason.OK, Reason.UNLOCKED)
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


def _latest(rows: QuerySet, reason: Reason, since: datetime, now: datetime) -> datetime | None:
    return rows.filter(reason=reason, at__gte=since, at__lte=now).aggregate(at=Max("at"))["at"]


def _pair_locked(username: str, source_ip: str, now: datetime) -> bool:
    """The ID is locked at this address (5 wrong passwords there), until the cool-down or an unlock."""
    since = now - _cooldown()
    locked = _latest(
        LoginAttempt.objects.filter(username=username, source_ip=source_ip), Reason.LOCKOUT, since, now
    )
    unlocked = _latest(LoginAttempt.objects.filter(username=username), Reason.UNLOCKED, since, now)
    return locked is not None and (unlocked is None or unlocked < locked)


def _address_managed(source_ip: str) -> bool:
    """Inside some office's configured terminal networks (an office's NAT): never locked as a whole."""
    for text in Office.objects.exclude(allowed_networks="").values_list("allowed_networks", flat=True):
        networks = networks_parse(text)
        if networks and source_ip and address_allowed(source_ip, networks):
            return True
    return False


def _address_locked(source_ip: str, now: datetime) -> bool:
    if not source_ip or _address_managed(source_ip):
        return False
    rows = LoginAttempt.objects.filter(source_ip=source_ip)
    since = now - _cooldown()
    locked = _latest(rows, Reason.ADDRESS_LOCKOUT, since, now)
    unlocked = _latest(rows, Reason.ADDRESS_UNLOCKED, since, now)
    return locked is not None and (unlocked is None or unlocked < locked)


def _id_failures(username: str, now: datetime) -> tuple[int, datetime | None]:
    """Failures of this ID from any address in the window since its last success or unlock."""
    window_start = now - timedelta(minutes=settings.NENKIN_LOCKOUT_WINDOW_MINUTES)
    recent = LoginAttempt.objects.filter(username=username, at__gte=window_start, at__lte=now)
    reset = recent.filter(reason__in=_ID_RESETS).aggregate(at=Max("at"))["at"]
    if reset is not None:
        recent = recent.filter(at__gt=reset)
    failures = recent.filter(reason__in=FAILURES).aggregate(n=Count("id"), last=Max("at"))
    return failures["n"], failures["last"]


def _delay_remaining(username: str, source_ip: str, now: datetime) -> float:
    """Progressive delay for an ID failing from many addresses: after the threshold, each further
    failure doubles the wait (NENKIN_LOCKOUT_DELAY_SECONDS, …, up to the cool-down). The ID's own
    office terminals are exempt, so a spray from outside cannot keep the owner out."""
    owner = User.objects.select_related("office").filter(username=username).first()
    if owner is not None and owner.office is not None:
        networks = networks_parse(owner.office.allowed_networks)
        if networks is not None and source_ip and address_allowed(source_ip, networks):
            return 0
    failures, last = _id_failures(username, now)
    threshold = settings.NENKIN_LOCKOUT_THRESHOLD
    if failures < threshold or last is None:
        return 0
    wait = min(
        settings.NENKIN_LOCKOUT_DELAY_SECONDS * 2 ** (failures - threshold), _cooldown().total_seconds()
    )
    return max(wait - (now - last).total_seconds(), 0)


def account_lock_check(*, username: str, source_ip: str, now: datetime | None = None) -> LockScope | None:
    """Whether logins for this ID from this address are refused right now (and why)."""
    now = now or timezone.now()
    logged = login_id_for_log(username)
    if _pair_locked(logged, source_ip, now):
        return LockScope.ACCOUNT
    if _address_locked(source_ip, now):
        return LockScope.ADDRESS
    if _delay_remaining(logged, source_ip, now) > 0:
        return LockScope.DELAY
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
