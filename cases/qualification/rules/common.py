"""The words the 第1号 qualification rules share (insured kinds, actions, events, exemptions), the 特例高齢
doubt, and the reference data they read (`Params`); the rules themselves are in this package's siblings."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

NONE, CATEGORY1, CATEGORY2, CATEGORY3 = "none", "category1", "category2", "category3"
VOLUNTARY, SPECIAL_ELDERLY = "voluntary", "special_elderly"
ACQUIRE, LOSE, CHANGE, NO_CHANGE = "acquire", "lose", "change", "none"
ON_TIME, LATE, UNDECIDED = "on_time", "late", "undecided"
DAY14_POLICIES = (UNDECIDED, ON_TIME, LATE)

EVENTS = (
    "age20",
    "age60",
    "age65",
    "age70",
    "death",
    "emigration",
    "immigration",
    "join_employee_pension",
    "leave_employee_pension",
    "become_dependent_spouse",
    "spouse_leaves_employee_pension",
    "voluntary_application",
    "voluntary_join_employee_pension",
    "voluntary_emigration",
)
INSURED_KINDS = (NONE, CATEGORY1, CATEGORY2, CATEGORY3, VOLUNTARY, SPECIAL_ELDERLY)
EXEMPTIONS = (
    None,
    "full",
    "three_quarters",
    "half",
    "quarter",
    "deferral",
    "student",
    "statutory",
    "maternity",
)


# The doubt the rule set ships with (migration 0020): worded in the reader's language while a city keeps
# it as shipped; a text the city writes itself is shown as written.
SPECIAL_ELDERLY_DOUBT = gettext_noop(
    "令和7年法律第74号で特例高齢任意加入の対象 (生年月日) が延長されたとの報告があります"
    " (昭和45年4月1日以前か)。改正後の附則を確認するまで要確認です。"
)

# A birth inside the reported extension (after the cut-off read in the statute, up to the reported end, both
# reference data): taken, not refused, until the amended 附則 is read.
SPECIAL_ELDERLY_BAND_DOUBT = gettext_noop(
    "%(born_by)sより後に生まれた方です。令和7年法律第74号で特例高齢任意加入の対象が%(reported)s以前に生まれた方まで"
    "延長されたとの報告があるため、受け付けて機構へ送付します。改正後の平16法附則23条1項を確認するまで要確認です。"
)


def special_elderly_band(birth_date: dt.date, params: "Params") -> dict | None:
    """平16法附則23条1項 with the reported 令7法 extension (§3.3 DOUBT): the doubt's values when `birth_date` falls
    after the cut-off and on or before the reported end, else None."""
    reported = params.special_elderly_reported_born_by
    if reported and params.special_elderly_born_by < birth_date <= reported:
        return {"born_by": params.special_elderly_born_by, "reported": reported}
    return None


@dataclass(frozen=True)
class Params:
    """One row of QualificationRuleSet."""

    special_elderly_born_by: dt.date  # 平16法附則23条1項 (and 平6法附則11条): born on or before
    special_elderly_doubt: str  # why the cut-off is 要確認 ("" once confirmed), §3.3 DOUBT
    voluntary_month_limit: int  # 附則5条5項4号: 480 months
    filing_days: int  # 則1条の4, 3条, 4条, 6条の2: 14 days
    send_days: int  # 則9条: sent to 機構 within 14 days of 受理
    day14_policy: str  # §3.5 DOUBT: what the 14th day after the fact is; "undecided" shows 要確認
    reply_days: int  # the 勧奨 letter's date to file by (the city's practice, not a statute)
    # DOUBT: a last day on a closed day of the city, filed by the next open day. 地方自治法4条の2第4項 (not among
    # the brief's statute texts) would move it; "undecided" shows 要確認, "on_time" applies it, "late" does not.
    closed_day_policy: str = UNDECIDED
    # §3.3 DOUBT: 令7法 reportedly extended the 特例高齢 window (to 昭和45年4月1日?). A birth after
    # `special_elderly_born_by` and on or before this is taken with 「要確認」, not refused; None: no such band.
    special_elderly_reported_born_by: dt.date | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> "Params":
        policy = data.get("day14_policy", UNDECIDED)
        if policy not in DAY14_POLICIES:
            raise ValueError(f"day14_policy: {policy}")
        closed = data.get("closed_day_policy", UNDECIDED)
        if closed not in DAY14_POLICIES:
            raise ValueError(f"closed_day_policy: {closed}")
        return cls(
            special_elderly_born_by=dt.date.fromisoformat(data["special_elderly_born_by"]),
            special_elderly_doubt=data.get("special_elderly_doubt", ""),
            voluntary_month_limit=int(data["voluntary_month_limit"]),
            filing_days=int(data["filing_days"]),
            send_days=int(data["send_days"]),
            day14_policy=policy,
            reply_days=int(data["reply_days"]),
            closed_day_policy=closed,
            special_elderly_reported_born_by=(
                dt.date.fromisoformat(data["special_elderly_reported_born_by"])
                if data.get("special_elderly_reported_born_by")
                else None
            ),
        )
