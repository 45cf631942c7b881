"""From a filing to what it means: the effective date with its article, the 種別 before and after, the
reason codes of 資格情報, the 14-day status, the 任意加入 route, the 付加 months, and every 「要確認」.

Pure: the records it needs (the person's 種別 on the day, an exemption, a 基金 membership) come in the
registry's `Records` (cases/registry/selectors/pension.py), read by the service. Impossible filings raise
ValidationError naming the field; a late filing is never one of them (則1条の4 etc. set a duty, not a bar:
the filing is taken and recorded).
"""

import datetime as dt

from django.utils.translation import gettext as _

from cases.common.codes import InsuredKind, LossReason
from cases.qualification import deadlines, texts
from cases.qualification.compute_base import (  # noqa: F401  (re-exported: KIND_WORDS, WORD_KINDS, worded)
    KIND_WORDS,
    WORD_KINDS,
    Computed,
    _error,
    _kind_label,
    _set,
    worded,
)
from cases.qualification.compute_kinds import _additional, _membership, _voluntary
from cases.qualification.models import Event, FilingKind
from cases.qualification.request import DATED_EVENTS, DEADLINE_KINDS, EVENTS, QualificationRequest
from cases.registry.selectors.pension import Records


def _before(request: QualificationRequest, records: Records, out: Computed) -> str:
    """The 種別 before the event: as the clerk states it, else as 資格情報 has it."""
    stated = request.insured_kind_before
    if stated and stated != records.insured_kind:
        out.doubt(
            "records_kind",
            texts.DOUBT_RECORDS_KIND(records=_kind_label(records.insured_kind), stated=_kind_label(stated)),
        )
    return stated if stated else records.insured_kind


def _check_dates(request: QualificationRequest, filed_on: dt.date, birth_date: dt.date) -> None:
    if request.event not in EVENTS.get(request.kind, ()):
        raise _error("event", _("この届出の種類では選べない事由です。"))
    if request.event in DATED_EVENTS:
        if request.event_date is None:
            raise _error("event_date", _("事由発生日を入力してください。"))
        if request.event_date > filed_on:
            raise _error("event_date", _("事由発生日は届出日以前の日付にしてください。"))
        if request.event_date < birth_date:
            # A slip of the era or year (S40 for S50): said on the date, not as a 種別 the records lack.
            raise _error("event_date", _("事由発生日が生年月日より前になっています。"))


def qualification_compute(
    *, request: QualificationRequest, birth_date: dt.date, filed_on: dt.date, records: Records, params
) -> Computed:
    """Raises ValidationError (by field) for a filing that cannot be taken; never for lateness."""
    _check_dates(request, filed_on, birth_date)
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
