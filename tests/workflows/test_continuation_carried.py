"""An application for a year that an earlier 継続審査 申出 already covers (exploratory walk of 2026-12-07:
a 全額免除 approved with the 申出 for the year before, and the same person's next year taken in without
a word).

国民年金法施行規則77条3項 (全額免除) and 77条の5第3項 (納付猶予): who qualified under 法90条1項1号 or 3号 and
asked, on an application covering the day it was made, to be reviewed again 「引き続き当該期間と同一の事由
により」 needs no new 申請書 for the following years. Not a 失業等 approval (法90条1項4号), which the
申出 does not carry."""

import datetime as dt

import pytest
from django.conf import settings

from cases.exemption.models import ExemptionApplication, SpecialGround
from cases.kernel.models import Case, CaseType
from cases.registry.models.pension import Exemption
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

CARRIED = "継続審査の申出があり"
NOT_NEEDED = "同じ事由で引き続き該当する間は翌年度以降の申請書は不要です"


def _earlier(applicant, clerk, *, kind="full", decision="approved", ground="", continuation=True, **facts):
    """Last year's case as the records hold it after 機構's result."""
    start, end = h.current_period()
    last_start, last_end = start.replace(year=start.year - 1), end.replace(year=end.year - 1)
    case = Case.objects.create(
        number=f"2025-{applicant.pk:06d}",
        case_type=CaseType.EXEMPTION,
        office=clerk.office,
        resident=applicant,
        received_on=last_start + dt.timedelta(days=10),
        stage="closed",
        received_by=clerk,
    )
    ExemptionApplication.objects.create(
        case=case,
        fiscal_year=last_start.year,
        kinds=[kind],
        period_start=last_start,
        period_end=last_end,
        special_ground=ground,
        continuation=continuation,
        **facts,
    )
    Exemption.objects.create(
        pension=applicant.pension,
        case=case,
        received_on=case.received_on,
        kind=kind,
        start_on=last_start,
        end_on=last_end.replace(day=30),
        reason="01" if not ground else "02",
        decision=decision,
        reference_no=case.number,
    )


def _input_page(client, clerk, kinds=("full",), **earlier) -> str:
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    _earlier(applicant, clerk, **earlier)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=kinds)
    h.verify(case, clerk)
    task = h.open_task(case, "enter_data")
    client.force_login(clerk)
    return client.get(f"/desk/tasks/{task.pk}/").content.decode()


@pytest.mark.parametrize("kind", ["full", "deferral"])
def test_a_year_carried_by_an_approved_continuation_is_warned(client, clerk, kind):
    page = _input_page(client, clerk, kinds=(kind,), kind=kind)
    assert CARRIED in page and "施行規則77条3項" in page and NOT_NEEDED in page


def test_no_warning_without_the_request_or_the_approval(client, clerk):
    for earlier in ({"continuation": False}, {"decision": "rejected"}, {"decision": ""}):
        assert CARRIED not in _input_page(client, clerk, **earlier)


def test_no_warning_after_an_unemployment_approval(client, clerk):
    """則77条3項 covers 法90条1項1号・3号 only."""
    assert CARRIED not in _input_page(client, clerk, ground=SpecialGround.UNEMPLOYMENT)


def test_no_warning_for_a_kind_the_request_does_not_carry(client, clerk):
    """Last year's 全額免除 carries 全額免除, not a 半額免除 asked for now."""
    assert CARRIED not in _input_page(client, clerk, kinds=("half",))


def test_則77条の5第3項1号_a_deferral_with_the_request_carries_a_full_exemption_application(client, clerk):
    """則77条の5第3項: the 申出 made on a 納付猶予 application carries both 「法第九十条第一項第一号又は第三号のいずれか
    に該当することによる同項の規定による申請」 (1号, 全額免除) and the 納付猶予 application (2号); 則77条3項 on a
    全額免除 application carries 全額免除 only, not 納付猶予."""
    page = _input_page(client, clerk, kinds=("full",), kind="deferral")
    assert CARRIED in page and NOT_NEEDED in page
    assert CARRIED not in _input_page(client, clerk, kinds=("deferral",), kind="full")


def test_a_disaster_approval_carries_only_when_it_was_screened_on_income(client, clerk):
    """則77条の7第1号: damage under half is no 災害 ground, so that approval rested on the income test
    (法90条1項1号), which 則77条3項 carries; damage of half or more is the 4号 ground, which it does not."""
    facts = {"disaster_date": h.current_period()[0].replace(year=h.current_period()[0].year - 1)}
    below = _input_page(client, clerk, ground=SpecialGround.DISASTER, disaster_damage="below_half", **facts)
    assert CARRIED in below
    held = _input_page(
        client,
        clerk,
        ground=SpecialGround.DISASTER,
        disaster_damage="half_or_more",
        disaster_evidence="disaster_certificate",
        **facts,
    )
    assert CARRIED not in held


def _disaster_input_page(client, clerk, *, kind: str, damage: str) -> str:
    """Last year's `kind` approved with the 申出; this year's application for it rests on a 災害 (taken at
    受付 with its facts), now at 入力."""
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    _earlier(applicant, clerk, kind=kind)
    case = h.start_case(
        clerk=clerk,
        resident=applicant,
        kinds=(kind,),
        special_ground=SpecialGround.DISASTER,
        disaster_date=h.current_period()[0],
        disaster_damage=damage,
        disaster_evidence="disaster_certificate" if damage == "half_or_more" else "",
    )
    h.verify(case, clerk)
    task = h.open_task(case, "enter_data")
    client.force_login(clerk)
    return client.get(f"/desk/tasks/{task.pk}/").content.decode()


@pytest.mark.parametrize("kind", ["full", "deferral"])
def test_則77条3項_a_new_application_on_a_special_ground_is_not_told_it_may_be_unneeded(client, clerk, kind):
    """Walk of 2026-12-07: 「申請書は不要です」 beside an application resting on a 災害 of half or more
    (則77条の7第1号; 法90条1項4号, 平成26年法律第64号附則14条1項3号). 則77条3項・77条の5第3項 spare the 申請書
    only for an application on the income grounds (法90条1項1号・3号) 「と同一の事由により」: this one is
    another application, which the 申出 does not make needless. The clerk learns the carried ground and this
    one apart, and that 機構 decides."""
    page = _disaster_input_page(client, clerk, kind=kind, damage="half_or_more")
    assert NOT_NEEDED not in page
    assert CARRIED in page and "「災害」の事由によるもので" in page and "とは別の申請です" in page
    assert "施行規則77条3項・77条の5第3項" in page and "機構が判断します" in page


def test_則77条3項_a_disaster_under_half_is_an_income_application_and_keeps_the_wording(client, clerk):
    """則77条の7第1号: damage under half is no 災害 ground; the application is one on income, which the 申出
    carries, so the question whether it is needed stands."""
    page = _disaster_input_page(client, clerk, kind="full", damage="below_half")
    assert CARRIED in page and NOT_NEEDED in page and "とは別の申請です" not in page


def test_則77条3項_the_special_ground_wording_in_english(client, clerk):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _disaster_input_page(client, clerk, kind="full", damage="half_or_more")
    assert "asked for continued review and was granted full exemption." in page
    assert "a separate application" in page and "no new application form is needed" not in page
