"""令1条の2第3号ハ: the city takes a 障害基礎年金 claim whose 初診日 fell in 第1号 (or 任意加入) membership, the
年金事務所 one whose 初診日 fell in 第2号・第3号 membership. The status on the 初診日 was taken as the clerk entered
it and never held against the city's own 資格情報: a claim entered as 第1号 for a 初診日 the records show in 第2号
membership read 「市で受理できます」 with no word of doubt (a walk of 2026-12-07). The status stays as entered — the
records can be behind, and the 受診状況等証明書 and the claimant's history decide — with a 「要確認」 naming what the
records show."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.codes import InsuredKind
from cases.disability.intake import disability_assess
from tests.disability import helpers as d

pytestmark = pytest.mark.django_db

BORN = dt.date(1985, 5, 20)


def _resident(kind, since=dt.date(2009, 6, 18), lost=None):
    return d.resident_with_qualifications(*([(kind, since, lost)] if kind else []), born=BORN)


def _doubts(resident, status):
    """The claim's doubts from the records (the other doubts depend on the dates, not on this check)."""
    found = disability_assess(
        resident=resident, facts=d.facts(status_at_first_visit=status), received_on=timezone.localdate()
    )
    return [code for code in found.doubts if code.startswith("records_")]


def test_rei1_2_3_ha_category1_entered_where_the_records_show_category2_is_flagged():
    assert _doubts(_resident(InsuredKind.SECOND), "category1") == ["records_category2"]


def test_rei1_2_3_ha_not_insured_entered_where_the_records_show_category3_is_flagged():
    assert _doubts(_resident(InsuredKind.THIRD), "not_insured") == ["records_category3"]


def test_rei1_2_3_ha_category2_entered_where_the_records_show_category1_is_flagged():
    """The other way round: the city would send away a claim its records say it takes."""
    assert _doubts(_resident(InsuredKind.FIRST), "category2") == ["records_category1"]


def test_rei1_2_3_ha_voluntary_records_are_voluntary_whatever_their_code():
    assert _doubts(_resident(InsuredKind.SPECIAL_ELDERLY), "category1") == ["records_voluntary"]
    assert _doubts(_resident(InsuredKind.VOLUNTARY), "voluntary") == []


@pytest.mark.parametrize(
    ("kind", "lost", "status"),
    [
        (InsuredKind.FIRST, None, "category1"),  # the records agree
        (InsuredKind.SECOND, None, "category2"),
        (None, None, "category1"),  # no 資格情報 at all: nothing to hold it against
        # 第2号 ended before the 初診日 (法9条: from the 喪失日 not insured)
        (InsuredKind.SECOND, d.years_ago(3), "category1"),
    ],
)
def test_rei1_2_3_ha_no_flag_where_the_records_agree_or_say_nothing(kind, lost, status):
    assert _doubts(_resident(kind, lost=lost), status) == []


def test_rei1_2_3_ha_the_routing_check_and_the_stored_claim_carry_it(client, clerk):
    resident = _resident(InsuredKind.SECOND)
    client.force_login(clerk)
    page = d.routing_check(client, resident)
    assert "市の資格記録では、初診日に第2号被保険者です" in page
    case = d.start_claim(clerk=clerk, resident=resident)
    assert "records_category2" in case.disability.assessment["doubts"]
