"""Test settings: PostgreSQL and Redis, like the real deployment (see scripts/test)."""

import base64
import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nenkin")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")

from config.env import env_bool

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
# Every list compiled once per shape is compiled afresh too and compared (cases/common/shaped.py).
SHAPED_SQL_CHECK = True
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run Celery tasks in-process; tests/test_compose.py and the bundle fault tests
# start a real worker against Redis.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)
# The suite logs 係長 in without an authenticator app; the production default (supervisor, admin) is
# checked by tests/security/test_i11_roles.py.
NENKIN_TOTP_REQUIRED_ROLES: list[str] = []
MYNUMBER_KEYS = {"t1": base64.b64decode("dGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY=")}
MYNUMBER_HASH_KEY = base64.b64decode("dGVzdC1oYXNoLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=")
AUDIT_KEYS = {"a1": base64.b64decode("dGVzdC1hdWRpdC1rZXktMDEyMzQ1Njc4OWFiY2RlZjA=")}
# Tests that anchor the access log name their own file (tests/security/test_i11_audit_log.py).
NENKIN_AUDIT_ANCHOR_FILE = ""
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No collected static files in tests; WhiteNoise would only warn about the missing directory.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
# viewflow stores a flow by its module inside an installed app: tests/kernel defines a throwaway
# case type with its own flow (tests/kernel/test_plugin_casetype.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests"]  # noqa: F405
