"""機構's answer to a 資格届出: 承認 writes the history row of 資格情報 or 付加年金情報 (別添1), 却下 and 返戻 write
nothing; a row that cannot be written goes to the 突合 queue while the case still closes."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.codes import AdditionalKind, InsuredKind, LossReason
from cases.kernel.models import Stage
from cases.registry.models.pension import AdditionalPension, Qualification
from cases.submission.bundles import bundle_build_off_cycle
from cases.submission.models import Discrepancy
from cases.submission.results import results_import
from tests.qualification.helpers import intake, person, through_approval
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@pytest.fixture
def send(clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    def sent_and_answered(cases, decisions):
        for case in cases:
            through_approval(case, clerk, clerk2, supervisor)
        bundle_seal(bundle=bundle_build_off_cycle(by=supervisor), by=supervisor)
        lines = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由\n"
        for case, decision in zip(cases, decisions, strict=True):
            reason = "記載誤り" if decision == "返戻" else ""
            lines += f"{case.number},,{decision},{TODAY},,,,{reason}\n"
        with django_capture_on_commit_callbacks(execute=True):
            results_import(filename="kekka.csv", data=lines.encode(), by=clerk)
        for case in cases:
            case.refresh_from_db()

    return sent_and_answered


def test_law_9_1_a_confirmed_death_closes_the_open_period_the_day_after(clerk, send):
    resident = person(kind=InsuredKind.FIRST)
    case = intake(clerk, resident, kind="death", event="death", event_date=TODAY - 2 * DAY)
    send([case], ["承認"])
    period = Qualification.objects.get(pension=resident.pension)
    assert (period.lost_on, period.lost_filed_on, period.lost_reason) == (
        TODAY - DAY,
        TODAY,
        LossReason.DEATH,
    )
    assert case.stage == Stage.CLOSED


def test_h16_supplementary_23_a_confirmed_special_elderly_application_is_a_high_age_voluntary_period(
    clerk, send
):
    resident = person(kind=None, birth=dt.date(1960, 1, 1))
    case = intake(clerk, resident, kind="special_elderly", event="application", payment_method="account")
    send([case], ["承認"])
    period = Qualification.objects.get(pension=resident.pension)
    assert (period.insured_kind, period.acquired_on, period.elderly_voluntary) == (
        InsuredKind.SPECIAL_ELDERLY,
        TODAY,
        True,
    )


def test_law_87_2_3_a_confirmed_withdrawal_ends_the_additional_row_from_the_month_before(clerk, send):
    resident = person(kind=InsuredKind.FIRST)
    paying = AdditionalPension.objects.create(
        pension=resident.pension, kind=AdditionalKind.ADDITIONAL, joined_on=TODAY - 400 * DAY
    )
    case = intake(clerk, resident, kind="additional_withdrawal", event="withdrawal")
    send([case], ["承認"])
    paying.refresh_from_db()
    first_without = (TODAY.replace(day=1) - DAY).replace(day=1)
    assert (paying.left_on, paying.left_filed_on) == (first_without, TODAY)


def test_a_rejection_or_a_return_writes_nothing(clerk, send):
    rejected_person, returned_person = (
        person(kind=None, birth=dt.date(1990, 1, 1)),
        person(kind=None, birth=dt.date(1991, 1, 1)),
    )
    rejected = intake(clerk, rejected_person, kind="acquisition", event="immigration", event_date=TODAY - DAY)
    returned = intake(clerk, returned_person, kind="acquisition", event="immigration", event_date=TODAY - DAY)
    send([rejected, returned], ["却下", "返戻"])
    assert not Qualification.objects.exists()
    assert (rejected.stage, returned.stage) == (Stage.CLOSED, Stage.INPUT)


def test_a_confirmed_loss_the_records_cannot_take_goes_to_the_reconciliation_queue(clerk, send):
    resident = person(kind=None)
    case = intake(
        clerk,
        resident,
        kind="loss",
        event="emigration",
        event_date=TODAY,
        insured_kind_before=InsuredKind.FIRST,
    )
    send([case], ["承認"])
    assert case.stage == Stage.CLOSED  # 機構 decided
    item = Discrepancy.objects.get(kind=Discrepancy.Kind.DIFFERS, case=case)
    assert "喪失を記録できませんでした" in item.text
