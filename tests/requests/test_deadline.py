"""個人情報保護法 83条1項 (開示), 94条1項 (訂正), 102条1項 (利用停止): the decision on a request is due 30 days
after the day it was made (the day itself not counted, 民法140条). The exploratory test of 2026-12-05 found
no deadline on any request: 「―」 in the lists, nothing marked late."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.kernel.deadlines import case_deadline, overdue_q
from cases.kernel.models import Case, Stage
from tests.requests.conftest import take_request

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("case_type", ["disclosure", "correction", "suspension"])
def test_law_83_94_102_a_request_is_to_be_decided_within_30_days(client, clerk, person, case_type):
    case = take_request(client, clerk, person, case_type)
    assert case.decision_due_on == case.received_on + 30 * DAY
    assert case_deadline(case) == case.decision_due_on and case.send_due_on is None


def test_the_lists_show_the_decision_deadline_and_mark_it_late(client, clerk, person):
    case = take_request(client, clerk, person, "disclosure")
    Case.objects.filter(pk=case.pk).update(decision_due_on=timezone.localdate() - DAY)
    case.refresh_from_db()
    assert Case.objects.filter(overdue_q(timezone.localdate()), pk=case.pk).exists()
    page = client.get("/desk/inbox/").content.decode()
    body = page[page.index("<tbody") :]
    row = body[body.index(case.number) :]
    row = row[: row.index("</tr>")]
    assert "決定" in row and "期限切れ" in row


def test_a_settled_request_has_no_deadline_left(client, clerk, person):
    case = take_request(client, clerk, person, "disclosure")
    Case.objects.filter(pk=case.pk).update(stage=Stage.CLOSED, decision_due_on=timezone.localdate() - DAY)
    case.refresh_from_db()
    assert case_deadline(case) is None
    assert not Case.objects.filter(overdue_q(timezone.localdate()), pk=case.pk).exists()
