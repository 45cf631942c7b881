"""Production: every secret must come from the environment; nothing has a default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import AUDIT_KEYS, MYNUMBER_HASH_KEY, MYNUMBER_KEYS, SECRET_KEY

_missing = [
    name
    for name, value in (
        ("DJANGO_SECRET_KEY", SECRET_KEY),
        ("NENKIN_MYNUMBER_KEYS", MYNUMBER_KEYS),
        ("NENKIN_MYNUMBER_HASH_KEY", MYNUMBER_HASH_KEY),
        ("NENKIN_AUDIT_KEYS", AUDIT_KEYS),
    )
    if not value
]
# The embedded defaults (SQLite, tasks run in-process with a memory broker) are the demo's: production
# names its PostgreSQL and its Redis, or does not start.
_missing += [name for name in ("DATABASE_URL", "REDIS_URL") if not env_str(name)]  # noqa: F405
if _missing:
    raise ImproperlyConfigured(
        "本番設定では次の環境変数が必須です (required in production): "
        + ", ".join(_missing)
        + " — 値の作り方は .env.example を参照してください。"
    )

# Each key does one job: a key reused elsewhere (the lookup hash keyed with the encryption key, the log's
# chain keyed with either) lets one leak undo two protections.
_named_keys = [(f"NENKIN_MYNUMBER_KEYS ({kid})", key) for kid, key in MYNUMBER_KEYS.items()]
_named_keys += [("NENKIN_MYNUMBER_HASH_KEY", MYNUMBER_HASH_KEY)]
_named_keys += [(f"NENKIN_AUDIT_KEYS ({kid})", key) for kid, key in AUDIT_KEYS.items()]
_named_keys += [("DJANGO_SECRET_KEY", SECRET_KEY.encode())]
_seen: dict[bytes, str] = {}
for _name, _key in _named_keys:
    if _key in _seen:
        raise ImproperlyConfigured(
            f"本番設定では同じ鍵を二つの用途に使えません: {_seen[_key]} と {_name} "
            "(.env.example を参照して別々に生成してください)。"
        )
    _seen[_key] = _name

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("本番設定では PostgreSQL が必須です (DATABASE_URL=postgres://…)。")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Nothing outside the desk links into it: a cookie that never rides on another site's request.
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Strict"
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HSTS preload binds the city's whole domain and is hard to undo: the city decides it, not this app.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
