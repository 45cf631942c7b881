"""Settings shared by every environment; everything is driven by environment variables.

With nothing set this is the embedded default: a SQLite file and Celery tasks run in-process.
With DATABASE_URL and REDIS_URL set, PostgreSQL and a real Celery broker are used.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import decode_key, env_bool, env_int, env_list, env_str, parse_keyring

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("NENKIN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "viewflow.workflow",
    "cases",
    "workflows",
    "documents",
    "tasks",
]
# We mount our own screens over viewflow's engine; its Material shell middleware is not wanted.
VIEWFLOW = {"AUTOREGISTER": False}

MIDDLEWARE = [
    # Outermost: every response, including the other middlewares' refusals, carries the policy.
    "config.security.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # First of ours: every later layer (audit, lockout, terminal check) sees the real client address.
    "cases.security.middleware.ClientAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cases.common.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Login is the default: a view is reachable without it only if marked login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: each of these may log the user out and leave a message for the login screen.
    "cases.security.middleware.TerminalRestrictionMiddleware",
    "cases.security.middleware.IdleTimeoutMiddleware",
    "cases.security.middleware.ForcedStepMiddleware",
    # 監査 and 委託先 change nothing, whatever a view forgets (cases/security/access_rules.py READ_ONLY_*).
    "cases.security.middleware.ReadOnlyRoleMiddleware",
    # Every 403 and 404 a view raises for a signed-in user is in the access log (rate-limited).
    "cases.security.middleware.RefusalAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "cases.User"
AUTHENTICATION_BACKENDS = ["cases.security.auth_backend.DeskBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cases.common.context_processors.desk",
                "cases.common.context_processors.security",
                "cases.security.drafts.drafts",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nenkin.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is checked before a request uses it (PostgreSQL restarted, network cut).
        conn_health_checks=True,
    )
}
# Parameters bound by the server, and a statement run 5 times on a connection prepared: PostgreSQL then
# skips parsing and planning it. The desk's steps repeat the same few dozen statements, and planning
# their joins was about a fifth of the database's CPU per case (decisions §36). Off for a pooler that
# cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_SERVER_SIDE_BINDING", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=env_int("DATABASE_PREPARE_THRESHOLD", 5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # A cache call that cannot reach Redis is a miss (cases.common.cache): the pages stay up without it.
    CACHES = {
        "default": {
            "BACKEND": "cases.common.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env_str("NENKIN_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent on every response by config.security.ContentSecurityPolicyMiddleware: no inline script or
# style anywhere (templates are checked by tests/security/test_headers.py).
NENKIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# 個人番号: AES-256-GCM keyring (first key encrypts) and a separate HMAC key for exact lookup.
_keys = env_str("NENKIN_MYNUMBER_KEYS")
MYNUMBER_KEYS = parse_keyring("NENKIN_MYNUMBER_KEYS", _keys) if _keys else {}
_hash_key = env_str("NENKIN_MYNUMBER_HASH_KEY")
MYNUMBER_HASH_KEY = decode_key("NENKIN_MYNUMBER_HASH_KEY", _hash_key) if _hash_key else b""

# The access log's hash chain is keyed (HMAC-SHA256) with a secret held outside the database;
# keyring like the 個人番号 keys: the first key signs, every listed key verifies.
_audit_keys = env_str("NENKIN_AUDIT_KEYS")
AUDIT_KEYS = parse_keyring("NENKIN_AUDIT_KEYS", _audit_keys) if _audit_keys else {}
# Where the daily job appends the signed head of the access log (append-only, outside the database).
NENKIN_AUDIT_ANCHOR_FILE = env_str("NENKIN_AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchors.log"))
# The application's own database role (owns nothing; INSERT and SELECT only on the access log). Set on
# the migrate run, which connects as the owner and grants this role what it may do after migrating.
NENKIN_DB_APP_ROLE = env_str("NENKIN_DB_APP_ROLE", "")

# Authentication (assessment III: ID/パスワード, 有効期限で失効, 端末の管理, 画面を長時間表示させない).
NENKIN_PASSWORD_MAX_AGE_DAYS = env_int("NENKIN_PASSWORD_MAX_AGE_DAYS", 90)
NENKIN_PASSWORD_GRACE_DAYS = env_int("NENKIN_PASSWORD_GRACE_DAYS", 14)
NENKIN_LOCKOUT_THRESHOLD = env_int("NENKIN_LOCKOUT_THRESHOLD", 5)
NENKIN_LOCKOUT_IP_THRESHOLD = env_int("NENKIN_LOCKOUT_IP_THRESHOLD", 20)
NENKIN_LOCKOUT_WINDOW_MINUTES = env_int("NENKIN_LOCKOUT_WINDOW_MINUTES", 15)
NENKIN_LOCKOUT_COOLDOWN_MINUTES = env_int("NENKIN_LOCKOUT_COOLDOWN_MINUTES", 30)
# An ID failing from many addresses waits this long after the threshold, doubling with each failure.
NENKIN_LOCKOUT_DELAY_SECONDS = env_int("NENKIN_LOCKOUT_DELAY_SECONDS", 15)
NENKIN_IDLE_TIMEOUT_SECONDS = env_int("NENKIN_IDLE_TIMEOUT_SECONDS", 600)
# A background job silent this long is shown as stopped, with the action that resumes it; an upload
# stopped this many hours has its file (names, addresses, possibly 個人番号) deleted by the hourly sweep.
NENKIN_JOB_STALE_SECONDS = env_int("NENKIN_JOB_STALE_SECONDS", 300)
NENKIN_UPLOAD_ABANDON_HOURS = env_int("NENKIN_UPLOAD_ABANDON_HOURS", 6)
# A refusal (403/404) is logged once per user and URL within this many seconds.
NENKIN_REFUSAL_LOG_SECONDS = env_int("NENKIN_REFUSAL_LOG_SECONDS", 600)
# Networks our reverse proxies connect from; X-Forwarded-For is believed only from them.
NENKIN_TRUSTED_PROXIES = env_list("NENKIN_TRUSTED_PROXIES")
# The city runs without terminal restriction on purpose: `check --deploy` then only warns about offices with
# staff and no terminal networks, instead of stopping (nenkin.E201, cases/security/terminal_checks.py).
NENKIN_OPEN_TERMINALS_OK = env_bool("NENKIN_OPEN_TERMINALS_OK", False)
# 係長 and システム管理者 must use a second factor (issue 11); the demo relaxes it (config/settings/local.py).
NENKIN_TOTP_REQUIRED_ROLES = env_list("NENKIN_TOTP_REQUIRED_ROLES", ["supervisor", "admin"])
# The least each may be set to (.env.example says so beside each; tests/test_settings_env.py checks it).
ENV_MINIMUMS = {
    "NENKIN_PASSWORD_MAX_AGE_DAYS": 1,
    "NENKIN_PASSWORD_GRACE_DAYS": 0,
    "NENKIN_LOCKOUT_THRESHOLD": 1,
    "NENKIN_LOCKOUT_IP_THRESHOLD": 1,
    "NENKIN_LOCKOUT_WINDOW_MINUTES": 1,
    "NENKIN_LOCKOUT_COOLDOWN_MINUTES": 1,
    "NENKIN_LOCKOUT_DELAY_SECONDS": 1,
    "NENKIN_IDLE_TIMEOUT_SECONDS": 30,
    "NENKIN_REFUSAL_LOG_SECONDS": 1,
    "NENKIN_JOB_STALE_SECONDS": 30,
    "NENKIN_UPLOAD_ABANDON_HOURS": 1,
    "NENKIN_REVEAL_LIMIT_PER_HOUR": 1,
    "NENKIN_REVEAL_DAILY_ALERT": 1,
    "NENKIN_REVEAL_REFUSALS_PER_HOUR": 1,
}
for _cidr in NENKIN_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_cidr, strict=True)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"NENKIN_TRUSTED_PROXIES の「{_cidr}」はネットワークアドレス (例: 172.16.0.0/24) ではありません"
        ) from _exc
# Only these roles can enrol a second factor (cases.security.totp.TOTP_ROLES says the same).
if not set(NENKIN_TOTP_REQUIRED_ROLES) <= {"supervisor", "admin"}:
    raise ImproperlyConfigured("NENKIN_TOTP_REQUIRED_ROLES には supervisor, admin のみ指定できます")

# 個人番号の表示 (issue 11 H3): the most one member of staff may reveal in an hour before revealing is
# suspended and the auditor alerted, and the day's count above which the daily report alerts anyway.
NENKIN_REVEAL_LIMIT_PER_HOUR = env_int("NENKIN_REVEAL_LIMIT_PER_HOUR", 20)
NENKIN_REVEAL_DAILY_ALERT = env_int("NENKIN_REVEAL_DAILY_ALERT", 100)
# Searches by 個人番号 count toward the hourly limit with the reveals (a search discloses whose number it is).
# Reveals refused for want of a 係長's approval in an hour at which one member of staff's revealing is suspended
# (the refusal that reaches it suspends) and the auditor alerted (PIA III: 権限のない者による不正使用の防止): a
# clerk probing strangers. Each
# honest refusal is followed by a request for approval on the same form; ten strangers an hour is already a lot.
NENKIN_REVEAL_REFUSALS_PER_HOUR = env_int("NENKIN_REVEAL_REFUSALS_PER_HOUR", 10)
for _name, _minimum in ENV_MINIMUMS.items():
    if globals()[_name] < _minimum:
        raise ImproperlyConfigured(f"環境変数 {_name} は {_minimum} 以上で指定してください")

# The city this installation serves (地方公共団体コード with check digit, 旭川市 = 012041).
NENKIN_LG_CODE = env_str("NENKIN_LG_CODE", "012041")
NENKIN_CITY_NAME = env_str("NENKIN_CITY_NAME", "旭川市")
NENKIN_PENSION_OFFICE = env_str("NENKIN_PENSION_OFFICE", "旭川年金事務所")
# The Japanese font the PDFs are laid out with; rendering refuses to start without it (documents.E001).
NENKIN_PDF_FONT_FAMILY = env_str("NENKIN_PDF_FONT_FAMILY", "IPAexGothic")
# A long list (the 送付一覧表) is laid out in parts by up to this many processes at once, none of
# them fewer rows than NENKIN_DOCUMENT_PART_ROWS; a part not back in NENKIN_DOCUMENT_PART_TIMEOUT
# seconds is laid out again by the job itself (documents/parts.py, documents/parallel.py).
# The CPUs this process may run on (a container's cpuset, not the host's count).
NENKIN_DOCUMENT_PROCESSES = env_int("NENKIN_DOCUMENT_PROCESSES", min(4, len(os.sched_getaffinity(0))))
NENKIN_DOCUMENT_PART_ROWS = env_int("NENKIN_DOCUMENT_PART_ROWS", 300)
NENKIN_DOCUMENT_PART_TIMEOUT = env_int("NENKIN_DOCUMENT_PART_TIMEOUT", 300)
for _name in ("NENKIN_DOCUMENT_PROCESSES", "NENKIN_DOCUMENT_PART_ROWS", "NENKIN_DOCUMENT_PART_TIMEOUT"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"環境変数 {_name} は 1 以上で指定してください")

# Celery: a real broker when REDIS_URL is set, otherwise tasks run in-process (embedded default).
# Even in-process, Celery takes a producer from the broker's pool for every job, so the in-memory
# broker names its host: a bare "memory://" made kombu warn "No hostname was supplied" on each run.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 600)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 900)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 4 * 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

LOGGING_CONFIG = "cases.security.logging.logging_configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "cases.security.logging.RedactPersonalNumbers"},
        "quiet_refusals": {"()": "cases.security.logging.QuietRefusals"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"], "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.request": {"filters": ["quiet_refusals"]},
    },
}

# Retention (保管・消去): how long after 消除 a resident's records are kept, and which fields the purge
# blanks besides the 個人番号 (which is always removed irreversibly).
NENKIN_RETENTION_YEARS = env_int("NENKIN_RETENTION_YEARS", 5)
NENKIN_RETENTION_PURGE_FIELDS = env_list("NENKIN_RETENTION_PURGE_FIELDS", [])
# Days a 勧奨 list's lines that matched nobody keep their names (cases/qualification/list_retention.py).
NENKIN_LIST_UNMATCHED_DAYS = env_int("NENKIN_LIST_UNMATCHED_DAYS", 90)
