"""What the registry's 資格情報, 免除情報, 付加年金情報 and 住民記録 say about a person on a day
(`cases.registry.selectors.pension.pension_records_on`): the shared read any case type asks, not a rule
of one type's."""

import datetime as dt

import pytest

from cases.common.codes import (
    AcquisitionReason,
    AdditionalKind,
    ChangeReason,
    Decision,
    ExemptionKind,
    ExemptionReason,
    InsuredKind,
)
from cases.registry.models.pension import AdditionalPension, Exemption, Qualification
from cases.registry.selectors.pension import Records, pension_records_on
from tests.factories import PensionRecordFactory, ResidentFactory

D = dt.date
DAY = D(2026, 5, 10)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pension():
    return PensionRecordFactory(resident__birth_date=D(1990, 6, 15))


def _period(pension, kind, acquired_on, lost_on=None):
    return Qualification.objects.create(
        pension=pension,
        insured_kind=kind,
        acquired_on=acquired_on,
        lost_on=lost_on,
        acquired_reason=AcquisitionReason.OTHER,
    )


def _exemption(pension, kind, start_on, end_on=None, decision="", number="E1"):
    return Exemption.objects.create(
        pension=pension,
        received_on=start_on,
        kind=kind,
        start_on=start_on,
        end_on=end_on,
        reason=ExemptionReason.INCOME,
        decision=decision,
        reference_no=number,
    )


def _joined(pension, kind, joined_on, left_on=None):
    return AdditionalPension.objects.create(pension=pension, kind=kind, joined_on=joined_on, left_on=left_on)


def _on(pension, day=DAY) -> Records:
    return pension_records_on(resident=pension.resident, day=day)


def test_a_person_without_a_pension_record_has_no_records_and_lives_in_japan():
    resident = ResidentFactory()
    assert pension_records_on(resident=resident, day=DAY) == Records()


def test_the_open_qualification_period_covering_the_day_gives_the_kind(pension):
    _period(pension, InsuredKind.FIRST, D(2010, 6, 14))
    assert _on(pension).insured_kind == InsuredKind.FIRST


def test_a_period_acquired_after_the_day_does_not_cover_it(pension):
    _period(pension, InsuredKind.FIRST, DAY + dt.timedelta(days=1))
    assert _on(pension).insured_kind == ""
    assert _on(pension, DAY + dt.timedelta(days=1)).insured_kind == InsuredKind.FIRST


def test_law_9_a_period_lost_on_the_day_itself_no_longer_covers_it(pension):
    """法9条: the 資格喪失日 (the day after the fact) is the first day the person is not insured."""
    _period(pension, InsuredKind.FIRST, D(2010, 6, 14), lost_on=DAY)
    assert _on(pension).insured_kind == ""
    assert _on(pension, DAY - dt.timedelta(days=1)).insured_kind == InsuredKind.FIRST


def test_law_9_on_the_day_of_a_kind_change_the_new_period_is_read(pension):
    """A 種別変更: the old period is lost on the day the new one is acquired; the new one covers the day."""
    _period(pension, InsuredKind.SECOND, D(2013, 4, 1), lost_on=DAY)
    _period(pension, InsuredKind.FIRST, DAY)
    assert _on(pension).insured_kind == InsuredKind.FIRST
    assert _on(pension, DAY - dt.timedelta(days=1)).insured_kind == InsuredKind.SECOND


def test_of_two_open_periods_the_latest_acquired_is_read(pension):
    """資格情報 lags: an old period not yet closed by a loss stays open beside the newer one."""
    _period(pension, InsuredKind.SECOND, D(2013, 4, 1))
    _period(pension, InsuredKind.FIRST, D(2026, 4, 1))
    assert _on(pension).insured_kind == InsuredKind.FIRST


def test_an_exemption_covering_the_day_gives_its_kind_through_its_last_day(pension):
    _exemption(pension, ExemptionKind.HALF, D(2025, 7, 1), end_on=DAY, decision=Decision.APPROVED)
    assert _on(pension).exemption == ExemptionKind.HALF  # the 免除終了日 is still covered
    assert _on(pension, DAY + dt.timedelta(days=1)).exemption is None
    assert _on(pension, D(2025, 6, 30)).exemption is None


def test_an_exemption_not_yet_decided_is_read(pension):
    _exemption(pension, ExemptionKind.FULL, D(2025, 7, 1))
    assert _on(pension).exemption == ExemptionKind.FULL


@pytest.mark.parametrize("decision", [Decision.REJECTED, Decision.RETURNED])
def test_a_rejected_or_returned_exemption_is_ignored(pension, decision):
    _exemption(pension, ExemptionKind.FULL, D(2025, 7, 1), decision=decision)
    assert _on(pension).exemption is None


def test_the_latest_exemption_covering_the_day_wins(pension):
    _exemption(pension, ExemptionKind.DEFERRAL, D(2024, 7, 1), number="E1")
    _exemption(pension, ExemptionKind.QUARTER, D(2025, 7, 1), number="E2")
    assert _on(pension).exemption == ExemptionKind.QUARTER


def test_an_open_additional_row_says_paying_additional(pension):
    _joined(pension, AdditionalKind.ADDITIONAL, D(2020, 4, 1))
    records = _on(pension)
    assert records.paying_additional and not records.pension_fund_member


def test_an_open_fund_row_says_pension_fund_member(pension):
    _joined(pension, AdditionalKind.PENSION_FUND, D(2020, 4, 1))
    records = _on(pension)
    assert records.pension_fund_member and not records.paying_additional


def test_an_additional_row_left_on_the_day_or_joined_after_it_does_not_count(pension):
    _joined(pension, AdditionalKind.ADDITIONAL, D(2020, 4, 1), left_on=DAY)
    _joined(pension, AdditionalKind.PENSION_FUND, DAY + dt.timedelta(days=1))
    records = _on(pension)
    assert not records.paying_additional and not records.pension_fund_member
    assert _on(pension, DAY - dt.timedelta(days=1)).paying_additional


def test_a_farmers_pension_row_is_neither(pension):
    _joined(pension, AdditionalKind.FARMERS, D(2020, 4, 1))
    records = _on(pension)
    assert not records.paying_additional and not records.pension_fund_member


def test_law_9_1_2_a_person_removed_for_moving_abroad_does_not_live_in_japan(pension):
    """法9条2号 (日本国内に住所を有しなくなつた): the 住民記録's 国外転出 is what says so."""
    resident = pension.resident
    resident.removed_on, resident.change_reason = D(2026, 3, 31), ChangeReason.MOVE_OUT_ABROAD
    resident.save()
    assert _on(pension).resident_in_japan is False


def test_a_person_removed_for_moving_abroad_without_a_pension_record_does_not_live_in_japan():
    resident = ResidentFactory(removed_on=D(2026, 3, 31), change_reason=ChangeReason.MOVE_OUT_ABROAD)
    assert pension_records_on(resident=resident, day=DAY) == Records(resident_in_japan=False)


def test_a_person_moved_out_within_japan_still_lives_in_japan(pension):
    resident = pension.resident
    resident.removed_on, resident.change_reason = D(2026, 3, 31), ChangeReason.MOVE_OUT
    resident.save()
    assert _on(pension).resident_in_japan is True
