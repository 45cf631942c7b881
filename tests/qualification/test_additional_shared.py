"""法87条の2 (付加保険料): the rule is the statute's, not the 資格届出's. Any case type may need it, and types
cannot import each other (docs/architecture.md, the import-linter layers in pyproject.toml), so it lives
below them, in cases/common/additional_pension.py; the 資格届出 and `manage.py pension_rules` use it there."""

import datetime as dt
import tomllib
from pathlib import Path

from cases.common import additional_pension
from cases.qualification import compute_kinds, rules
from cases.qualification import pension_rules as qualification_rules

ROOT = Path(__file__).resolve().parents[2]


def _case_type_packages() -> set[str]:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in contracts["contracts"] if c.get("containers") == ["cases"])["layers"]
    types = next(layer for layer in layers if "qualification" in layer)
    return {f"cases.{name.strip()}" for name in types.split("|")}


def test_law_87_2_the_additional_premium_rule_lives_below_the_case_types():
    types = _case_type_packages()
    for function in (
        additional_pension.additional_pension_allowed,
        additional_pension.additional_first_month,
        additional_pension.additional_first_month_without,
    ):
        assert not any(function.__module__.startswith(package) for package in types), function.__module__
    # The 資格届出 and pension_rules use that one, not a copy of their own.
    assert compute_kinds.additional_pension is additional_pension
    assert qualification_rules.additional_pension is additional_pension
    assert not (ROOT / "cases" / "qualification" / "additional.py").exists()


def test_law_87_2_1_the_shared_rule_reads_the_qualification_rules_words():
    """附則5条9項: 任意加入 counts as 第1号 for 法87条の2; the words are the rule sheet's (§4)."""
    assert (additional_pension.CATEGORY1, additional_pension.VOLUNTARY) == (rules.CATEGORY1, rules.VOLUNTARY)
    for kind in (rules.CATEGORY1, rules.VOLUNTARY):
        assert additional_pension.additional_pension_allowed(
            insured_kind=kind, exemption=None, pension_fund_member=False
        ).allowed
    refused = additional_pension.additional_pension_allowed(
        insured_kind=rules.CATEGORY1, exemption="full", pension_fund_member=False
    )
    assert not refused.allowed and refused.article == "法87条の2第1項 (法90条1項)"
    assert additional_pension.additional_first_month_without(
        on=dt.date(2026, 7, 15), paid_through=None
    ) == dt.date(2026, 6, 1)


def test_law_87_2_1_deferral_is_deemed_90_3_by_both_of_its_provisions():
    """法87条の2第1項: no 付加 while 納付猶予. 納付猶予 is deemed 法90条の3 by 平成16年法附則19条4項 (the months before the
    30歳 month) and by 平成26年法附則14条3項 (the months from it); the rule does not know which months, so it cites both."""
    refused = additional_pension.additional_pension_allowed(
        insured_kind=rules.CATEGORY1, exemption="deferral", pension_fund_member=False
    )
    assert not refused.allowed
    assert refused.article == "法87条の2第1項 (平16法附則19条4項・平26法附則14条3項 (法90条の3とみなす))"
