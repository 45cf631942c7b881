"""What the city's records say about a person on one day: 資格情報, 免除情報, 付加年金情報 and the
住民記録's 国外転出. A registry read any case type may ask (the 資格届出 computes a filing from it), so it
lives here and not in a type: types cannot import each other (docs/architecture.md)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from cases.common.codes import AdditionalKind, ChangeReason, Decision, InsuredKind
from cases.common.identifiers.wareki import age_reached_on
from cases.registry.models.pension import AdditionalPension, Exemption, Qualification
from cases.registry.models.residents import Resident


@dataclass(frozen=True)
class Records:
    """What the city's records say about the person on the day asked."""

    insured_kind: str = ""  # InsuredKind code of the 資格情報 row covering the day ("" none)
    exemption: str | None = None  # ExemptionKind code of a 免除情報 covering the day (None none)
    pension_fund_member: bool = False  # a 付加年金情報 row of kind 国民年金基金 covering the day
    paying_additional: bool = False  # a 付加年金情報 row of kind 付加保険料納付 covering the day
    resident_in_japan: bool = True


def pension_records_on(*, resident: Resident, day: dt.date) -> Records:
    """The records covering `day` (a few small queries).

    A 資格情報 row covers the days from its 資格取得日 to the day before its 資格喪失日 (法9条: the 喪失日
    is the first day not insured), the latest acquired first, a 第1号 row never from the 60歳到達日 (法9条3号);
    a 免除情報 row from its 免除該当日 through its 免除終了日, unless 機構 rejected or returned it; a
    付加年金情報 row from its 加入日 to the day before its 脱退日. 国外転出 is read from the 住民記録 as it stands, whatever the day.
    """
    abroad = resident.removed_on is not None and resident.change_reason == ChangeReason.MOVE_OUT_ABROAD
    pension = getattr(resident, "pension", None)
    if pension is None:
        return Records(resident_in_japan=not abroad)
    covering = Q(lost_on__isnull=True) | Q(lost_on__gt=day)
    row = (
        Qualification.objects.filter(covering, pension=pension, acquired_on__lte=day)
        .order_by("-acquired_on", "-id")
        .first()
    )
    exemption = (
        Exemption.objects.filter(
            Q(end_on__isnull=True) | Q(end_on__gte=day), pension=pension, start_on__lte=day
        )
        .exclude(decision__in=[Decision.REJECTED, Decision.RETURNED])
        .order_by("-start_on")
        .first()
    )
    joined = AdditionalPension.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day), pension=pension, joined_on__lte=day
    )
    kind = row.insured_kind if row else ""
    if kind == InsuredKind.FIRST and day >= age_reached_on(resident.birth_date, 60):
        # 法9条3号: the 第1号 is lost on the 60歳到達日 itself, and 則3条 asks for no loss filing then, so
        # 資格情報 may still show the period open; it does not cover the days from that one (the 任意加入 of
        # 附則5条 is a row of its own and goes on).
        kind = ""
    return Records(
        insured_kind=kind,
        exemption=exemption.kind if exemption else None,
        pension_fund_member=joined.filter(kind=AdditionalKind.PENSION_FUND).exists(),
        paying_additional=joined.filter(kind=AdditionalKind.ADDITIONAL).exists(),
        resident_in_japan=not abroad,
    )
