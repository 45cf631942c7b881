"""The 受付 screen refuses applications that cannot be made, each with a Japanese message naming the
field, and takes nothing in (issue 10, item 5; the rules are in cases/exemption/request.py, request_checks.py
and applicant.py)."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.common.dates import add_months
from cases.common.identifiers.wareki import format_wareki
from cases.exemption import services as svc
from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
from cases.exemption.request import ExemptionRequest, exemption_request_normalize
from cases.kernel.models import Case
from cases.registry.models.pension import Qualification
from documents.filing import exemption_filing
from tests.factories import applicant_with_household
from tests.workflows.helpers import current_period

pytestmark = pytest.mark.django_db


def month(value: dt.date) -> str:
    return value.strftime("%Y-%m")


def post_intake(client, resident, **fields):
    start, end = current_period()
    data = {
        "received_on": timezone.localdate().isoformat(),
        "kind_1": "full",
        "period_start": month(start),
        "period_end": month(end),
        **fields,
    }
    return client.post(f"/intake/exemption/{resident.pk}/", {k: v for k, v in data.items() if v is not None})


def post_student_year(client, resident, fiscal_year: int, **fields):
    """A 学生納付特例 application (法90条の3) for the whole 学生年度 `fiscal_year` (April–March, 則77条の4第1項)."""
    start, end = fiscal_year_bounds(fiscal_year, student=True)
    return post_intake(
        client,
        resident,
        kind_1="student",
        is_student="on",
        school_name="旭川大学",
        period_start=month(start),
        period_end=month(end),
        once=uuid.uuid4().hex,
        **fields,
    )


def post_statutory(client, resident, *, ground: str, since: str, **fields):
    """A 法定免除 届出 (法89条1項): its ground and the day it arose, no period (the service settles it)."""
    return post_intake(
        client,
        resident,
        kind_1="statutory",
        period_start=None,
        period_end=None,
        statutory_ground=ground,
        statutory_since=since,
        **fields,
    )


def post_old_era_statutory(client, resident):
    """A 法定免除 届出 whose date was written on a form printed before the 改元 (「平成31年5月1日」, A13)."""
    return post_statutory(client, resident, ground="2", since="平成31年5月1日")


def error_after(body: str, field: str) -> str:
    """The page text between that field's input and the next field's label."""
    return body.split(f'name="{field}"', 1)[1].split("<label", 1)[0]


def qualify(resident, kind: str, since: dt.date, until: dt.date | None = None) -> None:
    Qualification.objects.create(
        pension=resident.pension, insured_kind=kind, acquired_on=since, acquired_reason="99", lost_on=until
    )


@pytest.fixture
def applicant(clerk):
    resident, _spouse = applicant_with_household(spouse_income=None)
    return resident


def test_a_receipt_date_after_today_is_refused_naming_the_field(client, clerk, applicant):
    client.force_login(clerk)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = post_intake(client, applicant, received_on=format_wareki(tomorrow))
    body = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    assert "より後です。今日以前の日付にしてください" in error_after(body, "received_on")


def test_a_period_in_a_later_exemption_year_is_refused(client, clerk, applicant):
    client.force_login(clerk)
    start, end = current_period()
    response = post_intake(
        client, applicant, period_start=month(add_months(start, 12)), period_end=month(add_months(end, 12))
    )
    assert not Case.objects.exists()
    assert "受付日の免除年度" in error_after(response.content.decode(), "period_start")


def test_a_student_period_in_a_later_student_year_is_refused(client, clerk, applicant):
    client.force_login(clerk)
    response = post_student_year(client, applicant, fiscal_year_of(timezone.localdate(), student=True) + 1)
    assert not Case.objects.exists()
    assert "受付日の学生年度" in error_after(response.content.decode(), "period_start")


def test_法90条の3第1項_student_months_after_the_graduation_month_are_refused():
    """学生納付特例 covers 「学生等である期間又は学生等であつた期間に限る」 (法90条の3第1項): a 学生年度 asked
    for past the 卒業予定年月 given on the same application asks for months that are no student's, and one
    that graduates before the first month asks for none at all."""
    applied = dt.date(2026, 5, 1)

    def normalize(*, end: dt.date, graduation: dt.date):
        request = ExemptionRequest(
            kinds=["student"],
            period_start=dt.date(2026, 4, 1),
            period_end=end,
            is_student=True,
            graduation_month=graduation,
        )
        return exemption_request_normalize(request=request, applied_on=applied, today=applied)

    with pytest.raises(ValidationError) as excinfo:
        normalize(end=dt.date(2027, 3, 1), graduation=dt.date(2026, 9, 1))
    assert "卒業予定年月" in excinfo.value.message_dict["period_end"][0]
    assert "90条の3第1項" in excinfo.value.message_dict["period_end"][0]
    # Up to the graduation month itself, and a graduation after the 学生年度: taken.
    assert normalize(end=dt.date(2026, 9, 1), graduation=dt.date(2026, 9, 1)).period_end == dt.date(
        2026, 9, 1
    )
    assert normalize(end=dt.date(2027, 3, 1), graduation=dt.date(2029, 3, 1)).period_end == dt.date(
        2027, 3, 1
    )
    with pytest.raises(ValidationError) as excinfo:
        normalize(end=dt.date(2027, 3, 1), graduation=dt.date(2026, 3, 1))
    assert "90条の3第1項" in excinfo.value.message_dict["graduation_month"][0]


def test_法90条1項_90条の2_平成26年法附則14条1項_months_up_to_the_graduation_month_are_no_exemption_months():
    """申請免除 and 納付猶予 leave out 「学生等である期間若しくは学生等であつた期間」 (法90条1項, 90条の2各項,
    平成26年法律第64号附則14条1項): a non-student's application whose months reach back to the 卒業予定年月 given
    asks for student months, which only 学生納付特例 covers; months after it are taken."""
    applied = dt.date(2026, 12, 1)

    def normalize(*, start: dt.date, graduation: dt.date, kinds=("full",)):
        request = ExemptionRequest(
            kinds=list(kinds), period_start=start, period_end=dt.date(2027, 6, 1), graduation_month=graduation
        )
        return exemption_request_normalize(request=request, applied_on=applied, today=applied)

    for kinds in (("full",), ("half", "deferral")):
        with pytest.raises(ValidationError) as excinfo:
            normalize(start=dt.date(2026, 7, 1), graduation=dt.date(2026, 9, 1), kinds=kinds)
        assert "90条1項" in excinfo.value.message_dict["period_start"][0]
    assert normalize(start=dt.date(2026, 10, 1), graduation=dt.date(2026, 9, 1)).period_start == dt.date(
        2026, 10, 1
    )


def test_the_intake_screen_refuses_a_student_period_past_the_graduation_month(client, clerk, applicant):
    client.force_login(clerk)
    start, _end = fiscal_year_bounds(fiscal_year_of(timezone.localdate(), student=True), student=True)
    graduation = add_months(start, 5)
    response = post_student_year(
        client, applicant, fiscal_year_of(start, student=True), graduation_month=month(graduation)
    )
    assert not Case.objects.exists()
    assert "卒業予定年月" in error_after(response.content.decode(), "period_end")


@pytest.mark.parametrize("kind", ["4", "5"])
def test_a_voluntary_member_is_refused_for_every_kind_with_the_reason(client, clerk, applicant, kind):
    """国民年金法附則5条10項; 平成26年法律第64号附則14条4項; 平成16年法律第104号附則23条10項."""
    qualify(applicant, kind, dt.date(2020, 4, 1))
    client.force_login(clerk)
    for kinds in ({"kind_1": "full", "kind_2": "half"}, {"kind_1": "deferral"}):
        body = post_intake(client, applicant, **kinds).content.decode()
        assert "任意加入被保険者" in body and "附則5条10項" in body
    expected = timezone.localdate() - dt.timedelta(days=30)
    body = post_intake(
        client,
        applicant,
        kind_1="maternity",
        period_start=None,
        period_end=None,
        expected_birth_date=expected.isoformat(),
    ).content.decode()
    assert "任意加入被保険者" in body
    assert not Case.objects.exists()


def test_a_member_on_record_as_category2_is_taken_in_and_warned_about_later(client, clerk, applicant):
    """Only 任意加入 is refused; other months outside 第1号 are warned at 入力, 照合 and 決裁."""
    qualify(applicant, "2", dt.date(1992, 4, 1))
    client.force_login(clerk)
    response = post_intake(client, applicant)
    assert response.status_code == 302 and Case.objects.count() == 1


def test_deferral_is_refused_when_the_applicant_is_past_the_50歳_month(client, clerk, applicant):
    """平成26年法律第64号附則14条1項: the 56-year-old of the issue."""
    today = timezone.localdate()
    applicant.birth_date = today.replace(year=today.year - 56, day=1)
    applicant.save(update_fields=["birth_date"])
    client.force_login(clerk)
    body = post_intake(client, applicant, kind_1="full", kind_2="deferral").content.decode()
    assert not Case.objects.exists()
    assert "納付猶予は50歳に達する日の属する月の前月" in body and "納付猶予を外してください" in body
    assert post_intake(client, applicant, kind_1="full", kind_2=None).status_code == 302


def test_deferral_is_taken_in_while_some_month_can_be_covered(clerk, applicant):
    start, end = current_period()
    # 50歳到達日 in the fourth month of the year: three months remain.
    applicant.birth_date = dt.date(add_months(start, 3).year - 50, add_months(start, 3).month, 2)
    applicant.save(update_fields=["birth_date"])
    case = svc.exemption_intake(
        actor=clerk,
        resident=applicant,
        received_on=timezone.localdate(),
        request=ExemptionRequest(kinds=["deferral"], period_start=start, period_end=end),
    )
    assert case.exemption.kinds == ["deferral"]


def test_a_job_loss_outside_the_window_of_則77条の7第2号_is_refused(client, clerk, applicant):
    start, _end = current_period()
    client.force_login(clerk)
    response = post_intake(
        client,
        applicant,
        special_ground="unemployment",
        job_loss_person="applicant",
        job_loss_evidence="separation_notice",
        job_loss_date=dt.date(start.year - 3, 3, 31).isoformat(),
    )
    assert not Case.objects.exists()
    assert "77条の7第2号" in error_after(response.content.decode(), "job_loss_date")


def test_continuation_without_full_or_deferral_is_refused(client, clerk, applicant):
    client.force_login(clerk)
    response = post_intake(client, applicant, kind_1="half", continuation="on")
    assert not Case.objects.exists()
    assert "継続審査の申出は全額免除または納付猶予" in error_after(response.content.decode(), "continuation")
    assert post_intake(client, applicant, kind_1="full", continuation="on").status_code == 302
    case = Case.objects.get()
    assert case.exemption.continuation is True
    # 則77条3項: the 申出 is printed on the 届書.
    assert exemption_filing(case)["continuation"] is True


def test_the_case_number_takes_the_year_of_the_real_receipt_date(clerk, applicant):
    received = dt.date(timezone.localdate().year - 1, 12, 28)
    start, end = fiscal_year_bounds(fiscal_year_of(received, student=False), student=False)
    case = svc.exemption_intake(
        actor=clerk,
        resident=applicant,
        received_on=received,
        request=ExemptionRequest(kinds=["full"], period_start=start, period_end=end),
    )
    assert case.number.startswith(f"{received.year}-")
    with pytest.raises(ValidationError) as excinfo:
        svc.exemption_intake(
            actor=clerk,
            resident=applicant,
            received_on=timezone.localdate() + dt.timedelta(days=120),
            request=ExemptionRequest(kinds=["full"], period_start=start, period_end=end),
        )
    assert "received_on" in excinfo.value.message_dict


def test_an_old_era_date_is_accepted_and_noted_on_the_timeline(client, clerk, applicant):
    """A form printed before the 改元: 「平成31年5月1日」 is read as 令和元年5月1日 (A13)."""
    client.force_login(clerk)
    response = post_old_era_statutory(client, applicant)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.exemption.statutory_since == dt.date(2019, 5, 1)
    received = case.events.get(action="received")
    assert "改元後の日付のため 令和元年5月1日 として受け付けました" in received.text


def test_附則14条1項_the_令和12年6月_limit_refuses_deferral_naming_that_limit(client, clerk, applicant):
    """平成26年法律第64号附則14条1項: 納付猶予 only 「令和十二年六月までの期間」 (the rule set's `deferral_until`).
    A 40-year-old applying after that month is refused naming that limit, not the 50歳 one."""
    from tests.workflows.test_deferral_warning import _deferral_ends

    start, _end = current_period()
    _deferral_ends(add_months(start, -1))
    applicant.birth_date = start.replace(year=start.year - 40)
    applicant.save(update_fields=["birth_date"])
    client.force_login(clerk)
    body = post_intake(client, applicant, kind_1="full", kind_2="deferral").content.decode()
    assert not Case.objects.exists()
    assert "までの制度です" in body and "納付猶予を外してください" in body
    assert "50歳" not in body
