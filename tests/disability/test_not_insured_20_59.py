"""法7条1項1号, 法8条1号: a person living in Japan aged 20 to 59 is a 第1号被保険者 unless 第2号・第3号 or excluded
(厚生年金保険法に基づく老齢給付等 and the 省令's exclusions). A claim entered as 「加入していない」 for such a 初診日 —
the 20歳到達日 itself included (rules-disability-qualification.md §2.1: it falls inside 第1号 membership) — was
sent to the 年金事務所 as having no route, with no word that the status is most likely wrong. The route stays
as entered (the exclusions exist), with a 「要確認」 naming the articles."""

import datetime as dt

import pytest

from cases.disability.office import claim_office
from cases.disability.rules import age20_reached
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

BORN = dt.date(2006, 6, 12)


def _office(first_visit, **flags):
    return claim_office(birth_date=BORN, first_visit=first_visit, status="not_insured", **flags)


def test_ho7_1_1_not_insured_on_the_20th_birthday_eve_living_in_japan_is_flagged():
    reached = age20_reached(BORN)  # 2026-06-11
    found = _office(reached, resident_in_japan=True)
    assert (found.route, found.office) == ("none", None)
    assert "resident_20_59" in found.doubts


def test_ho7_1_1_not_insured_at_40_living_in_japan_is_flagged():
    assert "resident_20_59" in _office(dt.date(2046, 7, 1), resident_in_japan=True).doubts


@pytest.mark.parametrize(
    ("first_visit", "in_japan"),
    [
        (dt.date(2026, 6, 10), True),  # the day before the 20歳到達日: 20歳前, no doubt
        (dt.date(2036, 7, 1), False),  # abroad at 30: not insured unless 任意加入
        (dt.date(2066, 6, 11), True),  # the 60歳到達日: not 第1号 any more (法9条3号)
    ],
)
def test_ho7_1_1_no_flag_outside_20_to_59_in_japan(first_visit, in_japan):
    assert "resident_20_59" not in _office(first_visit, resident_in_japan=in_japan).doubts


@pytest.mark.django_db
def test_ho7_1_1_the_intake_check_shows_the_doubt(client, clerk):
    resident = PensionRecordFactory(resident__birth_date=BORN).resident
    client.force_login(clerk)
    page = d.routing_check(
        client,
        resident,
        first_visit_on=age20_reached(BORN).isoformat(),  # the 20歳到達日
        status_at_first_visit="not_insured",
        claim_basis="post_onset",
    )
    assert "国民年金法7条1項1号" in page
