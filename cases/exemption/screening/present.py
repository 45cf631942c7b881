"""Screen wording for a `ScreeningResult`: who failed each kind and by how much (all amounts 円)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind
from cases.exemption.screening.rules import (
    APPLICANT,
    BLOCKED_AGE,
    BLOCKED_AGE_UNKNOWN,
    BLOCKED_NOT_STUDENT,
    BLOCKED_STUDENT,
    HOUSEHOLDER,
    SPOUSE,
    KindResult,
    Params,
    PersonCheck,
    ScreeningResult,
)


def yen(amount: int) -> str:
    return f"{amount:,}円"


def role_label(role: str) -> str:
    return {APPLICANT: _("本人"), SPOUSE: _("配偶者"), HOUSEHOLDER: _("世帯主")}[role]


def blocked_label(blocked: str, params: Params) -> str:
    if blocked == BLOCKED_AGE:
        return _("%(age)d歳以上のため対象外です") % {"age": params.deferral_age_limit}
    return {
        BLOCKED_STUDENT: _("学生は学生納付特例のみ対象です"),
        BLOCKED_NOT_STUDENT: _("学生でないため対象外です"),
        BLOCKED_AGE_UNKNOWN: _("年齢が不明のため判定できません (年齢を入力してください)"),
    }[blocked]


@dataclass(frozen=True)
class PersonLine:
    passed: bool
    text: str  # 「配偶者: 基準額 670,000円 を 30,000円 超過」
    detail: str  # how the compared amount was obtained


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str
    eligible: bool
    blocked: str | None
    persons: tuple[PersonLine, ...]


def _person_line(check: PersonCheck) -> PersonLine:
    values = {"role": role_label(check.role), "limit": yen(check.limit)}
    if check.passed:
        text = _("%(role)s: 基準額 %(limit)s 以下 (差 %(margin)s)") % {
            **values,
            "margin": yen(check.limit - check.compared),
        }
    else:
        text = _("%(role)s: 基準額 %(limit)s を %(over)s 超過") % {**values, "over": yen(check.over)}
    if check.deducted:
        detail = _("所得 %(income)s − 控除 %(deducted)s = %(compared)s") % {
            "income": yen(check.income),
            "deducted": yen(check.deducted),
            "compared": yen(check.compared),
        }
    else:
        detail = _("所得 %(income)s") % {"income": yen(check.income)}
    if check.income_zeroed:
        detail += _(" (失業等による特例で所得0円として判定)")
    if check.alt_route:
        detail += _(" (障害者・寡婦・ひとり親の基準額を適用)")
    return PersonLine(passed=check.passed, text=text, detail=detail)


def _kind_line(result: KindResult, params: Params) -> KindLine:
    return KindLine(
        kind=result.kind,
        label=str(ExemptionKind(result.kind).label),
        eligible=result.eligible,
        blocked=blocked_label(result.blocked, params) if result.blocked else None,
        persons=tuple(_person_line(check) for check in result.checks),
    )


def screening_present(*, result: ScreeningResult, params: Params) -> tuple[KindLine, ...]:
    return tuple(_kind_line(kind, params) for kind in result.results)
