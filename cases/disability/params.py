"""The reference data the 障害基礎年金 rules read (one `DisabilityRuleSet` row), typed. Pure: no database.

Cut-off dates and amounts change with the law, and several readings are still in doubt
(rules-disability-qualification.md, DOUBT); they live in versioned rows, never in code.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from cases.common.dates import NO_MATCHING_DAY_RULES


@dataclass(frozen=True)
class Params:
    valid_from: dt.date
    # 昭60法附則20条1項 (直近1年要件): 初診日 before this day. e-Gov text: 令和8年4月1日; extended by 令7法
    # to 令和18年4月1日 (DOUBT until read in the amended 附則).
    recent_year_cutoff: dt.date
    # 昭60法附則21条: before this 初診日 「前々月」 reads 「直近の基準月の前月」 (contribution.window_last_month).
    old_base_month_until: dt.date
    # 民法143条2項 with no corresponding day: "end_of_month" (機構 practice) or "next_day" (DOUBT).
    no_matching_day: str
    # "within 3 months after" ends the day before the corresponding day (機構 practice, DOUBT).
    window_ends_day_before: bool
    # a claim exactly one year after the 認定日 counts as 「1年以上」 (DOUBT).
    anniversary_is_late: bool
    # 法36条の3, 令5条の4: the 20歳前 income limits (yen) and the amounts per dependant.
    pre20_income_half: int
    pre20_income_full: int
    dependant_general: int
    dependant_elderly: int
    dependant_specified: int
    # 昭60法附則20条1項 as the e-Gov text has it (「令和八年四月一日前」): a 初診日 the two cut-offs judge alike
    # needs no 「要確認」 on the extension.
    recent_year_cutoff_text: dt.date = dt.date(2026, 4, 1)
    # §2.4 DOUBT: 第3号 months may have been reported late (法附則7条の3第1項) or tied to a time-barred 厚生年金
    # premium (法附則7条の2); the copied months do not say so. True shows 「要確認」 when the months include 第3号.
    category3_doubt: bool = True

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object], *, valid_from: dt.date) -> "Params":
        def date_of(name: str) -> dt.date:
            try:
                return dt.date.fromisoformat(str(mapping[name]))
            except (KeyError, ValueError):
                raise ValueError(
                    f"障害基礎年金の基準 ({valid_from}〜) の {name} が日付ではありません。"
                ) from None

        def yen(name: str) -> int:
            value = mapping.get(name)
            if type(value) is not int or value < 0:
                raise ValueError(
                    f"障害基礎年金の基準 ({valid_from}〜) の {name} が0以上の整数ではありません。"
                )
            return value

        def flag(name: str) -> bool:
            value = mapping.get(name)
            if not isinstance(value, bool):
                raise ValueError(
                    f"障害基礎年金の基準 ({valid_from}〜) の {name} が true/false ではありません。"
                )
            return value

        def optional_flag(name: str, default: bool) -> bool:
            return flag(name) if name in mapping else default

        rule = mapping.get("no_matching_day")
        if rule not in NO_MATCHING_DAY_RULES:
            raise ValueError(f"障害基礎年金の基準 ({valid_from}〜) の no_matching_day が正しくありません。")
        return cls(
            valid_from=valid_from,
            recent_year_cutoff=date_of("recent_year_cutoff"),
            old_base_month_until=date_of("old_base_month_until"),
            no_matching_day=str(rule),
            window_ends_day_before=flag("window_ends_day_before"),
            anniversary_is_late=flag("anniversary_is_late"),
            pre20_income_half=yen("pre20_income_half"),
            pre20_income_full=yen("pre20_income_full"),
            dependant_general=yen("dependant_general"),
            dependant_elderly=yen("dependant_elderly"),
            dependant_specified=yen("dependant_specified"),
            recent_year_cutoff_text=(
                date_of("recent_year_cutoff_text")
                if "recent_year_cutoff_text" in mapping
                else cls.recent_year_cutoff_text
            ),
            category3_doubt=optional_flag("category3_doubt", True),
        )
