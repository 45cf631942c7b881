from django.db import migrations

# On PostgreSQL the access log refuses UPDATE and DELETE outright; the hash chain (verify_audit_log)
# catches whatever is done around the trigger by someone who can drop it. TRUNCATE stays possible
# because the test framework flushes tables with it; emptying the log is caught by verify_audit_log's
# comparison with the last anchored head.
CREATE = """
CREATE OR REPLACE FUNCTION cases_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_auditentry is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cases_auditentry_no_change ON cases_auditentry;
CREATE TRIGGER cases_auditentry_no_change
    BEFORE UPDATE OR DELETE ON cases_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION cases_auditentry_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS cases_auditentry_no_change ON cases_auditentry;
DROP FUNCTION IF EXISTS cases_auditentry_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_submission_and_security")]
    operations = [migrations.RunPython(forward, backward)]
