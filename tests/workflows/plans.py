"""The plan of a query when one new index has to serve it (the index tests of issue 15)."""

from django.db import connection


def plan_served_by(queryset, *, column: str, keep: str) -> str:
    """EXPLAIN of `queryset` with only index scans allowed and every other single-column index on
    cases_case.`column` dropped, inside the test's transaction (rolled back after). On a test database of
    a few rows any index is as cheap as another, so the planner's choice says nothing; whether `keep` can
    serve the query (its condition implied by the query's) is what this shows."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'cases_case' "
            "AND indexdef LIKE %s AND indexname <> %s",
            [f"%({column})", keep],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())
