"""The database roles: an owner that runs the migrations, and the application's role that owns nothing.

The application (web, worker, beat) connects as a role that may read and write the ordinary tables but
may only INSERT into and SELECT from the access log. Not owning any table, it cannot switch the log's
triggers off (ALTER TABLE … DISABLE TRIGGER needs the owner), drop them, or TRUNCATE the log; nor can
it set session_replication_role (superuser only). The owner's session runs `migrate`, which calls
these grants after every migration (post_migrate) when NENKIN_DB_APP_ROLE names the role, so tables
added later are granted too. compose.yaml creates the role (compose/db-init/) and sets both URLs.
"""

from django.conf import settings
from django.db import connections

AUDIT_TABLE = "cases_auditentry"


def _quoted(role: str) -> str:
    if not role or '"' in role or "\x00" in role:
        raise ValueError(f"invalid role name: {role!r}")
    return f'"{role}"'


def app_role_grant_statements(role: str) -> list[str]:
    """SQL run by the owner: what the application's role may do, and no more."""
    quoted = _quoted(role)
    return [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        # The access log: append and read only.
        f"REVOKE ALL ON {AUDIT_TABLE} FROM {quoted}",
        f"GRANT SELECT, INSERT ON {AUDIT_TABLE} TO {quoted}",
    ]


def app_role_grant(*, role: str, using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in app_role_grant_statements(role):
            cursor.execute(statement)


def app_role_grant_after_migrate(sender, using: str = "default", **kwargs) -> None:
    role = getattr(settings, "NENKIN_DB_APP_ROLE", "")
    if role:
        app_role_grant(role=role, using=using)
