# Issue 11: close the insider holes (docs/decisions.md §12).
from django.db import migrations, models

# PostgreSQL: TRUNCATE is refused like UPDATE and DELETE (0009). The test suite empties tables between
# transactional tests with session_replication_role = replica, which only a superuser may set
# (tests/conftest.py); the application's role can do neither (cases/security/db_roles.py).
PG_TRUNCATE = """
DROP TRIGGER IF EXISTS cases_auditentry_no_truncate ON cases_auditentry;
CREATE TRIGGER cases_auditentry_no_truncate
    BEFORE TRUNCATE ON cases_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION cases_auditentry_append_only();
"""
PG_TRUNCATE_DROP = "DROP TRIGGER IF EXISTS cases_auditentry_no_truncate ON cases_auditentry;"

# SQLite (the embedded demo): the same refusal. SQLite has no TRUNCATE; DELETE covers it.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS cases_auditentry_no_update BEFORE UPDATE ON cases_auditentry
    BEGIN SELECT RAISE(ABORT, 'cases_auditentry is append-only (UPDATE refused)'); END;""",
    """CREATE TRIGGER IF NOT EXISTS cases_auditentry_no_delete BEFORE DELETE ON cases_auditentry
    BEGIN SELECT RAISE(ABORT, 'cases_auditentry is append-only (DELETE refused)'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS cases_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS cases_auditentry_no_delete;",
]


def triggers_forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_TRUNCATE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement, params=None)


def triggers_backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_TRUNCATE_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_office_phone_use_resumed")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16, verbose_name="鍵ID"),
        ),
        migrations.RunPython(triggers_forward, triggers_backward),
    ]
