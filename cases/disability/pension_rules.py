"""The 障害基礎年金 functions of `manage.py pension_rules` (rules-disability-qualification.md §4): JSON in,
the pure rules of cases/disability/rules/ and contribution.py, JSON out. The rule set in force today
(`DisabilityRuleSet`) supplies the cut-offs; extra result keys (`doubts`, the dates behind an answer)
are allowed by the contract."""

from django.utils import timezone

from cases.common.pension_rules import (
    RuleInputError,
    bool_in,
    choice_in,
    date_in,
    date_out,
    month_out,
    pension_rule,
    required,
)
from cases.disability import office, rules
from cases.disability.contribution import STATUSES, Period, contribution_requirement
from cases.disability.params import Params
from cases.disability.ruleset import DisabilityParamsMissing, disability_params_for


def _params() -> Params:
    try:
        return disability_params_for(on=timezone.localdate())
    except DisabilityParamsMissing as exc:
        raise RuleInputError(str(exc)) from None


def _ruled(function, **kwargs):
    try:
        return function(**kwargs)
    except rules.RuleError as exc:
        raise RuleInputError(f"「{exc.key}」: {exc}") from None


@pension_rule(
    "disability_recognition_date",
    "障害認定日: 初診日から1年6か月、特例の事由の日、症状固定日、または初診日に被保険者でなかった20歳前傷病は20歳到達日 (法30条1項・30条の4第1項・障害認定基準の特例)。",
)
def disability_recognition_date(data: dict) -> dict:
    """障害認定日 (法30条1項, 法30条の4第1項, 障害認定基準の特例)."""
    event = data.get("event") or {}
    if not isinstance(event, dict):
        raise RuleInputError('「event」は {"kind": …, "date": …} にしてください。')
    kind = event.get("kind") or ""
    if kind and kind not in rules.SPECIAL_EVENTS and kind not in rules.JUDGED_EVENTS:
        choice_in(event, "kind", tuple(rules.SPECIAL_EVENTS))
    found = _ruled(
        rules.recognition_date,
        first_visit=date_in(data, "first_visit"),
        birth_date=date_in(data, "birth_date", optional=True),
        event_kind=kind,
        event_on=date_in(event, "date", optional=True),
        cured_on=date_in(data, "cured_on", optional=True),
        # Optional (beyond the contract's keys): insured on the 初診日 → 法30条1項, no age-20 step (30条の4第1項).
        insured_at_first_visit=choice_in(
            data, "status_at_first_visit", (*office.STATUSES, None), default=None
        )
        not in (None, office.NOT_INSURED),
        params=_params(),
    )
    return {"date": date_out(found.date), "basis": found.basis, "doubts": list(found.doubts)}


@pension_rule(
    "claim_kind",
    "請求の種類 (障害認定日請求・事後重症・20歳前障害) と診断書の現症日の時期 (法30条・30条の2・30条の4)。",
)
def claim_kind(data: dict) -> dict:
    """請求の種類と診断書 (法30条, 法30条の2, 法30条の4)."""
    found = _ruled(
        rules.claim_kind,
        birth_date=date_in(data, "birth_date"),
        recognition_date=date_in(data, "recognition_date"),
        graded_at_recognition=bool_in(data, "graded_at_recognition", default=None),
        claim_date=date_in(data, "claim_date"),
        pre20=bool_in(data, "pre20"),
        params=_params(),
        # Optional (beyond the contract's keys): a 繰上げ 受給権者 has no 事後重症 (法附則9条の2の3).
        early_old_age_claimed=bool_in(data, "early_old_age_claimed"),
    )
    certificates = [{"anchor": c.anchor, "window": c.window} for c in found.certificates]
    answer = {
        "kind": found.kind,
        "certificates": certificates,
        "late": found.late,
        "doubts": list(found.doubts),
    }
    if found.why_not:  # an extra key (§4 allows them): the reason code of not_claimable (present.WHY_NOT)
        answer["why_not"] = found.why_not
    return answer


def _periods(data: dict) -> list[Period]:
    periods = required(data, "periods")
    if not isinstance(periods, list):
        raise RuleInputError("「periods」は期間のリストにしてください。")
    found = []
    for index, period in enumerate(periods, start=1):
        if not isinstance(period, dict):
            raise RuleInputError(f'「periods」の{index}件目は {{"from", "to", "status"}} にしてください。')
        found.append(
            Period(
                start=_month_or_date(period, "from"),
                end=_month_or_date(period, "to"),
                status=choice_in(period, "status", STATUSES),
                settled_on=date_in(period, "settled_on", optional=True),
                category3=bool_in(period, "category3", default=False),
            )
        )
    return found


def _month_or_date(period: dict, key: str):
    value = required(period, key)
    text = value if isinstance(value, str) and len(value) == 10 else f"{value}-01"
    return date_in({key: text}, key)


@pension_rule(
    "contribution_requirement",
    "保険料納付要件を満たすか (被保険者期間なし・3分の2・直近1年の順に判定。法30条1項ただし書・昭60法附則20条1項・21条)。",
)
def contribution(data: dict) -> dict:
    """保険料納付要件 (法30条1項ただし書, 昭60法附則20条1項・21条)."""
    found = _ruled(
        contribution_requirement,
        birth_date=date_in(data, "birth_date"),
        first_visit=date_in(data, "first_visit"),
        periods=_periods(data),
        insured_at_first_visit=bool_in(data, "insured_at_first_visit", default=True),
        params=_params(),
    )
    return {
        "satisfied": found.satisfied,
        "rule": found.rule,
        "insured_months": found.insured_months,
        "counted_months": found.counted_months,
        "last_month": month_out(found.last_month),
        "base_month_reading": found.base_month_reading,
        "doubts": list(found.doubts),
    }


@pension_rule(
    "claim_office",
    "初診日要件の区分と請求を受け付ける窓口 (市区町村または年金事務所。法30条1項・30条の4・令1条の2第3号ハ)。",
)
def claim_office(data: dict) -> dict:
    """初診日要件の区分と受理する窓口 (法30条1項, 法30条の4, 令1条の2第3号ハ)."""
    found = _ruled(
        office.claim_office,
        birth_date=date_in(data, "birth_date"),
        first_visit=date_in(data, "first_visit"),
        status=choice_in(data, "status_at_first_visit", office.STATUSES),
        resident_in_japan=bool_in(data, "resident_in_japan", default=True),
        previously_insured=bool_in(data, "previously_insured"),
        early_old_age_claimed=bool_in(data, "early_old_age_claimed"),
        merged=bool_in(data, "merged"),
    )
    return {
        "route": found.route,
        "office": found.office,
        "reason": found.reason,
        "doubts": list(found.doubts),
    }


@pension_rule(
    "payment_start_month",
    "支給開始月: 受給権が生じた月の翌月 (法18条1項・30条の2第3項・30条の3第3項)。請求日が5年を超えて後なら時効の注記 (法102条1項)。",
)
def payment_start_month(data: dict) -> dict:
    """支給開始月 (法18条1項, 法30条の2第3項, 法30条の3第3項)."""
    month = _ruled(
        rules.payment_start_month,
        kind=choice_in(data, "kind", rules.KINDS),
        recognition_date=date_in(data, "recognition_date", optional=True),
        claim_date=date_in(data, "claim_date", optional=True),
    )
    answer = {"month": month_out(month)}
    # 法102条1項 (an extra key): the claim date more than 5 years after the payment start month.
    notes = rules.payment_notes(payment_start=month, claim_date=date_in(data, "claim_date", optional=True))
    if notes:
        answer["notes"] = list(notes)
    return answer
