"""The paths of cases/qualification/compute.py by filing kind: 資格の取得・喪失・種別変更 (`_membership`),
任意加入 and 特例高齢任意加入 (`_voluntary`), 付加 (`_additional`)."""

from django.utils.translation import gettext as _

from cases.common import additional_pension
from cases.common.codes import AcquisitionReason, InsuredKind, LossReason
from cases.common.date_display import date_show
from cases.common.dates import day_after
from cases.common.identifiers.wareki import age_on, age_reached_on
from cases.qualification import enrolment, rules, texts
from cases.qualification.compute_base import (
    _ACQUISITION_REASONS,
    _LOSS_REASONS,
    _RULE_EVENTS,
    KIND_WORDS,
    WORD_KINDS,
    Computed,
    _error,
    _kind_label,
    _set,
    worded,
)
from cases.qualification.models import Event, FilingKind, PaymentMethod, Route
from cases.registry.selectors.pension import Records


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
        if (
            not records.resident_in_japan
        ):  # 法7条1項1号: 「日本国内に住所を有する」 (国外転出 in the 住民記録)
            raise _error("event", worded(rules.NOT_RESIDENT, "法7条1項1号"))
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
        if not records.resident_in_japan or request.old_age_entitled:
            # 法7条1項1号 (国内に住所, no 老齢給付等): not 第1号, so 法9条6号 ends the 第3号 the next day, filed with 機構
            # (則3条2項) — as when the spouse leaves 厚生年金 (rules.qualification_dates).
            raise _error("event", worded(rules.CATEGORY3_LOSS_NOTE, "法9条6号, 法7条1項1号, 則3条2項"))
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
        allowed = additional_pension.additional_pension_allowed(
            insured_kind=KIND_WORDS.get(out.insured_kind_before, rules.NONE),
            exemption=records.exemption,
            pension_fund_member=request.pension_fund_member or records.pension_fund_member,
        )
        if not allowed.allowed:
            raise _error("kind", worded(allowed.reason, allowed.article))
        out.additional_month = additional_pension.additional_first_month(on=filed_on)
        out.effective_on, out.effective_basis = filed_on, allowed.article
        return
    if not records.paying_additional:
        out.doubt("additional_record", texts.DOUBT_ADDITIONAL_RECORD())
    if records.exemption:
        out.doubt("additional_exemption", texts.DOUBT_ADDITIONAL_EXEMPTION())
    out.additional_month = additional_pension.additional_first_month_without(
        on=filed_on, paid_through=request.paid_through
    )
    out.effective_on, out.effective_basis = out.additional_month, "法87条の2第3項"
