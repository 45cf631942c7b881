"""The demo's 所得情報 counts children the way the exemption tests need them: under 16 as 年少扶養親族,
16–18 inside 一般扶養 and again as 一般扶養親族数のうち19歳未満, 19–22 as 特定扶養 (令5条の4, 6条の7)."""

import datetime as dt

from cases.demo import income
from cases.demo import people as p
from cases.demo.people import Household, Person

TAX_YEAR = 2026  # ages on 31 December 2025


def person(relationship: str, birth: dt.date, occupation: str = p.CHILD) -> Person:
    return Person(
        kanji_name="旭　太郎", kana_name="アサヒ　タロウ", sex="1", birth=birth, relationship=relationship,
        occupation=occupation,
    )  # fmt: skip


def test_children_of_every_age_are_counted_in_their_group():
    head = person("世帯主", dt.date(1980, 5, 1), p.EMPLOYEE)
    wife = person("妻", dt.date(1982, 5, 1), p.HOMEMAKER)
    children = [
        person("子", dt.date(2020, 3, 3)),  # 5
        person("子", dt.date(2012, 1, 1)),  # 13
        person("子", dt.date(2008, 6, 1)),  # 17
        person("子", dt.date(2007, 1, 1)),  # 19 on 31 December: an age is reached the day before
        person("子", dt.date(2005, 4, 1)),  # 20
    ]
    household = Household("couple_children", [head, wife, *children])
    amounts = {id(member): {TAX_YEAR: 0} for member in household.members}
    record = {"total_income": 4_000_000, **dict.fromkeys(income._ZEROED, 0)}

    income._dependants(record, head, household, amounts, TAX_YEAR)

    assert record["spouse_general"] is True
    assert record["dependants_under16"] == 2
    assert (record["dependants_general"], record["dependants_aged16to18"]) == (1, 1)
    assert record["dependants_specified"] == 2
