"""Issue 14 §1: the supervisor dashboard — open cases by stage × office × type with their age in
business days, 12 weeks of received / sent / closed, 差戻し and 返戻 rates, deadlines at risk — each
chart drawn on the server with its table and CSV, in a fixed number of queries."""

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.common.calendar import business_days_between
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_send_due_on
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.dashboard import AGE_BUCKETS, business_day_start, dashboard_for, next_bundle_day

pytestmark = pytest.mark.django_db


def _case(clerk, *, received_days_ago=0, stage=None, **fields):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    received = timezone.localdate() - dt.timedelta(days=received_days_ago)
    Case.objects.filter(pk=case.pk).update(
        received_on=received,
        send_due_on=case_send_due_on(received),  # as if received that day
        **({"stage": stage} if stage else {}),
        **fields,
    )
    case.refresh_from_db()
    return case


def test_business_day_start_is_the_oldest_receipt_of_an_age():
    today = dt.date(2026, 5, 7)  # a Thursday after Golden Week
    for days in (0, 3, 7, 14):
        start = business_day_start(today, days)
        assert business_days_between(start, today) <= days
        assert business_days_between(start - dt.timedelta(days=1), today) > days


def test_open_cases_are_counted_by_stage_office_type_and_age(clerk, other_office):
    _case(clerk)
    _case(clerk, received_days_ago=30)
    _case(clerk, stage=Stage.APPROVAL, received_days_ago=7)
    _case(clerk, stage=Stage.CLOSED)
    board = dashboard_for()
    assert board.open_total == 3
    by_stage = board.open_by(key=0)
    assert by_stage == {Stage.IDENTITY: 2, Stage.APPROVAL: 1}
    assert board.open_by(key=1) == {clerk.office_id: 3}
    assert board.open_by(key=2) == {"exemption": 3}
    ages = board.open_by(key=3)
    assert ages["0-3"] == 1 and ages["15+"] == 1 and sum(ages.values()) == 3
    assert dashboard_for(office_id=other_office.pk).open_total == 0


def test_each_open_case_is_in_the_age_bucket_of_its_business_days(clerk):
    """Every boundary of every bucket (0–3, 4–7, 8–14, 15+ business days, the office calendar's holidays
    included): a case received on each of the last 30 days lands where business_days_between puts it."""
    today = timezone.localdate()
    expected: dict[str, int] = {}
    for days_ago in range(30):
        case = _case(clerk, received_days_ago=days_ago)
        age = business_days_between(case.received_on, today)
        name = next(name for name, low, high in AGE_BUCKETS if high is None or age <= high)
        expected[name] = expected.get(name, 0) + 1
    board = dashboard_for()
    assert board.open_by(key=3) == expected
    assert set(expected) == {"0-3", "4-7", "8-14", "15+"}
    assert all(count > 0 for count in board.open_cells.values())  # no empty cells


def test_weekly_counts_and_first_time_right(clerk):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    a = _case(clerk)
    b = _case(clerk, received_days_ago=7 * 3, sent_on=today - dt.timedelta(days=7))
    Case.objects.filter(pk=b.pk).update(stage=Stage.CLOSED, closed_at=timezone.now())
    for case in (a, b):
        CaseEvent.objects.create(case=case, action=CaseEvent.Action.INPUT_SAVED)
    CaseEvent.objects.create(case=a, action=CaseEvent.Action.SENT_BACK, comment="相違")
    CaseEvent.objects.create(case=b, action=CaseEvent.Action.SENT)
    board = dashboard_for()
    assert board.weekly["received"][monday] == 1
    assert board.weekly["received"][monday - dt.timedelta(weeks=3)] == 1
    assert board.weekly["sent"][monday - dt.timedelta(weeks=1)] == 1
    assert board.weekly["closed"][monday] == 1
    assert board.rate("sent_back", "input") == 0.5
    assert board.rate("returned", "sent") == 0.0


