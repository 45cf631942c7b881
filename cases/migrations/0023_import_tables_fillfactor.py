"""The weekly 住基 and 所得 extracts update about a tenth of their rows (moves, deaths, 更正) and change no
indexed column of them. PostgreSQL can then write the new row version on the same page without a new
entry in any index (a HOT update) — but only if the page has room, and a table filled by the first
import's COPY has none. Leaving 10% of each page free made 77% of a 10% resident file's updates and 87%
of an income file's HOT, the UPDATE 2.5× and 1.9× faster (docs/benchmarks.md, ## Imports), and leaves no
dead index entries for VACUUM to clean each week.

Pages written before this keep their packing until the table is rewritten (VACUUM FULL, at a quiet hour);
new pages, and every table a new installation fills, get the room. PostgreSQL only."""

from django.db import migrations

TABLES = ("cases_resident", "cases_incomerecord")
FILLFACTOR = 90


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {FILLFACTOR})")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("cases", "0022_send_due_on_every_filing")]
    operations = [migrations.RunPython(set_fillfactor, reset_fillfactor)]
