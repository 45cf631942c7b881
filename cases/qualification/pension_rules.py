"""The qualification rules of rules-disability-qualification.md §4 for `manage.py pension_rules`: JSON in,
JSON out, the pure functions of cases/qualification/rules/ with today's reference data
(QualificationRuleSet). Extra result keys (article, reason, doubt) say why."""

from django.utils import timezone

from cases.common import additional_pension
from cases.common.pension_rules import (
    RuleInputError,
    bool_in,
    choice_in,
    date_in,
    date_out,
    int_in,
    month_in,
    month_out,
    pension_rule,
    required,
)
from cases.qualification import deadlines, enrolment, rules
from cases.qualification.params import QualificationParamsMissing, qualification_params


def _params() -> rules.Params:
    try:
        return qualification_params(on=timezone.localdate())
    except QualificationParamsMissing as exc:
        raise RuleInputError(str(exc)) from exc


@pension_rule(
    "qualification_dates",
    "出来事 (20歳到達・就職・退職・死亡など) による資格の取得・喪失・種別変更とその日 (法8条・9条・11条の2・附則5条・平16法附則23条)。",
)
def qualification_dates(data: dict) -> dict:
    """法8条・9条・11条の2・附則5条・平16法附則23条: what an event does to membership and from which day."""
    event = choice_in(data, "event", rules.EVENTS, default=data.get("event"))
    dated_event = event not in ("age20", "age60", "age65", "age70")
    event_date = date_in(data, "event_date", optional=not dated_event)
    try:
        dated = rules.qualification_dates(
            event=event,
            birth_date=date_in(data, "birth_date"),
            event_date=event_date,
            resident_in_japan=bool_in(data, "resident_in_japan", default=True),
            insured_kind_before=choice_in(
                data, "insured_kind_before", rules.INSURED_KINDS, default=rules.NONE
            ),
            old_age_entitled=bool_in(data, "old_age_entitled", default=False),
            params=_params(),
        )
    except ValueError as exc:
        raise RuleInputError(f"「{exc}」を確認してください。") from exc
    result = {
        "action": dated.action,
        "date": date_out(dated.date),
        "to": dated.to,
        "city_filing": dated.city_filing,
        "article": dated.article,
    }
    if dated.note:
        result["note"] = dated.note
    if dated.doubt:  # 「要確認」 (§3.3: a birth inside the reported 令7法 extension)
        result["doubt"] = enrolment.iso_filled(dated.doubt, dated.doubt_params)
    return result


@pension_rule(
    "voluntary_enrolment_eligibility",
    "任意加入できるか、できるならどの区分か (法附則5条1項・平16法附則23条1項)。",
)
def voluntary_enrolment_eligibility(data: dict) -> dict:
    """法附則5条1項・平16法附則23条1項: who may join voluntarily, and by which route."""
    result = enrolment.voluntary_enrolment_eligibility(
        birth_date=date_in(data, "birth_date"),
        on=date_in(data, "on"),
        resident_in_japan=bool_in(data, "resident_in_japan", default=True),
        japanese_national=bool_in(data, "japanese_national", default=True),
        insured_kind=choice_in(
            data,
            "insured_kind",
            (rules.NONE, rules.CATEGORY1, rules.CATEGORY2, rules.CATEGORY3),
            default=rules.NONE,
        ),
        old_age_entitled=bool_in(data, "old_age_entitled", default=False),
        early_claimed=bool_in(data, "early_claimed", default=False),
        paid_months=int_in(data, "paid_months", default=0),
        params=_params(),
    )
    answer = {"eligible": result.eligible, "route": result.route, "article": result.article}
    if result.reason:
        answer["reason"] = result.reason_text
    if result.doubt:
        answer["doubt"] = result.doubt_text
    return answer


@pension_rule(
    "additional_pension_allowed",
    "付加保険料を納付できるか: 第1号・任意加入で、免除・猶予を受けておらず、国民年金基金の加入員でないこと (法87条の2第1項)。",
)
def additional_pension_allowed(data: dict) -> dict:
    """法87条の2第1項: 付加 only for 第1号 and 任意加入, without an exemption, outside a 国民年金基金."""
    kinds = (rules.CATEGORY1, rules.VOLUNTARY, rules.SPECIAL_ELDERLY, rules.CATEGORY2, rules.CATEGORY3)
    result = additional_pension.additional_pension_allowed(
        insured_kind=choice_in(data, "insured_kind", kinds, default=data.get("insured_kind")),
        exemption=choice_in(data, "exemption", rules.EXEMPTIONS, default=None),
        pension_fund_member=bool_in(data, "pension_fund_member", default=False),
    )
    answer = {"allowed": result.allowed, "article": result.article}
    if result.reason:
        answer["reason"] = result.reason
    return answer


@pension_rule(
    "additional_pension_months",
    "付加保険料の申出で納付が始まる月、または辞退で納付しなくなる最初の月 (法87条の2第1項・3項)。",
)
def additional_pension_months(data: dict) -> dict:
    """法87条の2第1項・3項: the first month of 付加 (申出), or the first month without it (辞退)."""
    action = choice_in(data, "action", ("apply", "withdraw"), default=data.get("action"))
    on = date_in(data, "on")
    if action == "apply":
        return {
            "first_month": month_out(additional_pension.additional_first_month(on=on)),
            "article": "法87条の2第1項",
        }
    paid_through = month_in(data, "paid_through", optional=True)
    first = additional_pension.additional_first_month_without(on=on, paid_through=paid_through)
    return {"first_month_without": month_out(first), "article": "法87条の2第3項"}


@pension_rule(
    "filing_deadline_status",
    "届出が14日の期限内か: 事実から13日以内は期限内、15日目以降は期限後、14日目と、末日が閉庁日で翌開庁日までの届出は要確認 (則1条の4・3条・4条・6条の2、民法140条)。",
)
def filing_deadline_status(data: dict) -> dict:
    """則1条の4・3条・4条・6条の2 (民法140条): on time within 13 days of the fact, late after 14; day 14
    is left undecided (「要確認」) unless the reference data settles it, and so is a last day on a closed day
    of the city with the filing by the next open day (地方自治法4条の2第4項 to confirm; `doubt` says so)."""
    required(data, "event_date")
    event_date, filed_on = date_in(data, "event_date"), date_in(data, "filed_on")
    if filed_on < event_date:
        # 「当該事実があつた日から」: no status before the fact; the case screen refuses it so too (compute.py).
        raise RuleInputError("「filed_on」が「event_date」(事実があった日) より前です。")
    result = deadlines.filing_deadline_status(event_date=event_date, filed_on=filed_on, params=_params())
    answer = {"status": result.status, "deadline": date_out(result.last_day), "article": result.article}
    if result.doubt:
        answer["doubt"] = result.doubt
    return answer
