"""M3 (issue 11): an access log the application cannot erase (assessment III: 認証・認可・監査).

- PostgreSQL refuses TRUNCATE as well as UPDATE and DELETE (a BEFORE TRUNCATE trigger);
- the application connects as a role that owns nothing and may only INSERT and SELECT on the log: it
  can neither UPDATE, DELETE, TRUNCATE nor switch the trigger off (migrations run as the owner);
- the chain is keyed with a secret held outside the database, so re-hashing from an edited entry to
  the head no longer verifies;
- the head is anchored outside the database (a signed line appended to a file by a daily job), and
  verify_audit_log checks the log against the last anchor: an emptied or shortened log is reported;
- on the SQLite demo the log has triggers too, and deleted rows are noticed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from cases.security.audit import audit_entry_digest, audit_record
from cases.security.audit_anchor import audit_anchor_write
from cases.security.db_roles import app_role_grant_statements
from cases.security.models.audit import AuditAction, AuditEntry
from tasks.schedules import SCHEDULES

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
OTHER_KEY = {"x9": b"k" * 32}


@pytest.fixture
def anchors(settings, tmp_path) -> Path:
    settings.NENKIN_AUDIT_ANCHOR_FILE = str(tmp_path / "anchors" / "audit-anchors.log")
    return Path(settings.NENKIN_AUDIT_ANCHOR_FILE)


@pytest.fixture
def log(clerk):
    return [
        audit_record(action=AuditAction.VIEW, actor=clerk, resident_id=n, target="case", purpose=f"確認 {n}")
        for n in range(5)
    ]


def as_superuser(sql: str, params=None) -> None:
    """What a DBA who owns the table could do: switch the triggers off for one statement."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE cases_auditentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE cases_auditentry ENABLE TRIGGER USER")


def verify_fails(**options) -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log", **options)
    return str(excinfo.value)


# --- the database ------------------------------------------------------------------------------


@pytest.mark.pg
def test_truncate_of_the_access_log_is_refused(log, capsys):
    """The attack: TRUNCATE was not refused, and verify_audit_log then reported 「正常: 0 件」."""
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_auditentry")
    assert AuditEntry.objects.count() == 5


def _app_connection_kwargs(role: str) -> dict:
    settings = connection.settings_dict
    return {
        "dbname": settings["NAME"],
        "host": settings.get("HOST") or "127.0.0.1",
        "port": settings.get("PORT") or 5432,
        "user": role,
        "password": "app-role-test-only",
    }


@pytest.fixture
def app_role(log):
    """The application's role, made and granted by the same statements compose's set-up uses, on a
    connection of its own (roles are cluster-wide; GRANTs must be committed for another session)."""
    settings = connection.settings_dict
    role = f"{settings['NAME']}_app"[:63]
    admin = psycopg.connect(
        dbname=settings["NAME"],
        host=settings.get("HOST") or "127.0.0.1",
        port=settings.get("PORT") or 5432,
        user=settings["USER"],
        password=settings.get("PASSWORD") or None,
        autocommit=True,
    )
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
        cursor.execute(f"ALTER ROLE \"{role}\" PASSWORD 'app-role-test-only'")
        for statement in app_role_grant_statements(role):
            cursor.execute(statement)
    try:
        yield role
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')
        admin.close()


def _refused(app, sql: str) -> str:
    """Runs `sql` as the application role; returns the error text (the statement must fail)."""
    with app.cursor() as cursor:
        try:
            cursor.execute(sql)
        except psycopg.Error as exc:
            app.rollback()
            return str(exc)
    app.rollback()
    raise AssertionError(f"the application role was allowed: {sql}")


@pytest.mark.pg
def test_the_application_role_can_only_insert_and_read_the_log(app_role, log):
    with psycopg.connect(**_app_connection_kwargs(app_role)) as app:
        with app.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM cases_auditentry")  # reading is allowed
            cursor.execute(
                "INSERT INTO cases_auditentry (at, actor_username, office_code, source_ip, action, target,"
                " purpose, detail, prev_hash, entry_hash, key_id)"
                " VALUES (now(), 'x', '', '', 'view', '', '', '{}', 'p', 'h-app-role-test', '')"
            )
            cursor.execute("SELECT count(*) FROM cases_resident")  # ordinary tables: read and write
            cursor.execute("UPDATE cases_office SET phone = phone WHERE false")
        app.rollback()
        assert "permission denied" in _refused(app, "UPDATE cases_auditentry SET purpose = 'x'")
        assert "permission denied" in _refused(app, "DELETE FROM cases_auditentry")
        assert "permission denied" in _refused(app, "TRUNCATE cases_auditentry")
        assert "owner" in _refused(app, "ALTER TABLE cases_auditentry DISABLE TRIGGER ALL")
        assert "owner" in _refused(app, "DROP TRIGGER cases_auditentry_no_truncate ON cases_auditentry")
        assert "permission denied" in _refused(app, "SET session_replication_role = replica")
        with app.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = %s",
                [app_role],
            )
            assert cursor.fetchone()[0] == 0, "the application role must own nothing"


# --- the chain and its anchor ------------------------------------------------------------------


