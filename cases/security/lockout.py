"""Whether logins are refused: the lockout state of an ID, an address, or an ID failing from many
addresses (cases/security/auth.py records the attempts this reads).

Whether an ID or an address is locked is read from the LoginAttempt rows, with one rule for IDs that
exist and IDs that do not, so the login screen never tells whether an ID exists. `User.failed_login_count`
and `User.locked_until` mirror that state for the admin screens.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from cases.security.login_ids import login_id_for_log
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
