"""Screen wording for a `ScreeningResult`: who failed each kind and by how much (all amounts 円)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind
from cases.common.date_display import month_in_text, yen_show
from cases.exemption.periods import months_of, months_text
from cases.exemption.screening.rules import (
    APPLICANT,
    BLOCKED_AGE,
    BLOCKED_AGE_UNKNOWN,
    BLOCKED_ENDED,
    BLOCKED_NOT_CATEGORY1,
    BLOCKED_NOT_STUDENT,
    BLOCKED_STUDENT,
    HOUSEHOLDER,
    SPOUSE,
    KindResult,
    Params,
    PersonCheck,
    ScreeningResult,
)
from cases.exemption.screening.values import AGE_BEFORE_20, AgeCut, AgeSpan


def yen(amount: int) -> str:
    return yen_show(amount)  # 円 in Japanese, ¥ in English: the sentences around it are translated


def role_label(role: str) -> str:
    return {APPLICANT: _("本人"), SPOUSE: _("配偶者"), HOUSEHOLDER: _("世帯主")}[role]


def age_cut_label(cut: AgeCut) -> str:
    """Any kind (法90条〜90条の3, 納付猶予) when the period has no 第1号 month by age (法7条1項1号)."""
    if cut.reason == AGE_BEFORE_20:
        return _(
            "20歳に達する月 (%(month)s) より前の月は国民年金の被保険者期間ではないため、この期間は対象外です"
            " (国民年金法7条1項1号・8条1号・11条)"
        ) % {"month": month_in_text(cut.month)}
    return _(
        "60歳に達した月 (%(month)s) からは第1号被保険者ではないため、この期間は対象外です"
        " (国民年金法7条1項1号・9条3号・11条)"
    ) % {"month": month_in_text(cut.month)}


def blocked_label(
    blocked: str, params: Params, *, by_birth_date: bool = False, age_cut: AgeCut | None = None
) -> str:
    """`age_cut`: the 20歳・60歳 months (any kind); `age` without one is 納付猶予's 50歳 limit (平成26年法律第64号
    附則14条1項), by the birth date's month or, with an age only, the version-1 age ≥ 50."""
    if blocked == BLOCKED_AGE and age_cut is not None:
        return age_cut_label(age_cut)
    if blocked == BLOCKED_AGE and by_birth_date:
        return _("%(age)d歳に達する日の属する月の前月までが対象のため、この期間は対象外です") % {
            "age": params.deferral_age_limit
        }
    if blocked == BLOCKED_AGE:
        return _("%(age)d歳以上のため対象外です") % {"age": params.deferral_age_limit}
    if blocked == BLOCKED_ENDED:
        return _("納付猶予は%(month)sまでの制度のため対象外です") % {
            "month": month_in_text(params.deferral_until)
        }
    return {
        BLOCKED_STUDENT: _("学生は学生納付特例のみ対象です"),
        BLOCKED_NOT_STUDENT: _("学生でないため対象外です"),
        BLOCKED_AGE_UNKNOWN: _("年齢が不明のため判定できません (生年月日か年齢を入力してください)"),
        BLOCKED_NOT_CATEGORY1: _("任意加入被保険者・特例高齢任意加入被保険者は免除・納付猶予の対象外です"),
    }[blocked]


@dataclass(frozen=True)
class PersonLine:
    passed: bool
    text: str  # 「配偶者: 基準額 670,000円 を 30,000円 超過」
    detail: str  # how the compared amount was obtained
    missing: bool = False  # 未申告: no 住民税 record, so no amount to compare


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str
    eligible: bool
    blocked: str | None
    persons: tuple[PersonLine, ...]
    months: str = ""  # 「2026年7月〜2026年11月分まで」 when a kind covers only part of the period
    note: str = ""


def person_text(check: PersonCheck) -> str:
    values = {"role": role_label(check.role), "limit": yen(check.limit)}
    if check.passed:
        return _("%(role)s: 基準額 %(limit)s 以下 (差 %(margin)s)") % {
            **values,
            "margin": yen(check.limit - check.compared),
        }
    return _("%(role)s: 基準額 %(limit)s を %(over)s 超過") % {**values, "over": yen(check.over)}


