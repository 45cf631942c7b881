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


@pytest.mark.parametrize(
    ("case_type", "article"), [("disclosure", "83条"), ("correction", "94条"), ("suspension", "102条")]
)
def test_the_case_page_cites_the_requests_own_article_and_warns_of_a_closed_last_day(
    client, clerk, person, case_type, article
):
    """Exploratory test 2026-12-06: the 決定期限 cited 83条・94条・102条 on every request, and a 30th day in
    年末年始 (令和9年1月3日) was shown with no word that the office is closed then. The statute's day is
    kept (whether a closed last day moves it is 「要確認」); the page names the last open day before it."""
    case = take_request(client, clerk, person, case_type)
    Case.objects.filter(pk=case.pk).update(decision_due_on=dt.date(2027, 1, 3))
    page = client.get(f"/cases/{case.pk}/").content.decode()
    line = page.split("決定期限", 1)[1].split("</p>", 1)[0]
    assert f"個人情報保護法{article}" in line and "83条・94条・102条" not in line
    assert "令和9年1月3日" in line and "閉庁日" in line and "令和8年12月28日" in line and "要確認" in line
    Case.objects.filter(pk=case.pk).update(decision_due_on=dt.date(2027, 1, 4))
    line = client.get(f"/cases/{case.pk}/").content.decode().split("決定期限", 1)[1].split("</p>", 1)[0]
    assert "閉庁日" not in line