@pytest.mark.pg
def test_rehashing_from_an_edited_entry_to_the_head_is_detected(log, settings):
    """The attack: edit an entry and recompute every hash after it; the unkeyed chain verified clean.
    Without the key (NENKIN_AUDIT_KEYS, outside the database) the recomputed hashes do not match."""
    rows = list(AuditEntry.objects.order_by("id"))
    real_keys = settings.AUDIT_KEYS
    settings.AUDIT_KEYS = OTHER_KEY  # the forger's guess at the key
    previous = rows[1].entry_hash
    forged = []
    for entry in rows[2:]:
        if entry.pk == rows[2].pk:
            entry.purpose = "改ざん"
        entry.prev_hash = previous
        entry.key_id = next(iter(OTHER_KEY))
        entry.entry_hash = audit_entry_digest(entry)
        previous = entry.entry_hash
        forged.append(entry)
    for entry in forged:
        as_superuser(
            "UPDATE cases_auditentry SET purpose = %s, prev_hash = %s, entry_hash = %s, key_id = %s WHERE id = %s",
            [entry.purpose, entry.prev_hash, entry.entry_hash, entry.key_id, entry.pk],
        )
    settings.AUDIT_KEYS = real_keys
    message = verify_fails()
    assert f"ID {rows[2].pk}" in message


@pytest.mark.pg
def test_an_emptied_log_is_caught_against_the_anchor(log, anchors):
    audit_anchor_write()
    as_superuser("DELETE FROM cases_auditentry")
    message = verify_fails()
    assert "アンカー" in message and "正常" not in message


@pytest.mark.pg
def test_a_shortened_log_is_caught_against_the_anchor(log, anchors, capsys):
    audit_anchor_write()
    call_command("verify_audit_log")
    assert "アンカー" in capsys.readouterr().out
    as_superuser("DELETE FROM cases_auditentry WHERE id >= %s", [log[3].pk])
    assert "アンカー" in verify_fails()


def test_a_forged_anchor_line_is_refused(log, anchors):
    audit_anchor_write()
    line = json.loads(anchors.read_text(encoding="utf-8").splitlines()[-1])
    line["count"] = 3
    with open(anchors, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    assert "署名" in verify_fails()


def test_anchors_are_appended_never_rewritten(log, anchors, clerk):
    first = audit_anchor_write()
    audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    second = audit_anchor_write()
    lines = anchors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["head"] == first.head
    assert second.count == first.count + 1


def test_a_daily_job_anchors_the_head():
    from tasks.celery import app

    app.loader.import_default_modules()
    schedule = next(s for s in SCHEDULES if s.task == "security.audit_anchor")
    assert schedule.crontab.split()[2:] == ["*", "*", "*"]  # every day
    assert "security.audit_anchor" in app.tasks


# --- the SQLite demo ---------------------------------------------------------------------------

SQLITE_SCRIPT = r"""
import json, sqlite3, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, transaction
from cases.security.audit import audit_record
from cases.security.audit_anchor import audit_anchor_write
from cases.security.models.audit import AuditEntry
out = {}
call_command("migrate", verbosity=0, interactive=False)
entries = [audit_record(action="view", username="demo", target=f"t{n}") for n in range(3)]
for name, attempt in (
    ("update", lambda: AuditEntry.objects.filter(pk=entries[1].pk).update(purpose="x")),
    ("delete", lambda: AuditEntry.objects.filter(pk=entries[2].pk).delete()),
):
    try:
        with transaction.atomic():
            attempt()
        out[name] = "allowed"
    except DatabaseError as exc:
        out[name] = "refused"
audit_anchor_write()
raw = sqlite3.connect(settings.DATABASES["default"]["NAME"])
names = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='cases_auditentry'")]
for name in names:
    raw.execute(f"DROP TRIGGER {name}")
raw.execute("DELETE FROM cases_auditentry WHERE id = (SELECT max(id) FROM cases_auditentry)")
raw.commit()
try:
    call_command("verify_audit_log")
    out["verify"] = "clean"
except Exception as exc:
    out["verify"] = str(exc)
out["triggers"] = sorted(names)
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


def test_the_sqlite_demo_log_has_triggers_and_deletions_are_noticed(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        NENKIN_VAR_DIR=str(tmp_path),
        NENKIN_AUDIT_ANCHOR_FILE=str(tmp_path / "anchors.log"),
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stderr[-3000:]
    out = json.loads(lines[-1][len("RESULT ") :])
    assert out["update"] == "refused" and out["delete"] == "refused"
    assert len(out["triggers"]) >= 2
    assert out["verify"] != "clean" and "アンカー" in out["verify"]


def test_compose_runs_the_application_as_the_role_that_owns_nothing():
    import yaml

    services = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["services"]
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://nenkin_app:"), name
    migrate = services["migrate"]["environment"]
    assert migrate["DATABASE_URL"].startswith("postgres://nenkin:")
    assert migrate["NENKIN_DB_APP_ROLE"] == "nenkin_app"
    init = (ROOT / "compose" / "db-init" / "10-app-role.sh").read_text(encoding="utf-8")
    assert "CREATE ROLE nenkin_app LOGIN NOSUPERUSER" in init
