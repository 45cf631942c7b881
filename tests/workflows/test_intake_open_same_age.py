"""The double-intake check at the exemption counter reads the 申請年度 the case will be stored with, also when
the applicant's age moves the months: a 法定免除 届出 (国民年金法89条1項: 「該当するに至つた日の属する月の前月から」)
whose ground arose in the 20歳 month would start the month before, but that month is no 第1号 month
(法7条1項1号 「二十歳以上」, 8条1号, 11条), so the case starts at the 20歳 month (cases/exemption/ages.py
age_months_apply) — in July, a 免除年度 later (則77条1項: July–June) than the June the 届出 alone names. The
check computed its key before that move: an open case of the year stored was no double (missed), one of the
year before was (a false confirmation). The key is the stored case's (cases/exemption/casetype.py
same_application)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.exemption import services as svc
from cases.exemption.applicant import request_application_year
from cases.exemption.periods import ApplicationYear, fiscal_year_of
from cases.exemption.request import ExemptionRequest
from cases.kernel.models import CaseType
from tests.factories import applicant_with_household
from tests.workflows.helpers import start_case
from tests.workflows.test_intake_refusals import post_statutory
from workflows.start import case_start

pytestmark = pytest.mark.django_db


def _year() -> int:
    return fiscal_year_of(timezone.localdate(), student=False)


@pytest.fixture
def turning_20(clerk):
    """Reaches 20 on the 1st of July of this 免除年度 (born 2 July: the age is reached the day before the
    birthday), so July is the first 第1号 month."""
    resident, _spouse = applicant_with_household(spouse_income=None)
    resident.birth_date = dt.date(_year() - 20, 7, 2)
    resident.save(update_fields=["birth_date"])
    return resident


def _statutory_notice(client, resident, **fields):
    """The ground (法89条1項1号: a 障害基礎年金) arose on the 20歳到達日, 1 July: 「前月から」 would be June, of
    the 免除年度 before."""
    return post_statutory(client, resident, ground="1", since=dt.date(_year(), 7, 1).isoformat(), **fields)


def _refused_as_double(response) -> bool:
    return (
        response.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in response.content.decode()
    )


def test_the_key_is_the_year_the_case_is_stored_with(turning_20):
    """法89条1項 with 法7条1項1号・8条1号: the 届出 is taken from July, 免除年度 this year, and the key says so."""
    request = ExemptionRequest(
        kinds=["statutory"], statutory_ground="1", statutory_since=dt.date(_year(), 7, 1)
    )
    assert request_application_year(
        resident=turning_20, request=request, applied_on=timezone.localdate()
    ) == ApplicationYear(False, _year())


def test_an_open_case_of_the_year_the_notice_is_stored_in_asks_for_confirmation(client, clerk, turning_20):
    """A genuine double: this 免除年度's application is open, and the 届出 lands in this 免除年度 (法7条1項1号)."""
    first = start_case(clerk=clerk, resident=turning_20)
    assert first.exemption.fiscal_year == _year()
    client.force_login(clerk)
    response = _statutory_notice(client, turning_20)
    assert _refused_as_double(response)
    assert first.number in response.content.decode().split('name="confirm_open_same"', 1)[1]
    taken = _statutory_notice(client, turning_20, confirm_open_same="on")
    assert taken.status_code == 302
    stored = turning_20.cases.exclude(pk=first.pk).get().exemption
    assert (stored.period_start, stored.fiscal_year) == (dt.date(_year(), 7, 1), _year())


def test_an_open_case_of_the_year_before_is_no_double(client, clerk, turning_20):
    """The converse: an open 産前産後 届出 (法88条の2: its months are the law's own, whatever the age) whose
    months start in May, 免除年度 last year, is not the 届出 taken for this year's July on (則77条1項)."""
    birth = dt.date(_year(), 6, 15)
    maternity = case_start(
        case_type=CaseType.EXEMPTION,
        intake=lambda: svc.exemption_intake(
            actor=clerk,
            resident=turning_20,
            received_on=timezone.localdate(),
            request=ExemptionRequest(kinds=["maternity"], expected_birth_date=birth, actual_birth_date=birth),
        ),
    )
    assert maternity.exemption.fiscal_year == _year() - 1
    client.force_login(clerk)
    response = _statutory_notice(client, turning_20)
    assert response.status_code == 302, response.content.decode()
    assert turning_20.cases.count() == 2
