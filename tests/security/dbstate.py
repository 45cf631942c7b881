"""A digest of every business table, to show that a refused request changed nothing."""

from django.apps import apps
from django.db import connection

# Written on purpose by refused requests (the access log, the lockout's count).
NOT_BUSINESS = {"cases.auditentry", "cases.loginattempt"}
APPS = {"cases", "documents", "viewflow", "auth", "django_celery_beat"}


def _tables() -> list[str]:
    tables = set()
    for model in apps.get_models():
        meta = model._meta
        if (
            meta.app_label in APPS
            and meta.label_lower not in NOT_BUSINESS
            and meta.managed
            and not meta.proxy
        ):
            tables.add(meta.db_table)
            tables.update(f.remote_field.through._meta.db_table for f in meta.local_many_to_many)
    return sorted(tables)


def db_state() -> dict[str, str]:
    """Table → row count and md5 of all rows (PostgreSQL), in one query."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT '{table}', count(*)::text || ':' || "
        f"md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(table)} t"
        for table in _tables()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return dict(cursor.fetchall())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in after if before.get(table) != after[table])
