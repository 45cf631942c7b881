"""What a login ID may look like, and how it is written down.

An ID is ASCII letters and digits, with ``. _ @ + -`` inside (never first): a value outside that
alphabet cannot belong to any account, so the login screen refuses it before the lockout records or
the access log see it (a failed login with the ID ``=HYPERLINK(...)`` needs no account).

Someone may type their 個人番号 into the ID field. Such an ID (12 digits, grouped or not) is never
stored: the lockout records and the access log keep a keyed hash of it instead, which still counts
repeated failures of the same value.
"""

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from cases.common.freetext import contains_mynumber_like

LOGIN_ID_MAX_LENGTH = 150
_LOGIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+\-]{0,149}")
HASHED_PREFIX = "#"

login_id_validator = RegexValidator(
    regex=r"\A[A-Za-z0-9][A-Za-z0-9._@+\-]{0,149}\Z",
    message=_("ユーザーIDは半角英数字で始め、半角英数字と . _ @ + - だけで入力してください。"),
    code="invalid_login_id",
)


# What the account forms say about the ID (the model field's help text): the rules above, in words.
LOGIN_ID_HELP = _(
    "半角英数字で始め、半角英数字と . _ @ + - だけで150文字以内。"
    "12桁の数字 (個人番号と紛らわしい番号) は使えません。"
)


def login_id_not_mynumber(value: str) -> None:
    """Validator: such an ID would be shown in headers and stored in the access log in plain."""
    if login_id_looks_like_mynumber(value):
        raise ValidationError(
            _("ユーザーIDに12桁の数字 (個人番号と紛らわしい番号) は使えません。"),
            code="mynumber_like_login_id",
        )


def login_id_valid(value: str) -> bool:
    return bool(value) and _LOGIN_ID.fullmatch(value) is not None


def login_id_looks_like_mynumber(value: str) -> bool:
    return contains_mynumber_like(unicodedata.normalize("NFKC", value or ""))


def login_id_for_log(value: str) -> str:
    """The ID as the lockout and the access log keep it: a 個人番号-like ID becomes a keyed hash."""
    if value.startswith(HASHED_PREFIX) or not login_id_looks_like_mynumber(value):
        return value[:LOGIN_ID_MAX_LENGTH]
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isdigit())
    # Its own domain: the value must not match the 個人番号 lookup hash kept with the number.
    key = settings.MYNUMBER_HASH_KEY or settings.SECRET_KEY.encode()
    digest = hmac.new(key, b"nenkin-desk/login-id/" + digits.encode(), hashlib.sha256)
    return f"{HASHED_PREFIX}{digest.hexdigest()[:16]}"
