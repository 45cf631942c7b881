"""The flow files moved to workflows/flows/ (one file per case type). viewflow stores each process's
flow and each task's node as a dotted reference into the module, so the stored references follow."""

from django.db import migrations

MOVES = (
    ("workflows/exemption.", "workflows/flows.exemption."),
    ("workflows/requests.", "workflows/flows.requests."),
)


def _rewrite(apps, schema_editor, moves):
    with schema_editor.connection.cursor() as cursor:
        for old, new in moves:
            for table, column in (("viewflow_process", "flow_class"), ("viewflow_task", "flow_task")):
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s || substr({column}, %s) WHERE {column} LIKE %s",
                    [new, len(old) + 1, old + "%"],
                )


def forwards(apps, schema_editor):
    _rewrite(apps, schema_editor, MOVES)


def backwards(apps, schema_editor):
    _rewrite(apps, schema_editor, [(new, old) for old, new in MOVES])


class Migration(migrations.Migration):
    dependencies = [("workflows", "0002_desk_indexes"), ("viewflow", "0015_task_scheduled")]

    operations = [migrations.RunPython(forwards, backwards)]
