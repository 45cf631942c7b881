"""The cases not yet sent are found by their 送付期限 from an index of those cases alone (issue 15).

Most cases on file are sent and past their 送付期限: on the dashboard bench's data the plain send_due_on index
read 28,000 cases to find the 10,000 still before sending (the dashboard's 「次の週次送付で送付期限を過ぎる」 9.5 ms;
2.5 ms from `case_unsent_due_idx`). The index's condition is the kernel's BEFORE_SENDING; a query that asks for
another set of stages could not use it, which these plans would show.
"""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from cases.kernel.models import Case
from cases.kernel.stages import BEFORE_SENDING
from cases.submission.selectors.bundles import cases_sent_late

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    """The plan with only index scans allowed and the plain send_due_on index dropped (inside the test's
    transaction, rolled back after): on a test database of a few rows either index is as cheap, so what is
    tested is that the partial index can serve the query (its condition implied by the query's)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'cases_case' "
            "AND indexdef LIKE '%%(send_due_on)' AND indexname <> 'case_unsent_due_idx'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_dashboards_sending_risk_reads_the_unsent_cases_index():
    risky = Case.objects.filter(stage__in=BEFORE_SENDING, send_due_on__lt=timezone.localdate())
    assert "case_unsent_due_idx" in plan(risky.order_by("send_due_on", "id")[:20])
    assert "case_unsent_due_idx" in plan(risky.order_by().values("id"))  # its count


def test_the_homes_sent_late_list_reads_the_unsent_cases_index(supervisor):
    cutoff = timezone.now() + dt.timedelta(days=3)
    assert "case_unsent_due_idx" in plan(cases_sent_late(user=supervisor, cutoff_at=cutoff)[:50])
