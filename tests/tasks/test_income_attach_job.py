import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone, translation
from viewflow.workflow.status import STATUS

from cases.common.date_display import fiscal_year_show
from cases.kernel.models import CaseEvent
from tasks.cases import income_attach, income_attach_pending
from tests.factories import IncomeRecordFactory, ResidentFactory, applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def entered_case(clerk):
    """A case whose input is saved but whose attachment job never ran (on_commit not executed)."""
    applicant, _spouse = applicant_with_household(income=400000, spouse_income=None)
    householder = ResidentFactory(
        household_no=applicant.household_no,
        kanji_name="旭 一郎",
        kana_name="アサヒ イチロウ",
        relationship="父",
    )
    applicant.is_householder, applicant.relationship = False, "子"
    applicant.save()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    h.enter(case, clerk)
    app = case.exemption
    app.householder = householder
    app.save(update_fields=["householder"])
    return case


def test_running_the_job_twice_attaches_once_and_moves_the_flow_once(entered_case):
    case = entered_case
    assert h.open_task(case, "attach_income").status == STATUS.NEW
    income_attach(case.pk)
    income_attach(case.pk)
    case.refresh_from_db()
    attachment = case.exemption.income_attachment
    assert [p["role"] for p in attachment["people"]] == ["applicant", "householder"]
    assert attachment["people"][1]["missing"] is True  # 世帯主 has no 住民税 record: 未申告
    assert case.events.filter(action=CaseEvent.Action.INCOME_ATTACHED).count() == 1
    said = case.events.get(action=CaseEvent.Action.INCOME_ATTACHED).text
    assert "未申告: 旭 一郎" in said
    # Its 年度 in 和暦 beside the timeline's 令和 days (it read 2025年度).
    assert said.startswith(
        f"{fiscal_year_show(case.exemption.income_attachment['tax_year'])} 住民税所得を添付"
    )
    assert h.open_task(case, "cross_check").status == STATUS.NEW


def test_the_attachment_uses_the_assessment_year_of_the_exemption_year(entered_case):
    case = entered_case
    fiscal_year = case.exemption.fiscal_year
    IncomeRecordFactory(
        personal_code=case.resident.atena_no, tax_year=fiscal_year - 1, total_income=9_999_999
    )
    income_attach(case.pk)
    case.refresh_from_db()
    applicant = case.exemption.income_attachment["people"][0]
    assert applicant["tax_year"] == fiscal_year
    assert applicant["income"]["total_income"] == 400000


def test_the_sweeper_resends_jobs_that_never_ran(entered_case, django_capture_on_commit_callbacks):
    from viewflow.workflow.models import Task

    Task.objects.filter(pk=h.open_task(entered_case, "attach_income").pk).update(
        created=timezone.now() - dt.timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert income_attach_pending() == 1
    entered_case.refresh_from_db()
    assert entered_case.exemption.income_attached_at is not None
    assert h.open_task(entered_case, "cross_check").status == STATUS.NEW


def test_the_attachment_table_gives_the_assessment_year_in_wareki_beside_the_pages_wareki_days(
    entered_case, client, clerk
):
    """The exemption pages' 賦課年度 column read a bare 2026 beside 令和 days and the header's 申請年度
    令和8年度 (exploratory tests of 2026-12-05, 「a few pages mix 西暦 and 和暦」); English reads FY2026 (R8)
    as the resident page's income table does."""
    income_attach(entered_case.pk)
    entered_case.refresh_from_db()
    tax_year = entered_case.exemption.income_attachment["people"][0]["tax_year"]
    client.force_login(clerk)
    page = client.get(f"/cases/{entered_case.pk}/").content.decode()
    assert "住民税の所得情報がありません" in page  # the attachment table is on the page
    assert f"<td>{fiscal_year_show(tax_year)}</td>" in page and f"<td>{tax_year}</td>" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{entered_case.pk}/").content.decode()
    with translation.override("en"):
        assert f"<td>{fiscal_year_show(tax_year)}</td>" in page
