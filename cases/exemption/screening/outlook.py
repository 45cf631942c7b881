"""The outlook of an exemption case's pre-screen as far as 資格情報 bears it out (cases/exemption/screening/case.py
puts it on the 照合 and 決裁 screens and the case page), and the 窓口相談 screen's as far as the birth date does
(`age_outlook`: it reads no 資格情報)."""

import datetime as dt
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from cases.common.codes_in_text import EXEMPTION_KIND_IN_TEXT
from cases.common.date_display import month_in_text, series_separator
from cases.common.dates import add_months
from cases.exemption.deferral import deferral_articles
from cases.exemption.periods import months_of, months_text
from cases.exemption.screening.present import KindLine
from cases.exemption.screening.rules import ScreeningResult
from cases.exemption.screening.values import AgeSpan
from cases.exemption.warnings import CaseMembership, kind_category1_months


@dataclass(frozen=True)
class Outlook:
    unconfirmed: frozenset[str]
    best: str | None
    best_months: str
    note: str
    lines: tuple[KindLine, ...]


def screening_outlook(
    result: ScreeningResult,
    lines: tuple[KindLine, ...],
    membership: CaseMembership,
    undetermined: frozenset[str],
    *,
    birth_date: dt.date | None = None,
) -> Outlook:
    """The outlook as far as 資格情報 bears it out. 国民年金法90条1項・90条の2・90条の3, 平成16年法律第104号附則
    19条2項 and 平成26年法律第64号附則14条1項 exempt 第1号被保険者 (法7条1項1号) only; 法94条の6: a 第2号 or
    第3号 month has no premium to exempt. A kind that passes on income with no 第1号 month on record to cover is
    要確認 (the record may lag behind: 照合 and 決裁 stay open), never 該当見込み, and is not named best. With some 第1号 months the outlook holds
    for them: each kind that passes says which months, and the best kind is named for those months."""
    category1 = membership.months(category1=True)
    outside = membership.months(category1=False)
    covered = {
        kind.kind: kind_category1_months(kind.kind, category1=category1, result=result)
        for kind in result.results
    }
    hopeful = {
        kind.kind
        for kind in result.results
        if not kind.blocked and (kind.eligible or kind.kind in undetermined)
    }
    unconfirmed = frozenset(kind for kind in hopeful if not covered[kind])
    best = next(
        (
            k.kind
            for k in result.results
            if k.eligible and k.kind not in undetermined and k.kind not in unconfirmed
        ),
        None,
    )
    if outside:
        lines = tuple(
            replace(line, months=_("%(months)s分のみ") % {"months": months_text(covered[line.kind])})
            if line.kind in hopeful and covered[line.kind]
            else line
            for line in lines
        )
    best_months, note = "", ""
    if best and outside:
        best_months = _("%(months)s分") % {"months": months_text(covered[best])}
        note = _("%(months)s は資格情報で第1号被保険者の月でないため要確認です。") % {
            "months": months_text(outside)
        }
    elif best is None and unconfirmed:
        note = _unconfirmed_note(result, membership, unconfirmed, birth_date)
    return Outlook(unconfirmed=unconfirmed, best=best, best_months=best_months, note=note, lines=lines)


def _unconfirmed_note(
    result: ScreeningResult,
    membership: CaseMembership,
    unconfirmed: frozenset[str],
    birth_date: dt.date | None,
) -> str:
    """Why no kind is named: no 第1号 month in the period applied for (every month `outside`), or 第1号 months
    that no kind passing on income can cover. Only 納付猶予 has months of its own (up to the month before the 50歳
    month: 平成26年法律第64号附則14条1項; not after 令和12年6月: that article and 平成16年法律第104号附則19条2項), so only it can miss every 第1号 month of a
    period that has some; its months are named then, as calling them 「申請期間」 would be untrue. 納付猶予's
    provision is cited for the months named (deferral_articles: 平成16年法附則19条2項 before the 30歳 month)."""
    if not membership.months(category1=True):
        months = membership.months(category1=False)
        return _(
            "資格情報では申請期間 (%(months)s) に第1号被保険者の月がありません。第1号被保険者であることを確認するまで"
            "見込みは判定できません (国民年金法7条1項1号・90条〜90条の3、%(articles)s)。"
        ) % {
            "months": months_text(months),
            "articles": deferral_articles(birth_date=birth_date, months=months),
        }
    applied = sorted(membership.by_month)
    kinds = [kind.kind for kind in result.results if kind.kind in unconfirmed]
    # Each kind's months within the period applied for, all of them outside a 第1号 period on record.
    reached = {
        month for kind in kinds for month in kind_category1_months(kind, category1=applied, result=result)
    }
    return _(
        "資格情報では%(kinds)sの対象となる月 (%(months)s) に第1号被保険者の月がありません。第1号被保険者であることを"
        "確認するまで見込みは判定できません (国民年金法7条1項1号・90条〜90条の3、%(articles)s)。"
    ) % {
        "kinds": series_separator().join(EXEMPTION_KIND_IN_TEXT.of(kind) for kind in kinds),
        "months": months_text(sorted(reached)),
        "articles": deferral_articles(birth_date=birth_date, months=reached),
    }


def age_outlook(result: ScreeningResult, lines: tuple[KindLine, ...]) -> Outlook:
    """The 窓口相談 screen's outlook: with a birth date that leaves only part of the period 第1号 months
    (国民年金法7条1項1号・8条1号・9条3号・11条), the best kind holds for those months (its line's `months`), and
    the note says why the others are out. No key of the JSON contract (version 2) says this."""
    best, span = result.best, result.age_span
    best_months = next((line.months for line in lines if line.kind == best), "") if best else ""
    note = age_span_note(span) if best and span else ""
    return Outlook(unconfirmed=frozenset(), best=best, best_months=best_months, note=note, lines=lines)


def age_span_note(span: AgeSpan) -> str:
    """The months of the period outside the 第1号 months by age, and the articles that put them out."""
    if span.first > span.period[0]:
        return _(
            "%(months)s は20歳に達する月 (%(month)s) より前の月で、国民年金の被保険者期間ではないため、どの種類の"
            "対象にもなりません (国民年金法7条1項1号・8条1号・11条)。"
        ) % {
            "months": months_text(months_of(span.period[0], add_months(span.first, -1))),
            "month": month_in_text(span.first),
        }
    return _(
        "%(months)s は60歳に達した月 (%(month)s) からの月で、第1号被保険者ではないため、どの種類の対象にも"
        "なりません (国民年金法7条1項1号・9条3号・11条)。"
    ) % {
        "months": months_text(months_of(add_months(span.last, 1), span.period[1])),
        "month": month_in_text(add_months(span.last, 1)),
    }
