"""The 入力, 照合 and 決裁 screens warn when no kind the applicant asked for passes the pre-screen (naming
the best kind that does and who fails by how many yen), when months lie outside a 第1号 period, and
show the months each requested kind can cover (issue 10, items 3, 4 and 6)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.date_display import fiscal_year_show, month_show
from cases.exemption.periods import fiscal_year_of
from cases.registry.models.pension import Qualification
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

FAILS = "申請された種類はいずれも該当の見込みがありません"
NOT_CATEGORY1 = "は第1号被保険者の期間ではありません"


def tax_year() -> int:
    return fiscal_year_of(timezone.localdate(), student=False)


def page(client, case, node: str, user) -> str:
    task = h.open_task(case, node)
    client.force_login(user)
    if task.owner_id != user.pk:
        client.post(f"/desk/tasks/{task.pk}/claim/")
    response = client.get(f"/desk/tasks/{task.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def to_cross_check(case, clerk, spouse, capture):
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)


def test_none_of_the_applied_kinds_passes_is_warned_at_cross_check_and_approval(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household(income=0, spouse_income=700_000, tax_year=tax_year())
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)

    cross = page(client, case, "cross_check", clerk2)
    assert FAILS in cross
    assert "全額免除: 配偶者: 基準額 670,000円 を 30,000円 超過" in cross
    assert "該当の見込みがあるのは 4分の3免除 です" in cross

    h.cross_check(case, clerk2)
    approval = page(client, case, "approve", supervisor)
    assert FAILS in approval and "4分の3免除" in approval


def test_no_warning_when_an_applied_kind_passes(client, clerk, clerk2, django_capture_on_commit_callbacks):
    applicant, spouse = applicant_with_household(income=0, spouse_income=700_000, tax_year=tax_year())
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full", "half"))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    cross = page(client, case, "cross_check", clerk2)
    assert FAILS not in cross


def test_months_outside_a_category1_period_are_warned_at_input_cross_check_and_approval(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """The issue's person, on record as 第2号 since 平成4年 (国民年金法11条, 89条〜90条の3)."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=tax_year())
    Qualification.objects.create(
        pension=applicant.pension, insured_kind="2", acquired_on=dt.date(1992, 4, 1), acquired_reason="99"
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    assert NOT_CATEGORY1 in page(client, case, "enter_data", clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    assert NOT_CATEGORY1 in page(client, case, "cross_check", clerk2)
    h.cross_check(case, clerk2)
    approval = page(client, case, "approve", supervisor)
    assert NOT_CATEGORY1 in approval and "第2号被保険者:" in approval
    assert "対象となる月なし" in approval


def test_a_category1_member_gets_no_membership_warning(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=tax_year())
    Qualification.objects.create(
        pension=applicant.pension, insured_kind="1", acquired_on=dt.date(2015, 6, 14), acquired_reason="01"
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    cross = page(client, case, "cross_check", clerk2)
    assert NOT_CATEGORY1 not in cross and FAILS not in cross


def test_the_deferral_months_stop_at_the_month_before_the_50歳_month(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """平成26年法律第64号附則14条1項: born on 1 January, the 50歳到達日 is 31 December."""
    year = tax_year()
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=year)
    applicant.birth_date = dt.date(year - 49, 1, 1)
    applicant.save(update_fields=["birth_date"])
    Qualification.objects.create(
        pension=applicant.pension,
        insured_kind="1",
        acquired_on=dt.date(year - 29, 12, 31),
        acquired_reason="01",
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("deferral",))
    h.verify(case, clerk)
    months = f"{month_show(dt.date(year, 7, 1))}〜{month_show(dt.date(year, 11, 1))}"  # 和暦 like every date
    input_page = page(client, case, "enter_data", clerk)
    assert months in input_page
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    cross = page(client, case, "cross_check", clerk2)
    assert months in cross and f"{month_show(dt.date(year, 11, 1))}分まで" in cross
    # The 賦課年度 and the rule set's first year in 和暦 too (they read 2026年度 beside 令和 months).
    assert f"{fiscal_year_show(year)} (賦課年度)" in cross and f"{year}年度" not in cross
    assert FAILS not in cross


def test_public_assistance_passes_without_an_income_test_and_is_recorded_as_reason_07(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """法90条1項2号, 則76条の2: 生活扶助以外の扶助 (免除該当理由 07)."""
    from cases.registry.models.pension import Exemption

    applicant, spouse = applicant_with_household(
        income=3_000_000, spouse_income=3_000_000, tax_year=tax_year()
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse, special_ground="assistance")
    cross = page(client, case, "cross_check", clerk2)
    assert "生活扶助以外の扶助の受給により所得を問わず該当" in cross and FAILS not in cross
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    assert Exemption.objects.get(case=case).reason == "07"


def test_an_attachment_from_before_the_new_items_still_screens(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """Snapshots keep their shape: one taken before 年少扶養親族数 existed reads it as 0."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=700_000, tax_year=tax_year())
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    application = case.exemption
    for person in application.income_attachment["people"]:
        for key in ("dependants_under16", "dependants_aged16to18"):
            person["income"].pop(key)
    application.save(update_fields=["income_attachment"])
    cross = page(client, case, "cross_check", clerk2)
    assert "配偶者: 基準額 670,000円 を 30,000円 超過" in cross
