"""二要素認証 (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) for 係長 and システム管理者.

The one-time codes come from pyotp (a kept library, instead of our own RFC 6238 code); what is ours
is where the secret lives and the replay rule. The shared secret is sealed with the application keyring (cases.security.crypto) and bound to its user row; it
never appears in logs or the audit detail. A code is accepted one step either side of the server's
clock, and a step that has been used once is refused afterwards (RFC 6238 §5.2).
"""

import base64
import hmac
import time
import unicodedata

import pyotp
from django.conf import settings
from django.http import HttpRequest

from cases.security.audit import audit_record
from cases.security.crypto import secret_open, secret_seal
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.roles import user_roles

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1
# The roles that may enrol; NENKIN_TOTP_REQUIRED_ROLES can make it mandatory for some of them.
TOTP_ROLES = frozenset({"supervisor", "admin"})
ISSUER = "Nenkin Desk"


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS, issuer=ISSUER)


def totp_code(key: bytes, counter: int) -> str:
    """The code of one 30-second step (the step number is the counter of RFC 4226)."""
    return _totp(base64.b32encode(key).decode()).generate_otp(counter)


def totp_secret_new() -> str:
    """160 random bits in base32 (what authenticator apps expect), without padding."""
    return pyotp.random_base32(length=32)


def _key(secret: str) -> bytes:
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def totp_code_normalize(code: str) -> str:
    # Japanese input methods often produce full-width digits; people also type spaces.
    return "".join(unicodedata.normalize("NFKC", code or "").split())


def totp_uri(*, secret: str, username: str) -> str:
    return _totp(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def totp_allowed(user: User) -> bool:
    return user.is_superuser or bool(user_roles(user) & TOTP_ROLES)


def totp_required(user: User) -> bool:
    required = set(settings.NENKIN_TOTP_REQUIRED_ROLES)
    if not required:
        return False
    roles = user_roles(user) | ({"admin"} if user.is_superuser else set())
    return bool(roles & required)


def _context(user: User) -> str:
    return totp_secret_context(user.pk)


def totp_secret_context(user_id: int) -> str:
    """What a user's sealed secret is bound to (the key rotation re-seals it for the same row)."""
    return f"totp/user/{user_id}"


def totp_seal_pending(*, user: User, secret: str) -> str:
    """A secret shown on the enrolment screen but not yet confirmed; kept sealed in the session."""
    return secret_seal(plaintext=secret, context=f"totp-enrol/user/{user.pk}")


def totp_open_pending(*, user: User, sealed: str) -> str:
    return secret_open(ciphertext=sealed, context=f"totp-enrol/user/{user.pk}")


def totp_check(*, user: User, secret: str, code: str, at: float | None = None) -> bool:
    """Whether the code is valid now and not used before; a valid code is used up by this call."""
    code = totp_code_normalize(code)
    if len(code) != DIGITS or not code.isdigit():
        return False
    key = _key(secret)
    now_step = int((time.time() if at is None else at) // STEP_SECONDS)
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp_code(key, step), code):
            # Used up by moving the user's last step on, in one conditional UPDATE: of two requests
            # with the same code (or a code of an earlier step) only one finds the row to change.
            moved = User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(totp_last_step=step)
            if moved:
                user.totp_last_step = step
            return bool(moved)
    return False


def totp_verify(*, user: User, code: str, at: float | None = None) -> bool:
    if not user.totp_enabled or not user.totp_secret:
        return False
    secret = secret_open(ciphertext=user.totp_secret, context=_context(user))
    return totp_check(user=user, secret=secret, code=code, at=at)


def totp_enable(*, user: User, secret: str, request: HttpRequest | None = None) -> None:
    user.totp_secret = secret_seal(plaintext=secret, context=_context(user))
    user.totp_enabled = True
    user.save(update_fields=["totp_secret", "totp_enabled"])
    audit_record(
        action=AuditAction.CHANGE,
        actor=user,
        request=request,
        target=f"職員:{user.username}",
        detail={"event": "totp_enabled"},
    )


def totp_disable(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """By the user (with a current code) or by an administrator (a lost device)."""
    user.totp_secret = ""
    user.totp_enabled = False
    user.save(update_fields=["totp_secret", "totp_enabled"])
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        target=f"職員:{user.username}",
        detail={"event": "totp_disabled"},
    )
