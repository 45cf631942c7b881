"""What 入力 keeps on the claim besides the declared facts, as JSON with its inputs (like the income
attachment of an exemption): each 診断書's 現症日 checked against its window, and the 保険料納付要件
judged on the months the clerk copied from 社会保険オンラインシステム."""

import datetime as dt

from cases.disability import rules
from cases.disability.assessment import Assessment, ClaimFacts
from cases.disability.contribution import Period, contribution_requirement


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def current_on_checks(found: Assessment, current_on: dict[str, dt.date | None]) -> list[dict]:
    """One row per 診断書 the claim kind asks for: its window, the 現症日 entered and the check."""
    rows = []
    for window in found.windows:
        day = current_on.get(window.code)
        check = None
        if day is not None:
            check = rules.current_on_check(day, rules.Window(window.first, window.last, window.edges))
        rows.append(
            {
                "code": window.code,
                "anchor": window.anchor,
                "window": window.window,
                "first": _iso(window.first),
                "last": _iso(window.last),
                "current_on": _iso(day),
                "check": check,
            }
        )
    return rows


def contribution_record(
    found: Assessment,
    facts: ClaimFacts,
    *,
    periods: list[Period],
    insured_at_first_visit: bool,
    birth_date: dt.date,
) -> dict:
    """The advisory 保険料納付要件 with the months it was judged on. 20歳前傷病 has no such requirement
    (法30条の4): kept as not applicable."""
    copied = [
        {
            "from": f"{p.start:%Y-%m}",
            "to": f"{p.end:%Y-%m}",
            "status": p.status,
            "settled_on": _iso(p.settled_on),
            "category3": p.category3,
        }
        for p in periods
    ]
    record = {"applies": not found.pre20, "periods": copied, "insured_at_first_visit": insured_at_first_visit}
    if found.pre20:
        return {**record, "result": None, "doubts": []}
    result = contribution_requirement(
        birth_date=birth_date,
        first_visit=facts.first_visit_on,
        periods=periods,
        insured_at_first_visit=insured_at_first_visit,
        params=found.params,
    )
    return {
        **record,
        "rule_set": _iso(found.params.valid_from),
        "result": {
            "satisfied": result.satisfied,
            "rule": result.rule,
            "as_of": _iso(result.as_of),
            "last_month": f"{result.last_month:%Y-%m}",
            "insured_months": result.insured_months,
            "counted_months": result.counted_months,
            "recent_first": f"{result.recent_first:%Y-%m}" if result.recent_first else None,
            "recent_last": f"{result.recent_last:%Y-%m}" if result.recent_last else None,
            "recent_unpaid": result.recent_unpaid,
            "recent_applies": result.recent_applies,
            "late_settled": [f"{month:%Y-%m}" for month in result.late_settled],
            "base_month_reading": result.base_month_reading,
        },
        "doubts": list(result.doubts),
    }


def kept_periods(rows: list[dict]) -> list[Period]:
    """The months as contribution_record copied them, read back (period_records reads them again)."""
    return [
        Period(
            start=dt.date.fromisoformat(f"{row['from']}-01"),
            end=dt.date.fromisoformat(f"{row['to']}-01"),
            status=row["status"],
            settled_on=dt.date.fromisoformat(row["settled_on"]) if row.get("settled_on") else None,
            category3=row.get("category3", False),
        )
        for row in rows
    ]
