from django.db import migrations

# The separation of duties (workflows/selectors.py) asks, on every queue request, for the processes of the
# cases this user entered (照合 is refused to the 入力者) or cross-checked (決裁 is refused to the 照合者).
# The foreign keys' own indexes found those cases but PostgreSQL then read each one from the table for its
# process (a bitmap heap scan: 1,050 cases, 2.6 ms of the clerk's 4 ms page read on the desk bench's data,
# and as much again in the count); with the process in the index it is answered from the index alone
# (0.1 ms). tests/workflows/test_duty_indexes.py asks the same of any role a new flow excludes.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS nd_case_inputter_process_idx ON cases_case (inputter_id, process_id) "
    "WHERE process_id IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS nd_case_cross_checker_process_idx ON cases_case (cross_checker_id, process_id) "
    "WHERE process_id IS NOT NULL",
]
DROPS = [
    "DROP INDEX IF EXISTS nd_case_inputter_process_idx",
    "DROP INDEX IF EXISTS nd_case_cross_checker_process_idx",
]


class Migration(migrations.Migration):
    dependencies = [("workflows", "0003_flow_files_moved"), ("cases", "0056_registry_transfer_produced_by")]
    # Plain partial indexes: SQLite (the demo) takes them as PostgreSQL does.
    operations = [migrations.RunSQL(sql=INDEXES, reverse_sql=DROPS)]
