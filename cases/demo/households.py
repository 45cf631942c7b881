"""Household shapes: who lives together, how old they are and what they do.

The mix leans towards working-age people (the pension desk's clients) but keeps 旭川's many elderly
households, single parents and students living with their parents.
"""

import datetime as dt
import itertools
import random

from cases.common.codes import Sex
from cases.demo import people as p
from cases.demo.people import Household, Person, birth_for_age, date_between, japanese

M, F = Sex.MALE, Sex.FEMALE


def _adult_occupation(rng: random.Random, sex: str, age: int) -> str:
    if age >= 65:
        return p.RETIRED
    if age <= 22 and rng.random() < 0.55:
        return p.STUDENT
    roll = rng.random()
    if sex == M:
        return p.EMPLOYEE if roll < 0.55 else p.SELF_EMPLOYED if roll < 0.72 else p.PART_TIME
    return p.EMPLOYEE if roll < 0.5 else p.PART_TIME if roll < 0.85 else p.SELF_EMPLOYED


def _person(rng, surname, as_of, *, sex, age, relationship, occupation=None) -> Person:
    birth = birth_for_age(rng, as_of, age)
    occupation = occupation or (p.CHILD if age < 18 else _adult_occupation(rng, sex, age))
    return japanese(rng, surname, sex=sex, birth=birth, relationship=relationship, occupation=occupation)


def _married(rng: random.Random, person: Person, spouse: Person, as_of: dt.date) -> None:
    younger = max(person.birth, spouse.birth)
    earliest = min(as_of, p.safe_date(younger.year + 22, younger.month, younger.day))
    latest = min(as_of, p.safe_date(younger.year + 35, younger.month, younger.day))
    person.married_on = spouse.married_on = date_between(rng, earliest, latest)


def _couple(rng, as_of, ages: tuple[int, int]) -> tuple[Person, Person]:
    surname = p.family_name(rng)
    husband_age = rng.randint(*ages)
    wife_age = max(20, husband_age + rng.randint(-6, 3))
    husband = _person(rng, surname, as_of, sex=M, age=husband_age, relationship="世帯主")
    wife = _person(rng, surname, as_of, sex=F, age=wife_age, relationship="妻")
    if husband.occupation == p.EMPLOYEE and wife.age(as_of) < 60 and rng.random() < 0.45:
        wife.occupation = p.HOMEMAKER
    elif husband.occupation == p.SELF_EMPLOYED and wife.occupation == p.EMPLOYEE:
        wife.occupation = p.SELF_EMPLOYED  # 家族従業者 of the family business
    if rng.random() < 0.12:  # she heads the household
        husband.relationship, wife.relationship = "夫", "世帯主"
    _married(rng, husband, wife, as_of)
    return husband, wife


def _children(rng, surname, as_of, mother_age: int, count: int, *, max_age: int = 22) -> list[Person]:
    oldest = min(max_age, mother_age - 20)
    if oldest < 0:
        return []
    ages = sorted((rng.randint(0, oldest) for _ in range(count)), reverse=True)
    return [_person(rng, surname, as_of, sex=rng.choice((M, F)), age=a, relationship="子") for a in ages]


def single(rng, as_of, low: int, high: int) -> Household:
    age = rng.randint(low, high)
    sex = F if age >= 65 and rng.random() < 0.65 else rng.choice((M, F))
    person = _person(rng, p.family_name(rng), as_of, sex=sex, age=age, relationship="世帯主")
    if age >= 65 and sex == F and rng.random() < 0.5:
        person.widowed = True
    return Household("single", [person])


def couple(rng, as_of, low: int, high: int) -> Household:
    return Household("couple", list(_couple(rng, as_of, (low, high))))


def family(rng, as_of) -> Household:
    husband, wife = _couple(rng, as_of, (26, 55))
    kids = _children(rng, p.surname_of(husband), as_of, wife.age(as_of), rng.choice((1, 1, 2, 2, 2, 3)))
    return Household("family", [husband, wife, *kids])


