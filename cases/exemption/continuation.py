"""An earlier 継続審査 申出 that already carries the year applied for (国民年金法施行規則77条3項, 77条の5第3項).

Who qualified for 全額免除 (or 納付猶予) under 法90条1項1号 or 3号 and, on an application covering the day
it was made, asked to be reviewed again 「引き続き当該期間と同一の事由により」 needs no new 申請書 for the
following years: 機構 treats each year as applied for while the same ground holds. A 失業等 approval
(法90条1項4号) is not carried. The screens warn; a new application stays possible (a change of household,
income 機構 could not confirm, another kind wanted).
"""

from django.utils.translation import gettext as _

from cases.common.codes import Decision, ExemptionKind
from cases.common.date_display import fiscal_year_in_text
from cases.exemption.models import ExemptionApplication, SpecialGround
from cases.registry.models.pension import Exemption

CARRIED_KINDS = frozenset({str(ExemptionKind.FULL.value), str(ExemptionKind.DEFERRAL.value)})
# 法90条1項1号 (income) and 3号 (障害者・寡婦・ひとり親, also an income test): no special ground.
CARRIED_GROUNDS = frozenset({SpecialGround.NONE})


def continuation_warning(*, application: ExemptionApplication, rows: list[Exemption]) -> str | None:
    """The latest earlier approval with the 申出 whose kind is among the kinds applied for now."""
    carried = [
        row
        for row in rows
        if row.decision == Decision.APPROVED
        and row.kind in CARRIED_KINDS
        and row.kind in application.kinds
        and (earlier := getattr(row.case, "exemption", None)) is not None
        and earlier.continuation
        and earlier.special_ground in CARRIED_GROUNDS
        and earlier.fiscal_year < application.fiscal_year
    ]
    if not carried:
        return None
    row = max(carried, key=lambda row: row.case.exemption.fiscal_year)
    return _(
        "%(year)sの申請 (整理番号 %(number)s) で継続審査の申出があり、%(kind)sが承認されています。同じ事由で"
        "引き続き該当する間は翌年度以降の申請書は不要です (国民年金法施行規則77条3項・77条の5第3項)。"
        "この申請が必要か (世帯や所得の変更、ほかの種類の希望など) 申請者に確認してください。"
    ) % {
        "year": fiscal_year_in_text(row.case.exemption.fiscal_year),
        "number": row.case.number,
        "kind": ExemptionKind(row.kind).label,
    }
