"""「受付中の同じ種類の案件があります」 at the exemption counter: an open case of another 申請年度 is not a second
intake of the same application — this year's 免除 and a past year's (則77条: a 免除年度 is July to June; 法102条4項
leaves 2 years to apply back) are applied for at once, each on its own 申請書. The refusal names the open
case(s) the clerk may see, with their 年度; another office's are counted, never named (office scope)."""

import uuid

import pytest

from cases.common.date_display import fiscal_year_show
from cases.exemption.periods import fiscal_year_bounds
from cases.kernel.models import Case
from tests.conftest import make_user
from tests.factories import PensionRecordFactory, applicant_with_household
from tests.workflows.helpers import current_period, start_case
from tests.workflows.test_intake_refusals import month, post_intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(clerk):
    resident, _spouse = applicant_with_household(spouse_income=None)
    return resident


def post_year(client, resident, fiscal_year: int, **fields):
    start, end = fiscal_year_bounds(fiscal_year, student=False)
    return post_intake(
        client, resident, period_start=month(start), period_end=month(end), once=uuid.uuid4().hex, **fields
    )


def test_an_open_case_of_another_年度_needs_no_confirmation(client, clerk, applicant):
    """則77条1項: the 申請年度 is what an application is for; 令和7年度's 申請書 beside 令和8年度's is not a double."""
    year = current_period()[0].year
    first = start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    page = client.get(f"/intake/exemption/{applicant.pk}/").content.decode()
    # The open case is listed with its 年度 before anything is typed.
    assert first.number in page and fiscal_year_show(year) in page
    response = post_year(client, applicant, year - 1)
    assert response.status_code == 302
    assert sorted(
        Case.objects.filter(resident=applicant).values_list("exemption__fiscal_year", flat=True)
    ) == [
        year - 1,
        year,
    ]


def test_the_same_年度_asks_for_confirmation_naming_the_open_case(client, clerk, applicant):
    year = current_period()[0].year
    first = start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    # The past year's, taken too, is not named: it is not the same application.
    assert post_year(client, applicant, year - 1).status_code == 302
    past = Case.objects.exclude(pk=first.pk).get(resident=applicant)
    response = post_year(client, applicant, year)
    body = response.content.decode()
    assert response.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in body
    refusal = body.split('name="confirm_open_same"', 1)[1].split("</form>", 1)[0]
    assert f"{first.number} {fiscal_year_show(year)}" in refusal
    assert past.number not in refusal
    assert Case.objects.filter(resident=applicant).count() == 2
    assert post_year(client, applicant, year, confirm_open_same="on").status_code == 302


def test_another_offices_open_case_is_counted_not_named(client, clerk, other_office, applicant):
    """Office scope: the clerk may not see a case of another office, so the refusal counts it only."""
    year = current_period()[0].year
    elsewhere = start_case(clerk=make_user("kamui1", "clerk", other_office), resident=applicant)
    client.force_login(clerk)
    body = post_year(client, applicant, year).content.decode()
    refusal = body.split('name="confirm_open_same"', 1)[1].split("</form>", 1)[0]
    assert "他の事務所で受付中 1 件" in refusal and elsewhere.number not in body
    # Another 年度 at another office is no double either.
    assert post_year(client, applicant, year - 1).status_code == 302


def test_a_type_without_a_年度_names_its_open_case_by_number(client, clerk):
    """A type that says nothing of what sets its applications apart (the kernel's default): any open case
    of the type asks for the confirmation, and the refusal names it."""
    from tests.disability.test_screens import intake_post

    resident = PensionRecordFactory().resident
    client.force_login(clerk)
    client.post(f"/intake/disability/{resident.pk}/", {**intake_post(), "action": "take"})
    first = Case.objects.get()
    body = client.post(
        f"/intake/disability/{resident.pk}/", {**intake_post(once=uuid.uuid4().hex), "action": "take"}
    ).content.decode()
    refusal = body.split('name="confirm_open_same"', 1)[1].split("</form>", 1)[0]
    assert "重ねて受け付ける場合は確認欄にチェック" in refusal and first.number in refusal
    assert Case.objects.count() == 1