def three_generations(rng, as_of) -> Household:
    household = family(rng, as_of)
    son, wife = household.members[:2]
    son.relationship, wife.relationship = "世帯主", "妻"  # 父/母 are the 世帯主's own parents
    surname = p.surname_of(son)
    base = son.age(as_of) + rng.randint(24, 34)
    for sex, relationship in ((M, "父"), (F, "母")):
        if rng.random() < 0.7:
            age = base + (0 if sex == M else rng.randint(-4, 0))
            household.members.append(
                _person(rng, surname, as_of, sex=sex, age=age, relationship=relationship)
            )
    household.kind = "three_generations"
    return household


def single_parent(rng, as_of) -> Household:
    sex = F if rng.random() < 0.85 else M
    surname = p.family_name(rng)
    parent = _person(rng, surname, as_of, sex=sex, age=rng.randint(24, 52), relationship="世帯主")
    if parent.occupation == p.STUDENT:
        parent.occupation = p.PART_TIME
    # Divorced some years ago: if she was a 3号 then, she became 1号 on that day.
    parent.married_on = date_between(rng, parent.birth + dt.timedelta(days=22 * 365), as_of)
    parent.support_ended_on = date_between(rng, parent.married_on, as_of)
    kids = _children(rng, surname, as_of, parent.age(as_of), rng.choice((1, 1, 2, 3)))
    return Household("single_parent", [parent, *kids])


def with_adult_children(rng, as_of) -> Household:
    husband, wife = _couple(rng, as_of, (50, 70))
    surname = p.surname_of(husband)
    kids = [
        _person(rng, surname, as_of, sex=rng.choice((M, F)), age=rng.randint(20, 35), relationship="子")
        for _ in range(rng.choice((1, 1, 2)))
    ]
    for kid in kids:
        if kid.age(as_of) > 22 and rng.random() < 0.35:
            kid.occupation = p.UNEMPLOYED
    return Household("adult_children", [husband, wife, *kids])


def foreign(rng, as_of) -> Household:
    nationality = rng.choice(p.FOREIGN_NAMES).nationality
    sex = rng.choice((M, F))
    age = rng.randint(20, 45)
    occupation = rng.choice((p.EMPLOYEE, p.EMPLOYEE, p.STUDENT, p.PART_TIME))
    occupation = p.EMPLOYEE if occupation == p.STUDENT and age > 30 else occupation
    birth = birth_for_age(rng, as_of, age)
    head = p.foreigner(
        rng, sex=sex, birth=birth, relationship="世帯主", occupation=occupation, nationality=nationality
    )
    household = Household("foreign", [head])
    if age >= 25 and rng.random() < 0.25:
        spouse_age = max(20, age + rng.randint(-5, 5))
        spouse = p.foreigner(
            rng,
            sex=p.other_sex(sex),
            birth=birth_for_age(rng, as_of, spouse_age),
            relationship="妻" if sex == M else "夫",
            occupation=p.PART_TIME,
            nationality=nationality,
        )
        _married(rng, head, spouse, as_of)
        household.members.append(spouse)
    return household


# (weight, builder). About 2.2 people per household, like the city.
SHAPES = (
    (15, lambda rng, as_of: single(rng, as_of, 20, 34)),
    (9, lambda rng, as_of: single(rng, as_of, 35, 64)),
    (10, lambda rng, as_of: single(rng, as_of, 65, 95)),
    (8, lambda rng, as_of: couple(rng, as_of, 24, 40)),
    (8, lambda rng, as_of: couple(rng, as_of, 50, 66)),
    (9, lambda rng, as_of: couple(rng, as_of, 67, 90)),
    (20, family),
    (5, three_generations),
    (6, single_parent),
    (7, with_adult_children),
    (3, foreign),
)
_BUILDERS = tuple(builder for _, builder in SHAPES)
_CUMULATIVE = tuple(itertools.accumulate(weight for weight, _ in SHAPES))


def household(rng: random.Random, as_of: dt.date) -> Household:
    return rng.choices(_BUILDERS, cum_weights=_CUMULATIVE)[0](rng, as_of)
