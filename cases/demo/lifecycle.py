"""Where a household lives and what has happened to it: moves in, moves within the city, 消除.

Only a single-person household loses its 世帯主; elsewhere a member other than the head leaves or dies,
so every household keeps exactly one 世帯主 without inventing a 世帯主変更.
"""

import datetime as dt
import random

from cases.common.codes import ChangeReason, Sex
from cases.demo import people as p
from cases.demo.addresses import COUNTRIES, city_address, other_place
from cases.demo.people import Household, Person, date_between

_YEAR = dt.timedelta(days=365)


def _remove(rng: random.Random, person: Person, reason: str, as_of: dt.date, *, within_years: int) -> None:
    earliest = max(person.birth + dt.timedelta(days=1), as_of - within_years * _YEAR)
    person.removed_on = date_between(rng, earliest, as_of - dt.timedelta(days=1))
    person.removal_reason = reason
    if reason == ChangeReason.MOVE_OUT:
        person.address_after_move_out = other_place(rng)
    elif reason == ChangeReason.MOVE_OUT_ABROAD:
        person.address_after_move_out = COUNTRIES.get(person.nationality, "アメリカ合衆国")


def _widow(survivor: Person, deceased: Person) -> None:
    survivor.support_ended_on = deceased.removed_on
    survivor.widowed = survivor.sex == Sex.FEMALE


def _removals(rng: random.Random, household: Household, as_of: dt.date) -> None:
    head = household.head
    if len(household.members) == 1:
        age = head.age(as_of)
        if not head.is_japanese and rng.random() < 0.08:
            _remove(rng, head, ChangeReason.MOVE_OUT_ABROAD, as_of, within_years=2)
        elif head.is_japanese and 20 <= age <= 34 and rng.random() < 0.03:
            _remove(rng, head, ChangeReason.MOVE_OUT, as_of, within_years=2)
        elif age >= 75 and rng.random() < 0.04:
            _remove(rng, head, ChangeReason.DEATH, as_of, within_years=3)
        return
    for member in household.members:
        if member.is_head:
            continue
        age = member.age(as_of)
        if member.relationship in ("父", "母") and age >= 75 and rng.random() < 0.08:
            _remove(rng, member, ChangeReason.DEATH, as_of, within_years=3)
        elif member.relationship in ("妻", "夫") and age >= 70 and rng.random() < 0.03:
            _remove(rng, member, ChangeReason.DEATH, as_of, within_years=3)
            _widow(head, member)
        elif member.relationship == "子" and 20 <= age <= 35 and rng.random() < 0.06:
            _remove(rng, member, ChangeReason.MOVE_OUT, as_of, within_years=2)
        elif age >= 20 and rng.random() < 0.002:
            _remove(rng, member, ChangeReason.DEATH, as_of, within_years=3)
            if member.relationship in ("妻", "夫"):
                _widow(head, member)


def _health(rng: random.Random, household: Household, as_of: dt.date) -> None:
    for member in household.members:
        if member.age(as_of) < 18:
            continue
        roll = rng.random()
        member.disability = 2 if roll < 0.006 else 1 if roll < 0.03 else 0
        working_age = 20 <= member.age(as_of) < 60
        if working_age and member.disability == 2 and rng.random() < 0.6:
            member.statutory_ground = "1"  # 障害基礎年金 (1・2級) の受給権者
        elif working_age and member.occupation in (p.UNEMPLOYED, p.PART_TIME) and rng.random() < 0.02:
            member.statutory_ground = "2"  # 生活扶助


def settle(rng: random.Random, household: Household, as_of: dt.date) -> None:
    head = household.head
    household.address = city_address(rng)
    adult_since = p.safe_date(head.birth.year + 20, head.birth.month, head.birth.day)
    roll = rng.random()
    if not head.is_japanese:
        arrived = date_between(rng, max(adult_since, as_of - 6 * _YEAR), as_of - dt.timedelta(days=20))
        household.resided_on = arrived
        household.change_reason = ChangeReason.MOVE_IN_FROM_ABROAD
        household.address_before_move_in = COUNTRIES[head.nationality]
        for member in household.members:
            member.arrived_from_abroad_on = arrived
    elif roll < 0.06:
        household.resided_on = date_between(rng, max(adult_since, as_of - 4 * _YEAR), as_of)
        household.change_reason = ChangeReason.MOVE_IN
        household.address_before_move_in = other_place(rng)
    elif roll < 0.10:
        household.resided_on = date_between(rng, max(adult_since, as_of - 3 * _YEAR), as_of)
        household.change_reason = ChangeReason.MOVE_WITHIN
        household.previous_address = city_address(rng)
    else:
        household.resided_on = date_between(rng, adult_since, as_of - 4 * _YEAR)
    _removals(rng, household, as_of)
    _health(rng, household, as_of)
