"""What the 入力, 照合 and 決裁 screens warn about on an exemption case: months outside a 第1号 period,
the months each requested kind can cover, and applied kinds none of which passes the pre-screen."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind, InsuredKind
from cases.common.dates import month_start
from cases.exemption.cancellation import cancellation_warnings, held_months
from cases.exemption.continuation import continuation_ground_warning, continuation_warning
from cases.exemption.deferral import deferral_cap, deferral_uncovered_warning
from cases.exemption.disaster import disaster_warning
from cases.exemption.membership import (
    CATEGORY1,
    VOLUNTARY_KINDS,
    kinds_by_month,
    memberships_of,
)
from cases.exemption.models import ExemptionApplication
from cases.exemption.periods import months_text
from cases.exemption.screening.present import KindLine
from cases.exemption.screening.rules import DEFERRAL, KINDS, ScreeningResult
from cases.exemption.screening.values import CATEGORY1 as RULES_CATEGORY1
from cases.exemption.screening.values import SPECIAL_ELDERLY, VOLUNTARY
from cases.exemption.statutory import (
    exemption_rows_of,
    maternity_months,
    maternity_warning,
    statutory_months,
    statutory_warning,
)
from cases.kernel.models import Case

_RULES_KIND = {"4": VOLUNTARY, "5": SPECIAL_ELDERLY}
_NOTIFIED_KINDS = frozenset({str(ExemptionKind.STATUTORY.value), str(ExemptionKind.MATERNITY.value)})


@dataclass(frozen=True)
class CaseMembership:
    by_month: dict[dt.date, str | None]

    @property
    def insured_kind(self) -> str:
        """For the rules: 任意加入 only when every month applied for is a 任意加入 month."""
        kinds = set(self.by_month.values())
        if len(kinds) == 1 and (kind := next(iter(kinds))) in VOLUNTARY_KINDS:
            return _RULES_KIND[kind]  # type: ignore[index]
        return RULES_CATEGORY1

    def months(self, *, category1: bool) -> list[dt.date]:
        return [month for month, kind in self.by_month.items() if (kind == CATEGORY1) == category1]


@dataclass(frozen=True)
class KindCoverage:
    kind: str
    label: str
    months: str  # 「2026年7月〜2026年11月」, empty when no month can be covered


def checked_months(*, start: dt.date, end: dt.date | None, received_on: dt.date) -> tuple[dt.date, dt.date]:
    """The months an application covers; 法定免除 has no end, so up to the month it was received."""
    first = month_start(start)
    last = month_start(end) if end else max(first, month_start(received_on))
    return first, last


def case_membership(case: Case) -> CaseMembership:
    application = case.exemption
    first, last = checked_months(
        start=application.period_start, end=application.period_end, received_on=case.received_on
    )
    return CaseMembership(by_month=kinds_by_month(memberships_of(case.resident), first, last))


def kind_category1_months(
    kind: str, *, category1: list[dt.date], result: ScreeningResult | None
) -> list[dt.date]:
    """The 第1号 months on record (国民年金法7条1項1号, 11条・11条の2) a kind can cover: all of them; for 納付猶予
    the pre-screen's own cut (up to the month before the 50歳 month: 平成26年法律第64号附則14条1項; not after
    令和12年6月: that article and 平成16年法律第104号附則19条2項), none when it is blocked."""
    if kind != DEFERRAL or result is None:
        return list(category1)
    deferral = result.kind(DEFERRAL)
    if deferral.blocked:
        return []
    cap = deferral.last_month
    return [month for month in category1 if cap is None or month <= cap]


def kinds_coverage(
    *,
    application: ExemptionApplication,
    birth_date: dt.date,
    membership: CaseMembership,
    result: ScreeningResult | None,
) -> tuple[KindCoverage, ...]:
    category1 = membership.months(category1=True)
    coverage = []
    for kind in application.kinds:
        if kind == DEFERRAL and result is None:
            # Before the pre-screen: the 50歳 month and 令和12年6月.
            cap = deferral_cap(birth_date=birth_date, fiscal_year=application.fiscal_year)
            months = [month for month in category1 if cap is None or month <= cap]
        else:
            months = kind_category1_months(kind, category1=category1, result=result)
        coverage.append(
            KindCoverage(kind=kind, label=str(ExemptionKind(kind).label), months=months_text(months))
        )
    return tuple(coverage)


def membership_warning(membership: CaseMembership) -> str | None:
    outside = membership.months(category1=False)
    if not outside:
        return None
    by_kind: dict[str | None, list[dt.date]] = {}
    for month in outside:
        by_kind.setdefault(membership.by_month[month], []).append(month)
    no_record = _("記録なし")  # outside the f-string, where makemessages sees it
    detail = "；".join(
        f"{InsuredKind(kind).label if kind else no_record}: {months_text(months)}"
        for kind, months in sorted(by_kind.items(), key=lambda item: item[1][0])
    )
    return _(
        "資格情報では %(months)s は第1号被保険者の期間ではありません (%(detail)s)。保険料の免除・納付猶予は"
        "第1号被保険者の月に限られます (国民年金法11条・89条〜90条の3)。資格情報と申請内容を確認してください。"
    ) % {"months": months_text(outside), "detail": detail}


def _records_warnings(application: ExemptionApplication, membership: CaseMembership) -> list[str]:
    """From the person's other 免除情報: months already under an approved 全額免除, 一部免除 or 納付猶予 (則77条の8
    第3項: the application is also the 取消 application of that 処分; a 法定免除 届出 too, for a 一部免除), under
    法定免除 (国民年金法89条1項) or 産前産後免除 (法88条の2; neither for a 法定免除 or 産前産後 届出 itself) and an
    earlier 継続審査 申出 carrying this year (則77条3項)."""
    if not membership.by_month:
        return []
    rows = exemption_rows_of(resident=application.case.resident, exclude_case_id=application.case_id)
    first, last = min(membership.by_month), max(membership.by_month)
    cancelling = cancellation_warnings(
        kinds=list(application.kinds),
        held=held_months(rows=rows, first=first, last=last),
        received_on=application.case.received_on,
    )
    if set(application.kinds) & _NOTIFIED_KINDS:
        return cancelling
    months, grounds = statutory_months(rows=rows, first=first, last=last)
    found = (
        statutory_warning(kinds=list(application.kinds), months=months, grounds=grounds),
        maternity_warning(maternity_months(rows=rows, first=first, last=last)),
        continuation_warning(application=application, rows=rows),
    )
    return cancelling + [warning for warning in found if warning]


def request_warnings(
    *, application: ExemptionApplication, membership: CaseMembership, coverage: tuple[KindCoverage, ...]
) -> list[str]:
    warnings = []
    if warning := membership_warning(membership):
        warnings.append(warning)
    for item in coverage:
        # No 第1号 month within the months 納付猶予 can cover, though the period has some (without any, the
        # warning above says so): coverage is cut only at deferral_cap, so the cut is why.
        if item.kind == DEFERRAL and not item.months and membership.months(category1=True):
            warning = deferral_uncovered_warning(
                birth_date=application.case.resident.birth_date,
                fiscal_year=application.fiscal_year,
                applied=sorted(membership.by_month),
            )
            if warning:
                warnings.append(warning)
    warnings.extend(_records_warnings(application, membership))
    found = (disaster_warning(application), continuation_ground_warning(application))
    return warnings + [warning for warning in found if warning]


def applied_kinds_warning(
    *,
    applied: tuple[str, ...],
    lines: tuple[KindLine, ...],
    undetermined: frozenset[str],
    best: str | None,
    unconfirmed: frozenset[str] = frozenset(),
    best_months: str = "",
) -> str | None:
    """When no kind the applicant asked for passes: each one's reason, and the best kind that does (for the
    第1号 months on record, `best_months`, when only some are). A kind that passes on income with no 第1号
    month on record (`unconfirmed`) is not named (国民年金法7条1項1号・90条〜90条の3): 要確認."""
    by_kind = {line.kind: line for line in lines}
    tested = [by_kind[kind] for kind in applied if kind in KINDS and kind in by_kind]
    if not tested or any(line.eligible and line.kind not in undetermined for line in tested):
        return None  # an applied kind passes (要確認 when no 第1号 month: the membership warning says why)
    if any(line.kind in undetermined for line in tested):
        return None  # 未申告: that kind may still pass; the screen says 判定不能 for it
    reasons = []
    for line in tested:
        failed = (person.text for person in line.persons if not person.passed and not person.missing)
        reason = line.blocked or "、".join(failed)
        reasons.append(f"{line.label}: {reason}")
    if best and best_months:
        outcome = _("該当の見込みがあるのは %(kind)s (%(months)s) です。") % {
            "kind": ExemptionKind(best).label,
            "months": best_months,
        }
    elif best:
        outcome = _("該当の見込みがあるのは %(kind)s です。") % {"kind": ExemptionKind(best).label}
    elif unconfirmed:
        outcome = _(
            "ほかの種類は、資格情報で第1号被保険者の月が確認できるまで見込みを判定できません (要確認)。"
        )
    else:
        outcome = _("該当の見込みがある種類はありません。")
    return _("申請された種類はいずれも該当の見込みがありません (%(reasons)s)。%(outcome)s") % {
        "reasons": "；".join(reasons),
        "outcome": outcome,
    }


@dataclass(frozen=True)
class CaseOutlook:
    """What the 入力 screen warns about before any income is attached."""

    warnings: tuple[str, ...]
    coverage: tuple[KindCoverage, ...]


def case_outlook(case: Case) -> CaseOutlook:
    application = case.exemption
    membership = case_membership(case)
    coverage = kinds_coverage(
        application=application, birth_date=case.resident.birth_date, membership=membership, result=None
    )
    warnings = request_warnings(application=application, membership=membership, coverage=coverage)
    return CaseOutlook(warnings=tuple(warnings), coverage=coverage)
