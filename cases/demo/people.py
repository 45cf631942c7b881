"""One synthetic person and one household, before they become model rows."""

import datetime as dt
import random
from dataclasses import dataclass, field

from cases.common.codes import ChangeReason, Sex
from cases.demo.names import FAMILY_NAMES, FOREIGN_NAMES, SEP, Name, given_names

JAPAN = "日本"
_DAY = dt.timedelta(days=1)

# What a person does decides their pension history and income.
STUDENT, EMPLOYEE, SELF_EMPLOYED, PART_TIME = "student", "employee", "self", "part_time"
HOMEMAKER, UNEMPLOYED, RETIRED, CHILD = "homemaker", "unemployed", "retired", "child"


@dataclass(slots=True)
class Person:
    kanji_name: str
    kana_name: str
    sex: str
    birth: dt.date
    relationship: str
    occupation: str
    nationality: str = JAPAN
    married_on: dt.date | None = None
    # The last day a spouse supported them (divorce or death), for a 3号 → 1号 change.
    support_ended_on: dt.date | None = None
    removed_on: dt.date | None = None
    removal_reason: str = ""
    address_after_move_out: str = ""
    arrived_from_abroad_on: dt.date | None = None
    disability: int = 0  # 0 none, 1 障害者, 2 特別障害者
    statutory_ground: str = ""  # 法定免除コード when one applies
    widowed: bool = False

    @property
    def is_head(self) -> bool:
        return self.relationship == "世帯主"

    @property
    def is_japanese(self) -> bool:
        return self.nationality == JAPAN

    def age(self, on: dt.date) -> int:
        """Legal age (cases.common.identifiers.wareki.age_on), inlined: it is asked millions of times."""
        after = on + _DAY  # an age is reached on the day before the birthday
        birth = self.birth
        age = after.year - birth.year - ((after.month, after.day) < (birth.month, birth.day))
        return age if age > 0 else 0

    def alive_on(self, on: dt.date) -> bool:
        return self.birth <= on and (self.removed_on is None or self.removed_on > on)


@dataclass(slots=True)
class Household:
    kind: str
    members: list[Person] = field(default_factory=list)
    address: str = ""
    resided_on: dt.date | None = None
    change_reason: str = ""
    previous_address: str = ""
    address_before_move_in: str = ""

    @property
    def head(self) -> Person:
        return next(p for p in self.members if p.is_head)

    @property
    def moved_in_on(self) -> dt.date | None:
        moved_in = self.change_reason in (ChangeReason.MOVE_IN, ChangeReason.MOVE_IN_FROM_ABROAD)
        return self.resided_on if moved_in else None


def safe_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


def birth_for_age(rng: random.Random, as_of: dt.date, age: int) -> dt.date:
    latest = safe_date(as_of.year - age, as_of.month, as_of.day)
    earliest = safe_date(as_of.year - age - 1, as_of.month, as_of.day) + dt.timedelta(days=2)
    return dt.date.fromordinal(rng.randint(earliest.toordinal(), latest.toordinal()))


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def family_name(rng: random.Random) -> Name:
    return rng.choice(FAMILY_NAMES)


def surname_of(person: Person) -> Name:
    return Name(person.kanji_name.split(SEP)[0], person.kana_name.split(SEP)[0])


def japanese(
    rng: random.Random,
    family: Name,
    *,
    sex: str,
    birth: dt.date,
    relationship: str,
    occupation: str,
) -> Person:
    given = rng.choice(given_names(sex, birth.year))
    return Person(
        kanji_name=f"{family.kanji}{SEP}{given.kanji}",
        kana_name=f"{family.kana}{SEP}{given.kana}",
        sex=sex,
        birth=birth,
        relationship=relationship,
        occupation=occupation,
    )


def foreigner(
    rng: random.Random,
    *,
    sex: str,
    birth: dt.date,
    relationship: str,
    occupation: str,
    nationality: str | None = None,
) -> Person:
    pool = [n for n in FOREIGN_NAMES if n.sex == sex and nationality in (None, n.nationality)]
    name = rng.choice(pool or [n for n in FOREIGN_NAMES if n.sex == sex])
    return Person(
        kanji_name=name.kanji,
        kana_name=name.kana,
        sex=sex,
        birth=birth,
        relationship=relationship,
        occupation=occupation,
        nationality=name.nationality,
    )


def other_sex(sex: str) -> str:
    return Sex.FEMALE if sex == Sex.MALE else Sex.MALE
