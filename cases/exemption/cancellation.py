"""Months applied for that the records hold under an approved 全額免除, 一部免除 or 納付猶予 (the 入力, 照合 and
決裁 warnings, cases/exemption/warnings.py).

国民年金法施行規則77条の8第3項: a 被保険者 exempted under 法90条1項 who applies under 則77条の3第1項 (一部免除),
77条の4第1項 (学生納付特例) or 77条の5第1項 (納付猶予); one exempted under 法90条の2第1項〜第3項 who files the 則75条
届出 (法定免除) or applies under 則77条1項 (全額免除), 77条の4第1項 or 77条の5第1項; and one under 平成16年法律第104号
附則19条1項・2項 or 平成26年法律第64号附則14条1項 (納付猶予) who applies under 則77条1項, 77条の3第1項 or 77条の4第1項
(the 委託 of 77条の2の3 etc. likewise), is deemed to make the application of 則77条の8第1項: the 取消 of the current
処分 (法90条3項; 90条の2第4項; 平成16年法附則19条3項・平成26年法附則14条2項). So the intake takes such an
application (it does not refuse it) and the screens say what it also is. 法90条3項 lets the 取消 reach 「当該申請が
あつた日の属する月の前月以後の各月」 only; earlier months stay under the current 処分.

An application of another 一部免除 by a 一部免除 holder (則77条の3 on 法90条の2) is not named in the paragraph, and
法90条の2第1項〜第3項 exclude months under the others: said so, as the 取消 is then an application of its own.
A 学生納付特例 holder who applies under 則77条1項, 77条の3第1項 or 77条の5第1項 is 則77条の9第2項's instead: deemed
to file 同条1項's 届書 (学生等でなくなったとき), said so; the months as a student stay outside the other kinds.
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cases.common.codes import Decision, ExemptionKind
from cases.common.codes_in_text import EXEMPTION_KIND_IN_TEXT
from cases.common.date_display import month_in_text, series_separator
from cases.common.dates import add_months, month_start
from cases.exemption.periods import months_text
from cases.exemption.statutory import PARTIAL_KINDS, months_covered
from cases.registry.models.pension import Exemption

FULL, DEFERRAL = str(ExemptionKind.FULL.value), str(ExemptionKind.DEFERRAL.value)
STUDENT, STATUTORY = str(ExemptionKind.STUDENT.value), str(ExemptionKind.STATUTORY.value)

# 則77条の8第3項: by the kind held, the kinds whose application (or 届出) is deemed the 取消 application.
_DEEMED = {
    FULL: PARTIAL_KINDS | {STUDENT, DEFERRAL},  # 則77条の3第1項, 77条の4第1項, 77条の5第1項
    **dict.fromkeys(
        PARTIAL_KINDS, frozenset({STATUTORY, FULL, STUDENT, DEFERRAL})
    ),  # 則75条, 77条1項, 77条の4, 77条の5
    DEFERRAL: PARTIAL_KINDS | {FULL, STUDENT},  # 則77条1項, 77条の3第1項, 77条の4第1項
}
# 則77条の9第2項: a 学生納付特例 holder's application of these is deemed the 届出 of 同条1項 (no longer a student).
_NOT_STUDENT = PARTIAL_KINDS | {FULL, DEFERRAL}  # 則77条1項, 77条の3第1項, 77条の5第1項


def _cancel_article(kind: str) -> str:
    """The provision of the 取消 of a 処分 of `kind` (国民年金法90条3項, as the others apply it)."""
    if kind == FULL:
        return _("国民年金法90条3項")
    if kind == DEFERRAL:
        return _("平成16年法律第104号附則19条3項・平成26年法律第64号附則14条2項で準用する国民年金法90条3項")
    return _("国民年金法90条の2第4項で準用する同法90条3項")


def _grant_article(kind: str) -> str:
    """The provision a 処分 of `kind` was made under."""
    return {
        FULL: _("国民年金法90条1項"),
        str(ExemptionKind.THREE_QUARTERS.value): _("国民年金法90条の2第1項"),
        str(ExemptionKind.HALF.value): _("国民年金法90条の2第2項"),
        str(ExemptionKind.QUARTER.value): _("国民年金法90条の2第3項"),
        DEFERRAL: _("平成16年法律第104号附則19条・平成26年法律第64号附則14条1項"),
    }[kind]


def held_months(*, rows: list[Exemption], first: dt.date, last: dt.date) -> dict[str, list[dt.date]]:
    """By kind, the months from `first` to `last` under an approved 全額免除, 一部免除 or 納付猶予 among `rows`
    (a pending or refused application is no 処分 to cancel)."""
    held: dict[str, set[dt.date]] = {}
    for row in rows:
        if (
            row.decision == Decision.APPROVED
            and not row.is_statutory
            and (row.kind in _DEEMED or row.kind == STUDENT)
        ):
            held.setdefault(row.kind, set()).update(months_covered(row, first, last))
    return {kind: sorted(months) for kind, months in held.items() if months}


def cancellation_warnings(
    *, kinds: list[str], held: dict[str, list[dt.date]], received_on: dt.date
) -> list[str]:
    """One warning per kind held: the 取消 the application is deemed to ask for, the same kind already granted,
    or another 一部免除 that the paragraph does not deem."""
    applied = list(kinds)
    warnings = []
    for kind, months in held.items():
        values = {"months": months_text(months), "kind": EXEMPTION_KIND_IN_TEXT.of(kind)}
        deemed = [other for other in applied if other in _DEEMED.get(kind, ())]
        if kind == STUDENT and (reported := [other for other in applied if other in _NOT_STUDENT]):
            warnings.append(_not_student_warning(reported, values))
        elif deemed:
            warnings.append(_deemed_warning(kind, months, deemed, values, received_on))
        elif kind in applied:
            warnings.append(
                _(
                    "%(months)s は既に%(kind)sが承認されています (%(article)s)。同じ種類の申請が必要か申請者に"
                    "確認してください。"
                )
                % {**values, "article": _grant_article(kind)}
            )
        elif kind in PARTIAL_KINDS and PARTIAL_KINDS & set(applied):
            warnings.append(
                _(
                    "%(months)s は%(kind)sが承認されている月です。一部免除の承認を受けている方が別の一部免除を申請"
                    "しても、国民年金法施行規則77条の8第3項のみなし規定の対象ではありません。一部免除は他の一部免除"
                    "の期間を除いて承認されるため (国民年金法90条の2第1項〜第3項)、現在の処分の取消しの申請 (同条"
                    "4項、施行規則77条の8第1項) が別に必要か確認してください。"
                )
                % values
            )
    return warnings


def _deemed_warning(
    kind: str, months: list[dt.date], deemed: list[str], values: dict, received_on: dt.date
) -> str:
    article = _cancel_article(kind)
    act = (
        pgettext("取消しとみなされる", "届出")
        if deemed == [STATUTORY]
        else pgettext("取消しとみなされる", "申請")
    )
    text = _(
        "%(months)s は%(kind)sが承認されている月です。今回の%(applied)sの%(act)sにより、%(kind)sの現在の処分の"
        "取消しの申請を行ったものとみなされます (国民年金法施行規則77条の8第3項、%(article)s)。"
    ) % {
        **values,
        "applied": series_separator().join(EXEMPTION_KIND_IN_TEXT.of(other) for other in deemed),
        "act": act,
        "article": article,
    }
    # 法90条3項: 「当該申請があつた日の属する月の前月以後の各月の保険料について」.
    reach = add_months(month_start(received_on), -1)
    early = [month for month in months if month < reach]
    if early:
        # Its own sentence after the first (English puts a space between them: the message's own).
        text += _(
            "取消しができるのは受付日の属する月の前月 (%(month)s) 以後の月です。%(early)s は取消しの対象に"
            "ならず、%(kind)sのままです (国民年金法90条3項)。"
        ) % {"month": month_in_text(reach), "early": months_text(early), "kind": values["kind"]}
    return text


def _not_student_warning(applied: list[str], values: dict) -> str:
    return _(
        "%(months)s は%(kind)sが承認されている月です。今回の%(applied)sの申請により、学生等でなくなった旨の届出を"
        "行ったものとみなされます (国民年金法施行規則77条の9第2項・1項)。学生等である (あった) 月は%(applied)sの"
        "対象になりません (国民年金法90条1項・90条の2・平成16年法律第104号附則19条2項・平成26年法律第64号附則14条1項): "
        "学生等でなくなった日を申請者に確認してください。"
    ) % {**values, "applied": series_separator().join(EXEMPTION_KIND_IN_TEXT.of(other) for other in applied)}
