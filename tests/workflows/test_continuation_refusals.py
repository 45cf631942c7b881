"""A 継続審査 申出 (国民年金法施行規則77条3項, 77条の5第3項) asks 機構 to treat the following 年度 as applied
for. It is refused, naming the field, when no month of the next 年度 can be covered by the kinds it carries:
the 60歳 month (国民年金法7条1項1号・9条3号・11条) comes by the end of the year applied for. The 50歳 month
(平成26年法律第64号附則14条1項) does not refuse a 申出 on 納付猶予: it carries 全額免除 too (則77条の5第3項1号). A special ground (失業等, 災害…) only warns: 則77条3項
carries 法90条1項1号・3号, and whether the household also meets those is 機構's decision."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.exemption import services as svc
from cases.exemption.request import ExemptionRequest
from cases.kernel.models import Case
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from tests.workflows.test_intake_refusals import error_after, post_intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(clerk):
    resident, _spouse = applicant_with_household(spouse_income=None)
    return resident


def born(resident, year_offset: int, month: int) -> None:
    """Born on the 15th of `month` in (the year after the current period starts) − `year_offset`."""
    start, _end = h.current_period()
    resident.birth_date = dt.date(start.year + 1 - year_offset, month, 15)
    resident.save(update_fields=["birth_date"])


def intake(clerk, resident, kinds, *, continuation=True, special_ground=""):
    start, end = h.current_period()
    extra = {}
    if special_ground == "disaster":
        extra = {
            "disaster_date": start,
            "disaster_damage": "half_or_more",
            "disaster_evidence": "disaster_certificate",
        }
    return svc.exemption_intake(
        actor=clerk,
        resident=resident,
        received_on=timezone.localdate(),
        request=ExemptionRequest(
            kinds=list(kinds),
            period_start=start,
            period_end=end,
            continuation=continuation,
            special_ground=special_ground,
            **extra,
        ),
    )


def refusal(clerk, resident, kinds) -> str:
    with pytest.raises(ValidationError) as excinfo:
        intake(clerk, resident, kinds)
    return excinfo.value.message_dict["continuation"][0]


def test_法9条3号_no_申出_when_the_60歳_month_ends_category1_with_the_year_applied_for(clerk, applicant):
    # 60歳到達日 in July of the next 年度's first month: the last 第1号 month is this period's June.
    born(applicant, 60, 7)
    message = refusal(clerk, applicant, ["full"])
    assert "60歳" in message and "9条3号" in message and "77条3項" in message
    assert not Case.objects.exists()
    assert intake(clerk, applicant, ["full"], continuation=False).exemption.continuation is False


def test_法9条3号_the_申出_is_taken_while_a_month_of_the_next_year_remains(clerk, applicant):
    born(applicant, 60, 8)  # 60歳到達日 in August: July of the next 年度 is still 第1号
    assert intake(clerk, applicant, ["full"]).exemption.continuation is True


def test_則77条の5第3項1号_the_申出_on_納付猶予_alone_is_taken_when_50_by_the_end_of_the_year(
    clerk, applicant
):
    """The 50歳 month ends 納付猶予 with the year applied for (平成26年法律第64号附則14条1項), but the 申出 made on
    a 納付猶予 application also carries the next years' 全額免除 application (則77条の5第3項1号: 「法第九十条
    第一項第一号又は第三号のいずれかに該当することによる同項の規定による申請」), which runs to the 60歳 month:
    the next 年度 still has months it can cover, so the 申出 is not pointless."""
    born(applicant, 50, 7)
    assert intake(clerk, applicant, ["deferral"]).exemption.continuation is True
    assert intake(clerk, applicant, ["full", "deferral"]).exemption.continuation is True


def test_the_intake_screen_names_the_field(client, clerk, applicant):
    born(applicant, 60, 7)
    client.force_login(clerk)
    response = post_intake(client, applicant, kind_1="full", continuation="on")
    assert not Case.objects.exists()
    assert "60歳" in error_after(response.content.decode(), "continuation")


@pytest.mark.parametrize("ground", ["unemployment", "disaster"])
def test_則77条3項_a_special_ground_is_warned_not_refused(clerk, applicant, ground):
    from cases.exemption.warnings import case_outlook

    if ground == "unemployment":
        start, end = h.current_period()
        case = svc.exemption_intake(
            actor=clerk,
            resident=applicant,
            received_on=timezone.localdate(),
            request=ExemptionRequest(
                kinds=["full"],
                period_start=start,
                period_end=end,
                continuation=True,
                special_ground=ground,
                job_loss_person="applicant",
                job_loss_date=start,
                job_loss_evidence="separation_notice",
            ),
        )
    else:
        case = intake(clerk, applicant, ["full"], special_ground=ground)
    warnings = case_outlook(case).warnings
    assert any("継続審査の申出は適用されません" in warning for warning in warnings), warnings
    if ground == "disaster":
        # Damage under half is no ground: the application is one on income, which the 申出 carries.
        case.exemption.disaster_damage = "below_half"
        case.exemption.save(update_fields=["disaster_damage"])
        warnings = case_outlook(case).warnings
        assert not any("継続審査の申出は適用されません" in warning for warning in warnings), warnings
