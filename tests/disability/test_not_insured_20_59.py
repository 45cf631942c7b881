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


@pytest.mark.parametrize(
    ("status", "first_visit"),
    [
        ("category1", dt.date(2026, 6, 10)),  # the day before the 20歳到達日 (2026-06-11)
        ("category1", dt.date(2066, 6, 11)),  # the 60歳到達日: 法9条3号, lost that day
        ("category3", dt.date(2026, 6, 10)),
        ("category3", dt.date(2070, 1, 5)),
    ],
)
def test_ho7_1_1_and_3_category1_or_3_outside_20_to_59_is_flagged(status, first_visit):
    """法7条1項1号・3号: 第1号 and 第3号 are 20歳以上60歳未満 only (the 20歳到達日 to the day before the 60歳到達日). A
    claim entered so was taken as an insured 初診日 without a word — a 60–64 初診日 is 法30条1項2号 (shut by a 繰上げ,
    法附則9条の2の3), one before 20 is 30条の4. Kept as entered, flagged."""
    found = claim_office(birth_date=BORN, first_visit=first_visit, status=status)
    assert found.route == "insured" and "status_age" in found.doubts


@pytest.mark.parametrize(
    ("status", "first_visit"),
    [
        ("category1", dt.date(2026, 6, 11)),
        ("category1", dt.date(2066, 6, 10)),
        ("category3", dt.date(2040, 1, 1)),
    ],
)
def test_ho7_1_1_and_3_category1_or_3_between_the_20th_and_60th_age_days_is_not_flagged(status, first_visit):
    assert "status_age" not in claim_office(birth_date=BORN, first_visit=first_visit, status=status).doubts


@pytest.mark.django_db
def test_ho7_1_1_and_3_the_intake_check_shows_the_status_age_doubt(client, clerk):
    resident = PensionRecordFactory(resident__birth_date=dt.date(1962, 5, 5)).resident
    client.force_login(clerk)
    page = d.routing_check(client, resident, first_visit_on="2023-05-04", status_at_first_visit="category1")
    assert "国民年金法7条1項1号・3号" in page  # the 60歳到達日 (2023-05-04) entered as 第1号
