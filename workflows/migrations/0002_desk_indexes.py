from django.db import migrations

# Found with bench/bench_desk.py (50,000 open and 500,000 finished tasks, docs/benchmarks.md):
# - the queue's page read walked viewflow's plain `created` index through every finished task, because
#   a list of permissions cannot be read in order from nd_task_queue_idx; this one holds only unclaimed
#   open tasks, in queue order, with what the queue count filters on, so the count reads the index alone;
# - the office filter and separation of duties (workflows/selectors.py) read case → process lists;
# - the desk home lists escalated approvals and overdue documents, each a small share of all cases;
# - status, node type and permission are far from independent (open tasks are a few per cent of all,
#   finished ones keep their permission): without joint statistics the planner took a 12,000-task
#   queue for 500 and sorted all of it instead of reading the index in order.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS nd_task_queue_open_idx ON viewflow_task (created, id) "
    "INCLUDE (owner_permission, process_id, flow_task) "
    "WHERE status = 'NEW' AND flow_task_type = 'HUMAN' AND owner_id IS NULL",
    "CREATE INDEX IF NOT EXISTS nd_case_office_process_idx ON cases_case (office_id, process_id) "
    "WHERE process_id IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS nd_case_escalated_idx ON cases_case (stage_since) "
    "WHERE stage = 'approval' AND approval_escalated_at IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS nd_case_documents_due_idx ON cases_case (documents_due_on) "
    "WHERE stage = 'awaiting_documents'",
    "CREATE STATISTICS IF NOT EXISTS nd_task_open_stats (mcv) "
    "ON status, flow_task_type, owner_permission FROM viewflow_task",
    "ANALYZE viewflow_task",
]
DROPS = [
    "DROP STATISTICS IF EXISTS nd_task_open_stats",
    "DROP INDEX IF EXISTS nd_task_queue_open_idx",
    "DROP INDEX IF EXISTS nd_case_office_process_idx",
    "DROP INDEX IF EXISTS nd_case_escalated_idx",
    "DROP INDEX IF EXISTS nd_case_documents_due_idx",
]




def forward(apps, schema_editor):
    # INCLUDE, CREATE STATISTICS and ANALYZE are PostgreSQL's; the SQLite demo does without them.
    if schema_editor.connection.vendor == "postgresql":
        for statement in INDEXES:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROPS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_task_indexes"), ("cases", "0007_cases_and_audit")]
    operations = [migrations.RunPython(forward, backward)]
