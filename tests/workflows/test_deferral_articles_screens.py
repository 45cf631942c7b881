"""The screens cite the provision of 納付猶予 that covers the applicant's months: 平成16年法律第104号附則19条2項
before the 30歳 month, 平成26年法律第64号附則14条1項 from it to the month before the 50歳 month (both when the
months applied for cross the 30歳 month). The 50歳 limit is 附則14条1項's alone; 令和12年6月 ends both."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.dates import add_months
from cases.kernel.models import Case
from tests.factories import applicant_with_household
from tests.workflows.helpers import current_period
from tests.workflows.test_deferral_warning import _case_at_input, _deferral_ends
from tests.workflows.test_intake_refusals import post_intake, qualify
from tests.workflows.test_screening_warnings import page

pytestmark = pytest.mark.django_db

UNDER_30 = "平成16年法律第104号附則19条2項"
FROM_30 = "平成26年法律第64号附則14条1項"


def _born(age_at_start: int, *, months_later: int = 0) -> dt.date:
    """Born on the 15th, `age_at_start` years before the period's first month (plus `months_later` months):
    the 30歳到達日 (the 14th) falls in the month of the birthday."""
    start = add_months(current_period()[0], months_later)
    return start.replace(year=start.year - age_at_start, day=15)


@pytest.fixture
def applicant(clerk):
    resident, _spouse = applicant_with_household(spouse_income=None)
    return resident


def _refusal(client, clerk, applicant, born: dt.date) -> str:
    applicant.birth_date = born
    applicant.save(update_fields=["birth_date"])
    client.force_login(clerk)
    body = post_intake(client, applicant, kind_1="full", kind_2="deferral").content.decode()
    assert not Case.objects.exists()
    # The refusal: from 「納付猶予は」 to 「外してください」 (the rest of the page names no article).
    return "納付猶予は" + body.split("納付猶予は", 1)[1].split("外してください", 1)[0] + "外してください"


@pytest.mark.parametrize(
    ("born", "cited", "not_cited"),
    [
        (lambda: _born(25), UNDER_30, FROM_30),
        (lambda: _born(45), FROM_30, UNDER_30),
    ],
    ids=["25", "45"],
)
def test_平成16年法附則19条2項_or_平成26年法附則14条1項_the_令和12年6月_refusal_cites_the_persons_provision(
    client, clerk, applicant, born, cited, not_cited
):
    """令和12年6月 (standing: the month before the period) ends 平成16年法附則19条2項 and 平成26年法附則14条1項
    alike: a 25-year-old is refused citing the first, a 45-year-old the second."""
    _deferral_ends(add_months(current_period()[0], -1))
    message = _refusal(client, clerk, applicant, born())
    assert "までの制度です" in message and "納付猶予を外してください" in message
    assert cited in message and not_cited not in message


def test_平成16年法附則19条2項_平成26年法附則14条1項_both_for_months_crossing_the_30歳_month(
    client, clerk, applicant
):
    _deferral_ends(add_months(current_period()[0], -1))
    message = _refusal(client, clerk, applicant, _born(30, months_later=6))
    assert f"{UNDER_30}・{FROM_30}" in message


def test_平成26年法附則14条1項_the_50歳_refusal_cites_附則14条1項_alone(client, clerk, applicant):
    today = timezone.localdate()
    message = _refusal(client, clerk, applicant, today.replace(year=today.year - 56, day=1))
    assert "50歳に達する日の属する月の前月" in message and FROM_30 in message and UNDER_30 not in message


@pytest.mark.parametrize("age", [25, 45])
def test_平成16年法附則19条5項_平成26年法附則14条4項_a_任意加入被保険者_is_refused_at_any_age(
    client, clerk, applicant, age
):
    """国民年金法附則5条1項 任意加入: neither provision applies (19条5項, 14条4項)."""
    applicant.birth_date = _born(age)
    applicant.save(update_fields=["birth_date"])
    qualify(applicant, "4", dt.date(2020, 4, 1))
    client.force_login(clerk)
    body = post_intake(client, applicant, kind_1="deferral").content.decode()
    assert "任意加入被保険者" in body and "附則5条10項" in body
    assert not Case.objects.exists()


@pytest.mark.parametrize(("age", "cited", "not_cited"), [(25, UNDER_30, FROM_30), (45, FROM_30, UNDER_30)])
def test_平成16年法附則19条2項_or_平成26年法附則14条1項_the_入力_warning_cites_the_persons_provision(
    client, clerk, age, cited, not_cited
):
    """The 入力 screen (GET): 令和12年6月 (standing: October) ends 納付猶予 before the 第1号 months begin."""
    start = current_period()[0]
    _deferral_ends(dt.date(start.year, 10, 1))
    case = _case_at_input(clerk, born=_born(age), category1_from=dt.date(start.year + 1, 1, 1))
    shown = page(client, case, "enter_data", clerk)
    warning = shown.split("までの制度です", 1)[1][:80]
    assert cited in warning and not_cited not in warning


def test_則77条の5第3項1号_the_継続審査_申出_on_納付猶予_is_taken_when_令和12年6月_ends_it(clerk, applicant):
    """則77条の5第3項: a 申出 for 納付猶予 when 令和12年6月 (standing: this period's last month) ends it. It was
    refused, citing both limits; but the 申出 made on a 納付猶予 application also carries the next years' 全額免除
    application (1号: 「法第九十条第一項第一号又は第三号のいずれかに該当することによる同項の規定による申請」), which
    令和12年6月 does not end, so the next 年度 still has months it can cover."""
    from tests.workflows.test_continuation_refusals import intake

    _deferral_ends(current_period()[1])
    applicant.birth_date = _born(25)
    applicant.save(update_fields=["birth_date"])
    assert intake(clerk, applicant, ["deferral"]).exemption.continuation is True
