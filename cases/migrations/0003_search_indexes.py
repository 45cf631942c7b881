from django.db import migrations

# Name search is a prefix match (LIKE 'ｱｻﾋ%'); PostgreSQL only uses a btree for that under the
# C collation or with the *_pattern_ops operator class.
INDEXES = [
    ("resident_kana_prefix_idx", "cases_resident", "kana_search varchar_pattern_ops"),
    ("resident_kanji_prefix_idx", "cases_resident", "kanji_search varchar_pattern_ops"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_offices")]
    operations = [migrations.RunPython(create, drop)]
