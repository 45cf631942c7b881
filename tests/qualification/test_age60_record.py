"""法9条3号: a 第1号被保険者 loses the status on the 60歳到達日 itself, and 則3条 asks for no loss filing then
(it excludes 法9条3号). So 資格情報 often still shows the 第1号 period from 20 with no 喪失日 when the person
comes in at 60 or later. Found by the walk of 2026-12-08: a 61-year-old was refused 任意加入 (法附則5条1項2号)
as 「既に被保険者です」 and could not say otherwise (届出前の種別 has no 「被保険者でない」)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.common.codes import InsuredKind
from cases.kernel.models import Case
from cases.registry.selectors.pension import pension_records_on
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def _sixty_one_with_open_category1():
    """61 today, 資格情報: 第1号 from the 20歳到達日, never closed (no filing at 60, 則3条)."""
    birth = dt.date(TODAY.year - 61, 1, 1) if TODAY.month > 1 else dt.date(TODAY.year - 62, 1, 1)
    return person(kind=InsuredKind.FIRST, birth=birth, since=dt.date(birth.year + 20, 1, 1) - DAY)


def test_law_9_3_a_category1_record_does_not_cover_days_from_the_60th_age_day():
    """法9条3号 (その日に喪失): the open 第1号 row covers the day before the 60歳到達日, not the day itself."""
    birth = dt.date(1966, 12, 5)  # 60歳到達日 2026-12-04
    resident = person(kind=InsuredKind.FIRST, birth=birth, since=dt.date(1986, 12, 4))
    assert pension_records_on(resident=resident, day=dt.date(2026, 12, 3)).insured_kind == InsuredKind.FIRST
    assert pension_records_on(resident=resident, day=dt.date(2026, 12, 4)).insured_kind == ""


def test_law_9_3_a_voluntary_member_record_goes_on_after_60():
    """法附則5条1項2号: 任意加入 runs to 65; only the 第1号 ends at 60."""
    resident = person(kind=InsuredKind.VOLUNTARY, birth=dt.date(1964, 1, 1), since=dt.date(2023, 12, 31))
    assert pension_records_on(resident=resident, day=TODAY).insured_kind == InsuredKind.VOLUNTARY


def test_supplementary_5_1_2_law_9_3_at_61_an_unclosed_category1_record_allows_voluntary(clerk):
    case = intake(
        clerk,
        _sixty_one_with_open_category1(),
        kind="voluntary",
        event="application",
        payment_method="account",
    )
    filing = case.qualification
    assert (filing.route, filing.effective_on, filing.insured_kind_after) == (
        "age60_64",
        TODAY,
        InsuredKind.VOLUNTARY,
    )


def test_law_87_2_law_9_3_at_61_an_unclosed_category1_record_allows_no_additional(clerk):
    """法87条の2: 付加 is for 第1号 (and 附則5条 任意加入); at 61 without 任意加入 the person is neither."""
    with pytest.raises(ValidationError) as refused:
        intake(clerk, _sixty_one_with_open_category1(), kind="additional", event="application")
    assert "kind" in refused.value.message_dict
    assert not Case.objects.exists()


def test_law_9_3_rule_3_moving_abroad_after_60_is_no_category1_loss_to_file(clerk):
    """The 第1号 ended on the 60歳到達日 (法9条3号); a move abroad later ends nothing the city files (則3条)."""
    with pytest.raises(ValidationError) as refused:
        intake(
            clerk,
            _sixty_one_with_open_category1(),
            kind="loss",
            event="emigration",
            event_date=TODAY - 2 * DAY,
        )
    assert "insured_kind_before" in refused.value.message_dict
    assert not Case.objects.exists()
