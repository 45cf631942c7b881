"""An earlier 継続審査 申出 that already carries the year applied for (国民年金法施行規則77条3項, 77条の5第3項).

Who qualified for 全額免除 (or 納付猶予) under 法90条1項1号 or 3号 and, on an application covering the day
it was made, asked to be reviewed again 「引き続き当該期間と同一の事由により」 needs no new 申請書 for the
following years: 機構 treats each year as applied for while the same ground holds. A 失業等 approval
(法90条1項4号) is not carried. The screens warn; a new application stays possible (a change of household,
income 機構 could not confirm, another kind wanted), and one on a special ground is another application.

Also the 申出 as it is taken: refused when the next 年度 has no month a carried kind can cover (the 60歳
month: both 申出 carry 全額免除, 則77条の5第3項1号), warned when the application rests on a special ground.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.codes import Decision, ExemptionKind
from cases.common.codes_in_text import EXEMPTION_KIND_IN_TEXT
from cases.common.date_display import fiscal_year_in_text, month_in_text
from cases.common.dates import add_months
from cases.exemption.ages import last_category1_month
from cases.exemption.disaster import disaster_ground_holds
from cases.exemption.models import ExemptionApplication, SpecialGround
from cases.exemption.periods import fiscal_year_bounds
from cases.registry.models.pension import Exemption

CARRIED_KINDS = frozenset({str(ExemptionKind.FULL.value), str(ExemptionKind.DEFERRAL.value)})
# The kinds of the following years a 申出 carries, by the kind it was approved with: 則77条3項 (on a 全額免除
# application) the 全額免除 application only; 則77条の5第3項 (on a 納付猶予 application) both the 全額免除
# application (1号: 法90条1項1号・3号) and the 納付猶予 one (2号).
_CARRIES = {
    str(ExemptionKind.FULL.value): frozenset({str(ExemptionKind.FULL.value)}),
    str(ExemptionKind.DEFERRAL.value): CARRIED_KINDS,
}


def screened_on_income(application: ExemptionApplication) -> bool:
    """Whether the application rests on 法90条1項1号 (income) or 3号 (障害者・寡婦・ひとり親, also an income
    test), the grounds 則77条3項 carries: no special ground, or a 災害 whose damage is under half (or not
    known), which 則77条の7第1号 does not take and the pre-screen tests on income."""
    if application.special_ground == SpecialGround.DISASTER:
        return not disaster_ground_holds(application)
    return application.special_ground == SpecialGround.NONE


def continuation_warning(*, application: ExemptionApplication, rows: list[Exemption]) -> str | None:
    """The latest earlier approval with the 申出 that carries a kind applied for now (`_CARRIES`): for an
    application on income, whether it is needed; for one on a special ground, that it is another one."""
    carried = [
        row
        for row in rows
        if row.decision == Decision.APPROVED
        and row.kind in CARRIED_KINDS
        and _CARRIES[row.kind] & set(application.kinds)
        and (earlier := getattr(row.case, "exemption", None)) is not None
        and earlier.continuation
        and screened_on_income(earlier)
        and earlier.fiscal_year < application.fiscal_year
    ]
    if not carried:
        return None
    row = max(carried, key=lambda row: row.case.exemption.fiscal_year)
    values = {
        "year": fiscal_year_in_text(row.case.exemption.fiscal_year),
        "number": row.case.number,
        "kind": EXEMPTION_KIND_IN_TEXT.of(row.kind),
    }
    if not screened_on_income(application):
        # 則77条3項 and 77条の5第3項 spare the 申請書 only for an application 「当該期間と同一の事由により」 on
        # 法90条1項1号・3号 (平16法附則19条2項・平26法附則14条1項 1号・2号 without 法90条1項2号): what the 申出 carries.
        # This one rests on 災害・失業等・DV (則77条の7; 法90条1項4号, 平16法附則19条2項3号・平26法附則14条1項3号)
        # or on 法90条1項2号: another application, which the 申出 does not make needless, so 「申請書は不要」 would
        # be wrong advice. Both stand: the carried one only while its ground holds and 機構 can confirm the income
        # (則77条3項ただし書), and which ground the year is granted on is 機構's decision. Still warned, not silent:
        # the clerk should see a second application for a year the 申出 already covers, and on which ground each
        # rests.
        return _(
            "%(year)sの申請 (整理番号 %(number)s) で継続審査の申出があり、%(kind)sが承認されています。この申請は"
            "「%(ground)s」の事由によるもので、申出が翌年度以降に引き継ぐ所得の基準 (法90条1項1号・3号) による"
            "申請とは別の申請です (国民年金法施行規則77条3項・77条の5第3項)。申出による審査が続くか、どちらの"
            "事由で該当するかは機構が判断します。"
        ) % {**values, "ground": SpecialGround(application.special_ground).label}
    return (
        _(
            "%(year)sの申請 (整理番号 %(number)s) で継続審査の申出があり、%(kind)sが承認されています。同じ事由で"
            "引き続き該当する間は翌年度以降の申請書は不要です (国民年金法施行規則77条3項・77条の5第3項)。"
            "この申請が必要か (世帯や所得の変更、ほかの種類の希望など) 申請者に確認してください。"
        )
        % values
    )


def continuation_ground_warning(application: ExemptionApplication) -> str | None:
    """A 申出 on an application resting on a special ground: 則77条3項 carries 法90条1項1号・3号 only, and
    77条の5第3項 the 納付猶予 grounds without 法90条1項2号, so an approval on 失業等・災害・DV (4号) or on
    生活扶助以外の扶助 (2号) is not carried. Warned, not refused: the 申出 is the applicant's on the 申請書,
    and whether the household also meets the income grounds (so that the approval carries) is 機構's
    decision. A 災害 whose damage is under half is no ground: that application is screened on income."""
    if not application.continuation or screened_on_income(application):
        return None
    return _(
        "「%(ground)s」の事由で承認された場合、継続審査の申出は適用されません (国民年金法施行規則77条3項・"
        "77条の5第3項は、所得の基準 (法90条1項1号・3号) による該当者に限ります)。"
    ) % {"ground": SpecialGround(application.special_ground).label}


def continuation_years_validate(*, request, birth_date: dt.date) -> None:
    """The 申出 asks for the 年度 after the one applied for (「当該期間の終了後引き続き」). Refused when no
    month of it can be covered by a kind the 申出 carries. Both 申出 carry the 全額免除 application (則77条3項;
    則77条の5第3項1号 for one made on a 納付猶予 application), which ends with the month before the 60歳 month
    (国民年金法7条1項1号・9条3号・11条); the 納付猶予 one also carries 納付猶予 (同項2号), whose months end
    sooner (the month before the 50歳 month, 平成26年法律第64号附則14条1項, and 令和12年6月),
    so the 60歳 month alone decides. A 申出 on 納付猶予 for someone reaching 50 is still taken: the next
    years are 全額免除 applications."""
    if not request.continuation:
        return
    next_first, _next_last = fiscal_year_bounds(request.fiscal_year + 1, student=False)
    last = last_category1_month(birth_date)
    if last >= next_first or not CARRIED_KINDS & set(request.kinds):
        return  # without a kind the 申出 carries it is refused by request_checks._grounds_validate already
    reason = _(
        "全額免除は60歳に達した月 (%(month)s) から第1号被保険者でなくなるため受けられません "
        "(国民年金法7条1項1号・9条3号・11条、施行規則77条3項・77条の5第3項1号)"
    ) % {"month": month_in_text(add_months(last, 1))}
    raise ValidationError(
        {
            "continuation": _(
                "継続審査の申出は翌年度 (%(year)s) 以降の申請を求めるものですが、翌年度に対象となる月がありません。"
                "%(reasons)s。「継続審査の申出」のチェックを外してください。"
            )
            % {
                "year": fiscal_year_in_text(request.fiscal_year + 1),
                "reasons": reason,
            }
        }
    )
