from django.db import migrations

# viewflow's own tables have no index for the inbox and queue filters (viewflow.md §6). Partial
# indexes keep them small: open tasks are a few per cent of all tasks.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS nd_task_queue_idx ON viewflow_task "
    "(owner_permission, created, id) WHERE status = 'NEW' AND flow_task_type = 'HUMAN'",
    "CREATE INDEX IF NOT EXISTS nd_task_inbox_idx ON viewflow_task "
    "(owner_id, created, id) WHERE status = 'ASSIGNED' AND flow_task_type = 'HUMAN'",
    "CREATE INDEX IF NOT EXISTS nd_task_process_node_idx ON viewflow_task (process_id, flow_task)",
    "CREATE INDEX IF NOT EXISTS nd_task_node_status_idx ON viewflow_task (flow_task, status)",
    "CREATE INDEX IF NOT EXISTS nd_process_flow_status_idx ON viewflow_process (flow_class, status)",
]
DROPS = [
    "DROP INDEX IF EXISTS nd_task_queue_idx",
    "DROP INDEX IF EXISTS nd_task_inbox_idx",
    "DROP INDEX IF EXISTS nd_task_process_node_idx",
    "DROP INDEX IF EXISTS nd_task_node_status_idx",
    "DROP INDEX IF EXISTS nd_process_flow_status_idx",
]


class Migration(migrations.Migration):
    dependencies = [("viewflow", "0015_task_scheduled")]
    operations = [migrations.RunSQL(INDEXES, DROPS)]
