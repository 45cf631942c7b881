"""The cases not yet sent are found by their 送付期限 from an index of those cases alone (issue 15).

Most cases on file are sent and past their 送付期限: on the dashboard bench's data the plain send_due_on index
read 28,000 cases to find the 10,000 still before sending (the dashboard's 「次の週次送付で送付期限を過ぎる」 9.5 ms;
2.5 ms from `case_unsent_due_idx`). The index's condition is the kernel's BEFORE_SENDING; a query that asks for
another set of stages could not use it, which these plans would show.
"""

import datetime as dt

import pytest
from django.utils import timezone

from cases.kernel.models import Case
from cases.kernel.stages import BEFORE_SENDING
from cases.submission.selectors.bundles import cases_sent_late
from tests.workflows.plans import plan_served_by

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    return plan_served_by(queryset, column="send_due_on", keep="case_unsent_due_idx")


def test_the_dashboards_sending_risk_reads_the_unsent_cases_index():
    risky = Case.objects.filter(stage__in=BEFORE_SENDING, send_due_on__lt=timezone.localdate())
    assert "case_unsent_due_idx" in plan(risky.order_by("send_due_on", "id")[:20])
    assert "case_unsent_due_idx" in plan(risky.order_by().values("id"))  # its count


def test_the_homes_sent_late_list_reads_the_unsent_cases_index(supervisor):
    cutoff = timezone.now() + dt.timedelta(days=3)
    assert "case_unsent_due_idx" in plan(cases_sent_late(user=supervisor, cutoff_at=cutoff)[:50])
