"""What a qualification filing asks for, as taken at the counter (intake, 入力, or a 勧奨 answered)."""

import datetime as dt
from dataclasses import dataclass, fields

from cases.qualification.models import Event, FilingKind

# The facts each kind of filing reports (rules-disability-qualification.md §3.1–§3.4).
EVENTS: dict[str, tuple[str, ...]] = {
    FilingKind.ACQUISITION: (Event.AGE20, Event.IMMIGRATION, Event.EXCLUSION_END),
    FilingKind.LOSS: (Event.EMIGRATION, Event.OLD_AGE_ENTITLED, Event.EXCLUSION),
    FilingKind.KIND_CHANGE: (
        Event.LEAVE_EMPLOYEE_PENSION,
        Event.SPOUSE_LEAVES_EMPLOYEE_PENSION,
        Event.DEPENDENT_END,
    ),
    FilingKind.VOLUNTARY: (Event.APPLICATION,),
    FilingKind.VOLUNTARY_WITHDRAWAL: (Event.WITHDRAWAL,),
    FilingKind.SPECIAL_ELDERLY: (Event.APPLICATION,),
    FilingKind.ADDITIONAL: (Event.APPLICATION,),
    FilingKind.ADDITIONAL_WITHDRAWAL: (Event.WITHDRAWAL,),
    FilingKind.DEATH: (Event.DEATH,),
}
# Facts whose date the person states; the others take the filing day (申出) or a computed day (20歳到達).
DATED_EVENTS = frozenset(
    {
        Event.IMMIGRATION,
        Event.EXCLUSION_END,
        Event.EMIGRATION,
        Event.OLD_AGE_ENTITLED,
        Event.EXCLUSION,
        Event.LEAVE_EMPLOYEE_PENSION,
        Event.SPOUSE_LEAVES_EMPLOYEE_PENSION,
        Event.DEPENDENT_END,
        Event.DEATH,
    }
)
# Filings the 14-day rule applies to (則1条の4, 3条, 4条, 6条の2); a 申出 has no deadline.
DEADLINE_KINDS = frozenset(
    {FilingKind.ACQUISITION, FilingKind.LOSS, FilingKind.KIND_CHANGE, FilingKind.DEATH}
)
VOLUNTARY_KINDS = frozenset({FilingKind.VOLUNTARY, FilingKind.SPECIAL_ELDERLY})


@dataclass
class QualificationRequest:
    kind: str
    event: str
    event_date: dt.date | None = None
    # "" takes the kind from 資格情報 on the day; a clerk may state it when the records lag behind.
    insured_kind_before: str = ""
    japanese_national: bool = True
    old_age_entitled: bool = False
    early_claimed: bool = False
    paid_months: int | None = None
    payment_method: str = ""
    payment_reason: str = ""
    pension_fund_member: bool = False
    paid_through: dt.date | None = None
    late_reason: str = ""
    remarks: str = ""


REQUEST_FIELDS = tuple(f.name for f in fields(QualificationRequest))
# The request fields stored on QualificationFiling under the same name.
STORED_FIELDS = tuple(name for name in REQUEST_FIELDS if name not in ("insured_kind_before",))


def request_of(filing) -> QualificationRequest:
    values = {name: getattr(filing, name) for name in STORED_FIELDS}
    return QualificationRequest(insured_kind_before=filing.insured_kind_before, **values)
