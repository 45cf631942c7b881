"""年金基本情報 beyond the history: numbers, phones, notes and 付加年金."""

import datetime as dt
import random

from cases.common.codes import AdditionalKind, InsuredKind
from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.demo import people as p
from cases.demo.people import Person, date_between
from cases.demo.qualifications import Period

# 記号 (first four digits) of numbers issued in 北海道 and elsewhere; purely decorative.
_PENSION_PREFIXES = ("0110", "0120", "0130", "0140", "0150", "0160", "0170", "0180", "4110", "4120", "5010")

SPECIAL_NOTES = (
    "郵送物は長女宅へ送付希望 (本人了承済)",
    "聴覚障害あり。窓口では筆談で対応",
    "DV等支援措置対象者。住所等の開示に注意",
    "令和5年に氏名変更 (旧姓あり)",
    "日中は電話がつながりにくい。夕方以降に連絡",
    "成年後見人あり。連絡は後見人経由",
    "外国籍。通訳 (ベトナム語) の同席を希望",
)


class Unique:
    """Draws values until an unused one comes up; the set lives for one seeding run."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, draw) -> str:
        while (value := draw()) in self.used:
            pass
        self.used.add(value)
        return value


def mynumber(rng: random.Random, unique: Unique) -> str:
    def draw() -> str:
        base = f"{rng.randint(0, 10**11 - 1):011d}"
        return f"{base}{mynumber_check_digit(base)}"

    return unique.take(draw)


def basic_pension_no(rng: random.Random, unique: Unique) -> str:
    return unique.take(lambda: f"{rng.choice(_PENSION_PREFIXES)}{rng.randint(0, 999_999):06d}")


def phone(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return f"{rng.choice(('090', '080', '070'))}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
    if roll < 0.85:
        return f"0166-{rng.randint(20, 99)}-{rng.randint(0, 9999):04d}"  # 旭川の市外局番
    return ""


def record_fields(rng: random.Random, person: Person, unique: Unique) -> dict:
    fields = {"basic_pension_no": basic_pension_no(rng, unique), "phone": phone(rng)}
    if person.birth.year < 1977 and rng.random() < 0.25:  # numbers from before 平成9年 基礎年金番号
        fields["old_pension_no"] = f"{rng.randint(1000, 9999)}-{rng.randint(0, 999999):06d}"
    if rng.random() < 0.02:
        fields["special_notes"] = rng.choice(SPECIAL_NOTES)
    return fields


def additional(rng: random.Random, person: Person, periods: list[Period], as_of: dt.date) -> list[dict]:
    """付加年金 for some 第1号 members; a 国民年金基金 or 農業者年金 for a few self-employed."""
    first = [x for x in periods if x.insured_kind == InsuredKind.FIRST]
    if not first:
        return []
    period = first[-1]
    roll = rng.random()
    if person.occupation == p.SELF_EMPLOYED and roll < 0.05:
        kind = AdditionalKind.PENSION_FUND
    elif person.occupation == p.SELF_EMPLOYED and roll < 0.08:
        kind = AdditionalKind.FARMERS
    elif roll < 0.10 and not person.statutory_ground:
        kind = AdditionalKind.ADDITIONAL
    else:
        return []
    until = min(as_of, period.lost_on or as_of)
    joined = date_between(rng, period.acquired_on, until)
    row = {"kind": kind, "joined_on": joined, "joined_filed_on": joined}
    if period.lost_on:
        row["left_on"] = period.lost_on  # 付加 ends with 第1号
    elif rng.random() < 0.15:
        row["left_on"] = date_between(rng, joined, as_of)
        row["left_filed_on"] = row["left_on"]
    return [row]
