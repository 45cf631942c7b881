"""What the city's records say about a person month by month over a stretch of time: the 資格情報's 種別 and the
免除情報 not rejected or returned. The stretch's counterpart of `pension.pension_records_on` (one day), for a check
that holds many months against the records (the 障害基礎年金 claim's 納付状況): read in a fixed number of queries
whatever the length, then worked out in Python. Lives here, not in a type, so any type may read it."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from cases.common.codes import Decision
from cases.common.dates import add_months, month_start
from cases.registry.models.pension import Exemption, Qualification
from cases.registry.models.residents import Resident


@dataclass(frozen=True)
class ExemptionSpan:
    """One 免除情報 row: its kind (ExemptionKind code), the months it covers and the day it was applied for."""

    kind: str
    first: dt.date  # first month
    last: dt.date | None  # last month (None: open)
    received_on: dt.date


@dataclass(frozen=True)
class MonthRecords:
    """`kinds`: month → InsuredKind code of the 資格情報 for that month; `exemptions`: the 免除情報 rows
    overlapping the stretch; `held`: whether the person has any 資格情報 at all (else the records are silent)."""

    kinds: dict[dt.date, str]
    exemptions: tuple[ExemptionSpan, ...]
    held: bool


def _months(acquired: dt.date, lost: dt.date | None, last: dt.date):
    """法11条1項: from the month of the 資格取得日 to the month before the month of the 資格喪失日; 法11条2項: lost in the
    month it was acquired, that month counts once (a later row acquired in the same month overrides it)."""
    month = month_start(acquired)
    end = last if lost is None else min(last, add_months(month_start(lost), -1))
    if lost is not None and month_start(lost) == month:
        end = month
    while month <= end:
        yield month
        month = add_months(month, 1)


def pension_months(*, resident: Resident, first: dt.date, last: dt.date) -> MonthRecords:
    """The records for the months `first`..`last` (any day of each), in three queries at most."""
    pension = getattr(resident, "pension", None)
    if pension is None:
        return MonthRecords({}, (), held=False)
    first, last = month_start(first), month_start(last)
    rows = list(
        Qualification.objects.filter(
            Q(lost_on__isnull=True) | Q(lost_on__gt=first),
            pension=pension,
            acquired_on__lt=add_months(last, 1),
        )
        .order_by("acquired_on", "id")
        .values_list("insured_kind", "acquired_on", "lost_on")
    )
    kinds: dict[dt.date, str] = {}
    # 法11条の2: a month in which the 種別 changed is the later 種別's month (rows in order, the later one wins).
    for kind, acquired, lost in rows:
        for month in _months(acquired, lost, last):
            if month >= first:
                kinds[month] = kind
    held = bool(rows) or Qualification.objects.filter(pension=pension).exists()
    spans = tuple(
        ExemptionSpan(kind, month_start(start), month_start(end) if end else None, received)
        for kind, start, end, received in Exemption.objects.filter(
            Q(end_on__isnull=True) | Q(end_on__gte=first), pension=pension, start_on__lt=add_months(last, 1)
        )
        .exclude(decision__in=[Decision.REJECTED, Decision.RETURNED])
        .order_by("start_on", "id")
        .values_list("kind", "start_on", "end_on", "received_on")
    )
    return MonthRecords(kinds, spans, held=held)
