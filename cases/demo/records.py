"""Turns generated households into rows (dicts keyed by field attname), linked by object.

A child row holds its parent's dict under the relation name (e.g. "resident"); RowWriter swaps it
for the parent's id once the parent has one.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from cases.common.codes import ChangeReason
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.demo import exemptions, income, pension, qualifications
from cases.demo.people import Household, Person
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import AdditionalPension, Exemption, MyNumber, PensionRecord, Qualification
from cases.registry.models.residents import Resident
from cases.registry.mynumber import mynumber_sealed_fields_many

# Insert order: every table only points at tables before it.
TABLES = (
    ("residents", Resident),
    ("mynumbers", MyNumber),
    ("pensions", PensionRecord),
    ("qualifications", Qualification),
    ("additional", AdditionalPension),
    ("exemptions", Exemption),
    ("incomes", IncomeRecord),
)


@dataclass
class Rows:
    residents: list[dict] = field(default_factory=list)
    mynumbers: list[dict] = field(default_factory=list)
    pensions: list[dict] = field(default_factory=list)
    qualifications: list[dict] = field(default_factory=list)
    additional: list[dict] = field(default_factory=list)
    exemptions: list[dict] = field(default_factory=list)
    incomes: list[dict] = field(default_factory=list)


# The same few thousand names come up again and again.
_kana_search = lru_cache(maxsize=None)(normalize_kana)
_kanji_search = lru_cache(maxsize=None)(normalize_kanji)


class RowBuilder:
    def __init__(self, rng: random.Random, as_of: dt.date, tax_years: tuple[int, ...]) -> None:
        self.rng, self.as_of, self.tax_years = rng, as_of, tax_years
        self.people = self.households = self.references = 0
        self.mynumbers, self.pension_nos = pension.Unique(), pension.Unique()
        self.counts: Counter[str] = Counter()

    def _mynumber(self) -> str:
        return pension.mynumber(self.rng, self.mynumbers)

    @staticmethod
    def seal(rows: Rows) -> None:
        """Encrypts the batch's 個人番号 with the bulk helper, which sets the cipher up once."""
        pairs = [(row.pop("number"), row["resident"]["atena_no"]) for row in rows.mynumbers]
        sealed = mynumber_sealed_fields_many(pairs)
        for row, (ciphertext, key_id, lookup_hash) in zip(rows.mynumbers, sealed, strict=True):
            row.update(ciphertext=ciphertext, key_id=key_id, lookup_hash=lookup_hash)

    def _reference(self, year: int) -> str:
        self.references += 1
        return f"DEMO-{year}-{self.references:06d}"

    def _resident(self, person: Person, household: Household, household_no: str) -> dict:
        self.people += 1
        moved = household.change_reason and household.resided_on and person.birth < household.resided_on
        if person.removed_on:
            reason, changed_on = person.removal_reason, person.removed_on
        elif moved:
            reason, changed_on = household.change_reason, household.resided_on
        elif person.age(self.as_of) == 0:
            reason, changed_on = ChangeReason.BIRTH, person.birth
        else:
            reason, changed_on = "", None
        return {
            "atena_no": f"10{self.people:08d}",
            "kana_name": person.kana_name,
            "kanji_name": person.kanji_name,
            "kana_search": _kana_search(person.kana_name),
            "kanji_search": _kanji_search(person.kanji_name),
            "birth_date": person.birth,
            "sex": person.sex,
            "household_no": household_no,
            "is_householder": person.is_head,
            "relationship": person.relationship,
            "address": household.address,
            "previous_address": household.previous_address if moved else "",
            "address_before_move_in": household.address_before_move_in if moved else "",
            "address_after_move_out": person.address_after_move_out,
            "resided_on": max(household.resided_on or person.birth, person.birth),
            "removed_on": person.removed_on,
            "changed_on": changed_on,
            "change_reason": reason,
            "nationality": person.nationality,
        }

    def add(self, rows: Rows, household: Household) -> None:
        self.households += 1
        household_no = f"20{self.households:08d}"
        residents = {id(m): self._resident(m, household, household_no) for m in household.members}
        rows.residents += residents.values()
        for member in household.members:
            # Sealed for the whole batch at once in seal(); the number never leaves this process.
            rows.mynumbers.append({"resident": residents[id(member)], "number": self._mynumber()})
        undeclared = {
            id(m) for m in household.members if m.age(self.as_of) >= 18 and self.rng.random() < 0.035
        }
        amounts, income_rows = income.income_rows(
            self.rng, household, self.tax_years, self.as_of, undeclared=undeclared
        )
        for (person_id, year), values in income_rows.items():
            code = residents[person_id]["atena_no"]
            rows.incomes.append(
                {"personal_code": code, "tax_year": year, "household_no": household_no, **values}
            )
        self.counts["undeclared"] += len(undeclared & amounts.keys())
        for member in household.members:
            self._pension(rows, member, household, residents[id(member)], amounts, income_rows)

    def _pension(
        self, rows: Rows, person: Person, household: Household, resident, amounts, income_rows
    ) -> None:
        last_day = person.removed_on or self.as_of
        if person.age(last_day) < 20 or person.age(self.as_of) >= 70:
            return
        periods = qualifications.history(self.rng, person, self.as_of)
        if not periods:
            return
        record = {"resident": resident, **pension.record_fields(self.rng, person, self.pension_nos)}
        rows.pensions.append(record)
        rows.qualifications += [{"pension": record, **vars_of(x)} for x in periods]
        found = self._exemptions(person, household, periods, amounts, income_rows)
        rows.exemptions += [{"pension": record, **row} for row in found]
        if not found:
            extra = pension.additional(self.rng, person, periods, self.as_of)
            rows.additional += [{"pension": record, **row} for row in extra]

    def _exemptions(self, person, household, periods, amounts, income_rows) -> list[dict]:
        head = household.head
        mine = amounts.get(id(person), {})

        def income_for(year: int) -> tuple[int, int, bool]:
            nearest = min(self.tax_years, key=lambda y: abs(y - year))
            row = income_rows.get((id(person), nearest), {})
            dependants = sum(int(row.get(k, 0)) for k in _DEPENDANT_FIELDS)
            head_income = amounts.get(id(head), {}).get(nearest, 0)
            return mine.get(nearest, 0), dependants, head is not person and head_income > 3_000_000

        found = exemptions.applications(
            self.rng, person, periods, income_for=income_for, as_of=self.as_of, reference=self._reference
        )
        found += exemptions.statutory(self.rng, person, periods, as_of=self.as_of, reference=self._reference)
        if person.relationship in ("世帯主", "妻") and person.sex == "2":
            for child in household.members:
                if child.relationship == "子":
                    found += exemptions.maternity(
                        self.rng, periods, child.birth, as_of=self.as_of, reference=self._reference
                    )
        return found


# The head count of 扶養親族等 (年少扶養 included; the 16–18 are already inside 一般扶養).
_DEPENDANT_FIELDS = (
    "spouse_general",
    "spouse_elderly",
    "dependants_general",
    "dependants_elderly",
    "dependants_specified",
    "dependants_under16",
)


def vars_of(period: qualifications.Period) -> dict:
    return {name: getattr(period, name) for name in qualifications.Period.__slots__}