def test_deadlines_at_risk(clerk):
    today = timezone.localdate()
    papers = _case(clerk, stage=Stage.AWAITING_DOCUMENTS, documents_due_on=today + dt.timedelta(days=1))
    _case(clerk, stage=Stage.AWAITING_DOCUMENTS, documents_due_on=today + dt.timedelta(days=30))
    late = _case(clerk, received_days_ago=(next_bundle_day(today) - today).days + 15)
    _case(clerk)
    waiting = _case(clerk, stage=Stage.APPROVAL, approval_escalated_at=timezone.now())
    risks = dashboard_for().risks
    assert [c.pk for c in risks["documents"].cases] == [papers.pk] and risks["documents"].total == 1
    assert late.pk in [c.pk for c in risks["sending"].cases]
    assert [c.pk for c in risks["approval"].cases] == [waiting.pk]


def test_the_page_draws_each_chart_with_its_table_and_csv(client, clerk, supervisor):
    _case(clerk)
    _case(clerk, stage=Stage.APPROVAL, received_days_ago=9)
    client.force_login(supervisor)
    page = client.get("/desk/dashboard/").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 4
    assert page.count("/desk/dashboard/csv/") == 5
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert not any("style=" in svg or "<script" in svg for svg in charts)  # the CSP stays as it is
    assert "段階・事務所・種別ごとの未完了案件" in page and "8-14業務日" in page
    response = client.get("/desk/dashboard/csv/?chart=stages")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "段階" and rows[0][-1] == "計"
    assert {row[0]: row[-1] for row in rows[1:]} == {"本人確認": "1", "決裁": "1"}
    assert client.get("/desk/dashboard/csv/?chart=nothing").status_code == 404


def test_the_weekly_csv_gives_each_week_as_a_date_a_spreadsheet_can_sort(client, clerk, supervisor):
    """Exploratory test 2026-12-06: the weekly CSV's only date column was 和暦 text (令和8年9月14日),
    which a spreadsheet can neither sort nor count on; an ISO date leads each row, the 和暦 beside it."""
    _case(clerk)
    client.force_login(supervisor)
    response = client.get("/desk/dashboard/csv/?chart=weekly")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["週 (月曜日)", "週 (和暦)"]
    weeks = [dt.date.fromisoformat(row[0]) for row in rows[1:]]
    assert len(weeks) == 12 and weeks == sorted(weeks) and all(week.weekday() == 0 for week in weeks)
    assert rows[-1][1].startswith("令和")


def test_a_clerk_has_no_dashboard(client, clerk):
    client.force_login(clerk)
    assert client.get("/desk/dashboard/").status_code == 403


def test_the_dashboard_runs_the_same_queries_whatever_the_volume(client, clerk, supervisor):
    client.force_login(supervisor)
    _case(clerk)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/desk/dashboard/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for days in range(0, 60, 3):
        case = _case(
            clerk,
            received_days_ago=days,
            stage=Stage.AWAITING_DOCUMENTS,
            documents_due_on=timezone.localdate(),
        )
        CaseEvent.objects.create(case=case, action=CaseEvent.Action.INPUT_SAVED)
    assert count() == few <= 15


def test_the_heading_reads_as_of_the_day_in_english(client, supervisor):
    """Exploratory test 2026-12-06: the English heading read "All offices ・ 2026-12-06 (R8) as of"."""
    client.force_login(supervisor)
    client.cookies["django_language"] = "en"
    heading = client.get("/desk/dashboard/").content.decode().split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "/  as of 20" in heading and "・" not in heading, heading  # the parts joined as English joins them


def test_the_approval_risk_says_more_than_three_business_days_as_it_counts(client, supervisor):
    """Exploratory walk 2026-12-08: under 「決裁待ち (3業務日超)」 the note read 「決裁を3業務日以上待っている
    もの」 (three days or more), where a case is flagged after more than three (cases/kernel/deadlines.py,
    days > APPROVAL_BUSINESS_DAYS) and the English note says "more than 3"."""
    client.force_login(supervisor)
    page = client.get("/desk/dashboard/").content.decode()
    note = page.split("決裁待ち (3業務日超)", 1)[1].split('<p class="hint">', 1)[1].split("</p>", 1)[0]
    assert note == "決裁待ちが3業務日を超えているもの。", note
    client.cookies["django_language"] = "en"
    page = client.get("/desk/dashboard/").content.decode()
    assert "Waiting for approval for more than 3 business days." in page
