"""From a filing to what it means: the effective date with its article, the 種別 before and after, the
reason codes of 資格情報, the 14-day status, the 任意加入 route, the 付加 months, and every 「要確認」.

Pure: the records it needs (the person's 種別 on the day, an exemption, a 基金 membership) come in a
`Records` built by the service. Impossible filings raise ValidationError naming the field; a late
filing is never one of them (則1条の4 etc. set a duty, not a bar: the filing is taken and recorded).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.common.citations import citation_show
from cases.common.codes import AcquisitionReason, InsuredKind, LossReason
from cases.common.date_display import date_show
from cases.common.dates import day_after
from cases.common.identifiers.wareki import age_on, age_reached_on
from cases.common.texts import Text
from cases.qualification import additional, deadlines, enrolment, rules, texts
from cases.qualification.models import DeadlineStatus, Event, FilingKind, PaymentMethod, Route
from cases.qualification.request import DATED_EVENTS, DEADLINE_KINDS, EVENTS, QualificationRequest

# 資格情報's 被保険者種別 ↔ the rule functions' words.
KIND_WORDS = {
    InsuredKind.FIRST: rules.CATEGORY1,
    InsuredKind.SECOND: rules.CATEGORY2,
    InsuredKind.THIRD: rules.CATEGORY3,
    InsuredKind.VOLUNTARY: rules.VOLUNTARY,
    InsuredKind.SPECIAL_ELDERLY: rules.SPECIAL_ELDERLY,
}
WORD_KINDS = {word: code for code, word in KIND_WORDS.items()}


@dataclass(frozen=True)
class Records:
    """What the city's records say about the person on the filing's day."""

    insured_kind: str = ""  # InsuredKind code of the open 資格情報 row ("" none)
    exemption: str | None = None  # rules.EXEMPTIONS word of a 免除情報 covering the day
    pension_fund_member: bool = False  # an open 付加年金情報 row of kind 国民年金基金
    paying_additional: bool = False  # an open 付加年金情報 row of kind 付加保険料納付
    resident_in_japan: bool = True


@dataclass
class Computed:
    effective_on: dt.date | None = None
    effective_basis: str = ""
    insured_kind_before: str = ""
    insured_kind_after: str = ""
    acquired_reason: str = ""
    lost_reason: str = ""
    deadline_on: dt.date | None = None
    deadline_status: str = DeadlineStatus.NOT_APPLICABLE
    route: str = Route.NONE
    additional_month: dt.date | None = None
    event_date: dt.date | None = None
    no_filing_duty: bool = False  # 20歳到達 (則1条の4ただし書): no 14-day status
    doubts: list[dict] = field(default_factory=list)  # [{code, text}], as QualificationFiling keeps them

    def doubt(self, code: str, text: Text) -> None:
        # Kept as a Text, not a sentence: the filing is read later in other languages, and on the 届書.
        self.doubts.append({"code": code, "text": text.as_json()})

    @property
    def doubts_shown(self) -> list[str]:
        return texts.doubts_shown(self.doubts)


_ACQUISITION_REASONS = {
    Event.AGE20: AcquisitionReason.AGE_20,
    Event.IMMIGRATION: AcquisitionReason.MOVE_IN_FROM_ABROAD,
    Event.EXCLUSION_END: AcquisitionReason.EXEMPTION_END,
    Event.LEAVE_EMPLOYEE_PENSION: AcquisitionReason.LEFT_EMPLOYEE_PENSION,
    Event.SPOUSE_LEAVES_EMPLOYEE_PENSION: AcquisitionReason.LEFT_DEPENDENT_SPOUSE,
    Event.DEPENDENT_END: AcquisitionReason.LEFT_DEPENDENT_SPOUSE,
}
_LOSS_REASONS = {
    Event.EMIGRATION: LossReason.MOVE_OUT_ABROAD,
    Event.OLD_AGE_ENTITLED: LossReason.BENEFIT_ENTITLEMENT,
    Event.EXCLUSION: LossReason.OTHER,
    Event.DEATH: LossReason.DEATH,
    Event.WITHDRAWAL: LossReason.VOLUNTARY_WITHDRAWAL,
}
_RULE_EVENTS = {
    Event.AGE20: "age20",
    Event.IMMIGRATION: "immigration",
    Event.EMIGRATION: "emigration",
    Event.LEAVE_EMPLOYEE_PENSION: "leave_employee_pension",
    Event.SPOUSE_LEAVES_EMPLOYEE_PENSION: "spouse_leaves_employee_pension",
    Event.DEATH: "death",
}


def _error(name: str, message: str) -> ValidationError:
    return ValidationError({name: message})


def worded(message: str, article: str, params: dict | None = None) -> str:
    """A rule's reason (a Japanese message id, rules.py) and its article, in the screen's language."""
    values = {k: date_show(v) if isinstance(v, dt.date) else v for k, v in (params or {}).items()}
    text = _(message) % values if values else _(message)
    return f"{text} ({citation_show(article)})"


def _kind_label(code: str):
    """Lazy: a message shows it in its language, a stored Text keeps its message id."""
    return InsuredKind(code).label if code else gettext_lazy("被保険者でない")


def _before(request: QualificationRequest, records: Records, out: Computed) -> str:
    """The 種別 before the event: as the clerk states it, else as 資格情報 has it."""
    stated = request.insured_kind_before
    if stated and stated != records.insured_kind:
        out.doubt(
            "records_kind",
            texts.DOUBT_RECORDS_KIND(records=_kind_label(records.insured_kind), stated=_kind_label(stated)),
        )
    return stated if stated else records.insured_kind


def _check_dates(request: QualificationRequest, filed_on: dt.date) -> None:
    if request.event not in EVENTS.get(request.kind, ()):
        raise _error("event", _("この届出の種類では選べない事由です。"))
    if request.event in DATED_EVENTS:
        if request.event_date is None:
            raise _error("event_date", _("事由発生日を入力してください。"))
        if request.event_date > filed_on:
            raise _error("event_date", _("事由発生日は届出日以前の日付にしてください。"))


def qualification_compute(
    *, request: QualificationRequest, birth_date: dt.date, filed_on: dt.date, records: Records, params
) -> Computed:
    """Raises ValidationError (by field) for a filing that cannot be taken; never for lateness."""
    _check_dates(request, filed_on)
    out = Computed(event_date=request.event_date)
    kind = request.kind
    if kind in (FilingKind.ADDITIONAL, FilingKind.ADDITIONAL_WITHDRAWAL):
        _additional(request, filed_on, records, out)
        return out
    before = _before(request, records, out)
    if kind in (FilingKind.VOLUNTARY, FilingKind.SPECIAL_ELDERLY):
        _voluntary(request, birth_date, filed_on, records, before, out, params)
    elif kind == FilingKind.VOLUNTARY_WITHDRAWAL:
        if before not in (InsuredKind.VOLUNTARY, InsuredKind.SPECIAL_ELDERLY):
            raise _error("insured_kind_before", _("任意加入被保険者でない方は脱退の申出ができません。"))
        # 附則5条5項3号 (平16法附則23条6項5号): lost on the day the 申出 is accepted.
        article = "法附則5条4項・5項3号" if before == InsuredKind.VOLUNTARY else "平16法附則23条5項・6項5号"
        _set(out, filed_on, article, before, "", lost=LossReason.VOLUNTARY_WITHDRAWAL)
        out.event_date = filed_on
    else:
        _membership(request, birth_date, filed_on, records, before, out, params)
    if kind in DEADLINE_KINDS and request.event == Event.AGE20:
        # 則1条の4ただし書: no filing is due when 機構 confirms the 20歳到達 through 住基ネット; the 14-day status
        # does not apply (the 「要確認」 age20_no_filing says so).
        out.no_filing_duty = True
    elif kind in DEADLINE_KINDS:
        # 「当該事実があつた日」: the acquisition or 種別変更 itself; for a loss, the fact (death, departure).
        start = (
            out.effective_on if kind in (FilingKind.ACQUISITION, FilingKind.KIND_CHANGE) else out.event_date
        )
        deadline = deadlines.filing_deadline_status(event_date=start, filed_on=filed_on, params=params)
        out.deadline_on, out.deadline_status = deadline.last_day, deadline.status
        if deadline.doubt:
            said = texts.DOUBT_DAY14 if deadline.doubt_code == "day14" else texts.DOUBT_CLOSED_DAY
            out.doubt(deadline.doubt_code, said())
    return out


def _set(out: Computed, on, article: str, before: str, after: str, *, acquired: str = "", lost: str = ""):
    out.effective_on, out.effective_basis = on, article
    out.insured_kind_before, out.insured_kind_after = before, after
    out.acquired_reason, out.lost_reason = acquired, lost


def _membership(request, birth_date, filed_on, records, before, out: Computed, params) -> None:
    event, on = request.event, request.event_date
    if event == Event.AGE20:
        out.event_date = age_reached_on(birth_date, 20)
        if filed_on < out.event_date:
            raise _error(
                "event", _("20歳に達する日 (%(day)s) より前には届け出られません。") % {"day": out.event_date}
            )
    if event in _RULE_EVENTS:
        dated = rules.qualification_dates(
            event=_RULE_EVENTS[event],
            birth_date=birth_date,
            event_date=out.event_date,
            resident_in_japan=records.resident_in_japan or event == Event.IMMIGRATION,
            insured_kind_before=KIND_WORDS.get(before, rules.NONE),
            old_age_entitled=request.old_age_entitled,
            params=params,
        )
        if event == Event.IMMIGRATION and dated.action == rules.LOSE:
            # 法附則5条8項1号, 平16法附則23条8項1号: the abroad 任意加入 ends the next day and no 第1号 starts
            # (法7条1項1号): there is no 資格取得 to take; the domestic 任意加入 is a 申出 of its own.
            lost = _("喪失日: %(day)s") % {"day": date_show(dated.date)}
            raise _error("insured_kind_before", f"{worded(dated.note, dated.article)} {lost}")
        no_city_loss = dated.action == rules.LOSE and not dated.city_filing
        if event in (Event.DEATH, Event.SPOUSE_LEAVES_EMPLOYEE_PENSION) and no_city_loss:
            # 法附則7条の4 (第2号), 則4条2項・3条2項 (第3号 → 機構): not a filing the city takes.
            raise _error("insured_kind_before", worded(dated.note, dated.article))
        if dated.action == rules.NO_CHANGE:
            message = dated.note or _("届出前の種別 (%(kind)s) ではこの届出はできません。") % {
                "kind": _kind_label(before)
            }
            raise _error("insured_kind_before", worded(message, dated.article))
        after = WORD_KINDS.get(dated.to, "") if dated.to else ""
        _set(
            out,
            dated.date,
            dated.article,
            before,
            after,
            acquired=_ACQUISITION_REASONS.get(event, "") if after else "",
            lost=_LOSS_REASONS.get(event, "") if dated.action == rules.LOSE else "",
        )
        if event == Event.AGE20:
            out.doubt("age20_no_filing", texts.DOUBT_AGE20())
        return
    age = age_on(birth_date, on)
    if event == Event.EXCLUSION_END:
        if before or not 20 <= age < 60:
            raise _error("event", _("20歳以上60歳未満で被保険者でない方の届出です (法7条1項1号, 法8条3号)。"))
        _set(out, on, "法8条3号, 則1条の4", "", InsuredKind.FIRST, acquired=AcquisitionReason.EXEMPTION_END)
    elif event in (Event.OLD_AGE_ENTITLED, Event.EXCLUSION):
        if before != InsuredKind.FIRST:
            raise _error("insured_kind_before", _("第1号被保険者の資格喪失の届出です (則3条)。"))
        if event == Event.OLD_AGE_ENTITLED:  # 法9条4号 かっこ書: 老齢給付等 → that day
            _set(out, on, "法9条4号, 則3条", before, "", lost=LossReason.BENEFIT_ENTITLEMENT)
        else:
            _set(out, day_after(on), "法9条4号, 則3条", before, "", lost=LossReason.OTHER)
    elif event == Event.DEPENDENT_END:
        if before != InsuredKind.THIRD:
            raise _error("insured_kind_before", _("第3号被保険者でなくなった方の届出です (則6条の2)。"))
        if not 20 <= age < 60:
            raise _error("event_date", _("60歳以上の方は第1号被保険者になりません (法7条1項1号)。"))
        reason = AcquisitionReason.LEFT_DEPENDENT_SPOUSE
        _set(out, on, "法9条6号, 法11条の2, 則6条の2", before, InsuredKind.FIRST, acquired=reason)
        out.doubt("dependent_end_date", texts.DOUBT_DEPENDENT_END())


def _voluntary(request, birth_date, filed_on, records, before, out: Computed, params) -> None:
    eligibility = enrolment.voluntary_enrolment_eligibility(
        birth_date=birth_date,
        on=filed_on,
        resident_in_japan=records.resident_in_japan,
        japanese_national=request.japanese_national,
        insured_kind=KIND_WORDS.get(before, rules.NONE),
        old_age_entitled=request.old_age_entitled,
        early_claimed=request.early_claimed,
        paid_months=request.paid_months or 0,
        params=params,
    )
    if eligibility.doubt_params:  # §3.3 DOUBT: born inside the reported 令7法 extension (平16法附則23条1項)
        out.doubt("special_elderly_band", texts.DOUBT_SPECIAL_ELDERLY_BAND(**eligibility.doubt_params))
    elif eligibility.doubt:
        out.doubt("special_elderly_window", texts.DOUBT_SPECIAL_ELDERLY(doubt=eligibility.doubt))
    if not eligibility.eligible:
        raise _error("kind", worded(eligibility.reason, eligibility.article, eligibility.params))
    special = eligibility.route == rules.SPECIAL_ELDERLY
    if special != (request.kind == FilingKind.SPECIAL_ELDERLY):
        message = (
            _("65歳以上70歳未満の方は特例高齢任意加入の申出です。")
            if special
            else _("特例高齢任意加入は65歳以上70歳未満の方の申出です。")
        )
        raise _error("kind", message)
    out.route = eligibility.route
    domestic = eligibility.route != Route.ABROAD and records.resident_in_japan
    if domestic:
        # 附則5条2項, 平16法附則23条2項: 口座振替, or a 正当な事由 of 則2条の2.
        if not request.payment_method:
            raise _error(
                "payment_method", _("口座振替による納付か、口座振替によらない正当な事由を選んでください。")
            )
        if request.payment_method == PaymentMethod.OTHER_REASON and not request.payment_reason.strip():
            raise _error(
                "payment_reason", _("口座振替によらない正当な事由を記入してください (則2条の2第3号)。")
            )
    else:
        out.doubt("abroad_office", texts.DOUBT_ABROAD_OFFICE())
    if special:
        article, after, reason = (
            "平16法附則23条4項",
            InsuredKind.SPECIAL_ELDERLY,
            AcquisitionReason.SPECIAL_ELDERLY,
        )
    else:
        article, after, reason = "法附則5条3項", InsuredKind.VOLUNTARY, AcquisitionReason.VOLUNTARY
    _set(out, filed_on, f"{eligibility.article}, {article}", before, after, acquired=reason)
    out.event_date = filed_on


def _additional(request, filed_on, records: Records, out: Computed) -> None:
    out.event_date = filed_on
    out.insured_kind_before = out.insured_kind_after = request.insured_kind_before or records.insured_kind
    if request.kind == FilingKind.ADDITIONAL:
        if records.paying_additional:
            raise _error("kind", _("既に付加保険料を納付しています (付加年金情報)。"))
        allowed = additional.additional_pension_allowed(
            insured_kind=KIND_WORDS.get(out.insured_kind_before, rules.NONE),
            exemption=records.exemption,
            pension_fund_member=request.pension_fund_member or records.pension_fund_member,
        )
        if not allowed.allowed:
            raise _error("kind", worded(allowed.reason, allowed.article))
        out.additional_month = additional.additional_first_month(on=filed_on)
        out.effective_on, out.effective_basis = filed_on, allowed.article
        return
    if not records.paying_additional:
        out.doubt("additional_record", texts.DOUBT_ADDITIONAL_RECORD())
    if records.exemption:
        out.doubt("additional_exemption", texts.DOUBT_ADDITIONAL_EXEMPTION())
    out.additional_month = additional.additional_first_month_without(
        on=filed_on, paid_through=request.paid_through
    )
    out.effective_on, out.effective_basis = out.additional_month, "法87条の2第3項"