def _detail(check: PersonCheck) -> str:
    if check.deducted:
        detail = _("所得 %(income)s − 控除 %(deducted)s = %(compared)s") % {
            "income": yen(check.income),
            "deducted": yen(check.deducted),
            "compared": yen(check.compared),
        }
    else:
        detail = _("所得 %(income)s") % {"income": yen(check.income)}
    if check.carryover_added:
        detail += _(" (純損失等の繰越控除 %(amount)s を戻した額)") % {"amount": yen(check.carryover_added)}
    if check.income_zeroed:
        detail += _(" (失業等による特例で所得0円として判定)")
    if check.alt_route:
        detail += _(" (障害者・寡婦・ひとり親の基準額を適用)")
    return detail


def _person_line(check: PersonCheck, missing_roles: frozenset[str], not_imported: bool) -> PersonLine:
    if check.role not in missing_roles:
        return PersonLine(passed=check.passed, text=person_text(check), detail=_detail(check))
    # The rules compared 0円 for want of a record; that is no income, not a pass. With the year not on file
    # for anyone yet (住民税 is assessed in June) no 申告 is missing: 未取込.
    text = (
        _("%(role)s: 未取込 (この賦課年度の住民税所得情報はまだ取り込まれていません)")
        if not_imported
        else _("%(role)s: 未申告 (住民税の所得情報がないため判定できません)")
    )
    return PersonLine(
        passed=check.passed, text=text % {"role": role_label(check.role)}, detail="", missing=True
    )


def kind_months(result: KindResult, period_last, span: AgeSpan | None) -> str:
    """The months a kind can cover when fewer than the period's: 納付猶予 up to its `last_month`, and every kind
    from the 20歳 month (国民年金法8条1号・11条) or up to the month before the 60歳 month (9条3号・11条)."""
    first, last = None, None
    if result.last_month is not None and (period_last is None or result.last_month < period_last):
        last = result.last_month
    if span is not None:
        first = span.first if span.first > span.period[0] else None
        if span.last < span.period[1]:
            last = min(last or span.last, span.last)
    if first and last:
        return _("%(months)s分") % {"months": months_text(months_of(first, last))}
    if first:
        return _("%(month)s分から") % {"month": month_in_text(first)}
    return _("%(month)s分まで") % {"month": month_in_text(last)} if last else ""


def _kind_line(
    result: KindResult,
    params: Params,
    period_last,
    by_birth_date: bool,
    missing_roles: frozenset[str],
    not_imported: bool,
    span: AgeSpan | None = None,
) -> KindLine:
    months = "" if result.blocked else kind_months(result, period_last, span)
    note = ""
    if result.assistance:
        note = _("生活扶助以外の扶助の受給により所得を問わず該当 (国民年金法90条1項2号)")
    elif result.disaster:
        note = _(
            "災害による損害 (おおむね2分の1以上) により所得を問わず該当 (国民年金法90条1項4号・施行規則77条の7第1号)"
        )
    return KindLine(
        kind=result.kind,
        label=str(ExemptionKind(result.kind).label),
        eligible=result.eligible,
        blocked=blocked_label(result.blocked, params, by_birth_date=by_birth_date, age_cut=result.age_cut)
        if result.blocked
        else None,
        persons=tuple(_person_line(check, missing_roles, not_imported) for check in result.checks),
        months=months,
        note=note,
    )


def screening_present(
    *,
    result: ScreeningResult,
    params: Params,
    period_last=None,
    by_birth_date: bool = False,
    missing_roles: frozenset[str] = frozenset(),
    not_imported: bool = False,
) -> tuple[KindLine, ...]:
    """`period_last`: the last month applied for; a kind that stops earlier says up to when.
    `by_birth_date`: the 納付猶予 months were cut by the birth date (not by an age).
    `missing_roles`: people with no 住民税 record (未申告), shown as such instead of as 0円;
    `not_imported`: the 賦課年度 was not on file for anyone (未取込), so they are shown as that."""
    return tuple(
        _kind_line(kind, params, period_last, by_birth_date, missing_roles, not_imported, result.age_span)
        for kind in result.results
    )
