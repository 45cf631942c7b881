"""Embedded default for the demo: no services needed. Secrets are generated once per checkout."""

import base64
import json
import os
import secrets
from pathlib import Path

from config.env import env_bool, env_list

from .base import *  # noqa: F403
from .base import VAR_DIR

# The application's own error pages, also in the demo: Django's debug pages show settings and data.
DEBUG = env_bool("DJANGO_DEBUG", False)
# Without DEBUG, runserver serves no static files: WhiteNoise serves them from the apps' folders.
WHITENOISE_USE_FINDERS = True
# The demo's logins have no authenticator app: two-factor authentication stays optional here.
NENKIN_TOTP_REQUIRED_ROLES = env_list("NENKIN_TOTP_REQUIRED_ROLES", [])
SQLITE_BUSY_TIMEOUT_SECONDS = 20

_secrets_file = VAR_DIR / "local-secrets.json"


def _local_secrets() -> dict[str, str]:
    existing = json.loads(_secrets_file.read_text(encoding="utf-8")) if _secrets_file.exists() else {}
    generated = {
        "secret_key": secrets.token_urlsafe(50),
        "mynumber_key": base64.b64encode(secrets.token_bytes(32)).decode(),
        "hash_key": base64.b64encode(secrets.token_bytes(32)).decode(),
        "audit_key": base64.b64encode(secrets.token_bytes(32)).decode(),
        **existing,
    }
    if generated != existing:  # a checkout from before a key was added gets the missing one
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _secrets_file.write_text(json.dumps(generated), encoding="utf-8")
        os.chmod(_secrets_file, 0o600)
    return generated


_generated = _local_secrets()
SECRET_KEY = SECRET_KEY or _generated["secret_key"]  # noqa: F405
if not MYNUMBER_KEYS:  # noqa: F405
    MYNUMBER_KEYS = {"local": base64.b64decode(_generated["mynumber_key"])}
if not MYNUMBER_HASH_KEY:  # noqa: F405
    MYNUMBER_HASH_KEY = base64.b64decode(_generated["hash_key"])
if not AUDIT_KEYS:  # noqa: F405
    AUDIT_KEYS = {"local": base64.b64decode(_generated["audit_key"])}

# The embedded SQLite file serves a whole office trying the demo at once. WAL lets readers go on
# while one request writes; a writer waits up to 20 s for the lock instead of failing at once with
# "database is locked"; and every transaction takes the write lock when it begins (IMMEDIATE), so two
# requests never both read and then fail on upgrading to a write, which no busy timeout can cure.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        {
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # It holds names, addresses and income in plain: its owner's alone, like local-secrets.json. SQLite
    # gives its -wal and -shm files the database file's mode, so creating that file 0600 covers them.
    _database = str(DATABASES["default"]["NAME"])  # noqa: F405
    if _database != ":memory:" and not _database.startswith("file:"):
        Path(_database).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        Path(_database).touch(mode=0o600, exist_ok=True)
        os.chmod(_database, 0o600)
