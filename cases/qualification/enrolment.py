"""任意加入 and 特例高齢任意加入: who may apply and on which article, as pure functions in the manner of
cases/qualification/rules/ (dates in, dates out, reasons as message ids)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from cases.common.identifiers.wareki import age_on
from cases.qualification.rules import (
    CATEGORY2,
    CATEGORY3,
    NONE,
    SPECIAL_ELDERLY,
    SPECIAL_ELDERLY_BAND_DOUBT,
    Params,
    special_elderly_band,
)

# --- 任意加入 and 特例高齢任意加入 (法附則5条1項, 平16法附則23条1項) -----------------------------------------


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    route: str | None
    article: str
    reason: str = ""
    doubt: str = ""
    params: dict[str, Any] = field(default_factory=dict)  # the reason's %(name)s values
    doubt_params: dict[str, Any] = field(default_factory=dict)  # the doubt's (the reported extension)

    @property
    def reason_text(self) -> str:
        """The reason in Japanese with its values (dates as ISO), as `pension_rules` answers."""
        return iso_filled(self.reason, self.params)

    @property
    def doubt_text(self) -> str:
        return iso_filled(self.doubt, self.doubt_params)


def iso_filled(message: str, params: dict[str, Any]) -> str:
    """A message id with its values, dates as ISO (`pension_rules` answers in Japanese so)."""
    values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in params.items()}
    return message % values if values else message


def voluntary_enrolment_eligibility(
    *,
    birth_date: dt.date,
    on: dt.date,
    resident_in_japan: bool,
    japanese_national: bool,
    insured_kind: str,
    old_age_entitled: bool,
    early_claimed: bool,
    paid_months: int,
    params: Params,
) -> Eligibility:
    """Who may ask to join voluntarily, and by which route (rule sheet §3.2, §3.3)."""
    if insured_kind in (CATEGORY2, CATEGORY3):
        return Eligibility(
            False, None, "法附則5条1項かっこ書", gettext_noop("第2号・第3号被保険者は任意加入できません。")
        )
    if insured_kind != NONE:
        return Eligibility(False, None, "法7条1項1号", gettext_noop("既に被保険者です。"))
    age = age_on(birth_date, on)
    if 65 <= age < 70:
        # 繰上げ means a 老齢基礎年金 entitlement: 平16法附則23条1項ただし書 (法附則9条の2の3 concerns 附則5条).
        entitled = old_age_entitled or early_claimed
        return _special_elderly(birth_date, resident_in_japan, japanese_national, entitled, params)
    if age >= 70:
        # 法附則5条1項 ends at 65; 平16法附則23条1項 (六十五歳以上七十歳未満) at 70.
        return Eligibility(
            False, None, "平16法附則23条1項", gettext_noop("70歳以上の方は任意加入できません。")
        )
    if early_claimed:
        return Eligibility(
            False,
            None,
            "法附則9条の2の3",
            gettext_noop("老齢基礎年金を繰上げ受給している方は任意加入できません。"),
        )
    if paid_months >= params.voluntary_month_limit and age >= 20:
        return Eligibility(
            False,
            None,
            "法附則5条5項4号",
            gettext_noop("納付済等の月数が%(limit)s月に達しているため加入できません。"),
            params={"limit": params.voluntary_month_limit},
        )
    if resident_in_japan:
        if 20 <= age < 60 and old_age_entitled:
            return Eligibility(True, "old_age_beneficiary", "法附則5条1項1号")
        if 60 <= age < 65:
            return Eligibility(True, "age60_64", "法附則5条1項2号")
        if 20 <= age < 60:
            return Eligibility(
                False, None, "法7条1項1号", gettext_noop("20歳以上60歳未満の国内居住者は第1号被保険者です。")
            )
        return Eligibility(False, None, "法附則5条1項", gettext_noop("任意加入できる年齢ではありません。"))
    if not japanese_national:
        return Eligibility(
            False,
            None,
            "法附則5条1項3号",
            gettext_noop("国外に住む方の任意加入は日本国籍を有する方などに限られます。"),
        )
    if 20 <= age < 65:
        return Eligibility(True, "abroad", "法附則5条1項3号")
    return Eligibility(False, None, "法附則5条1項3号", gettext_noop("任意加入できる年齢ではありません。"))


def _special_elderly(
    birth_date, resident_in_japan, japanese_national, old_age_entitled, params
) -> Eligibility:
    doubt = params.special_elderly_doubt
    if old_age_entitled:
        return Eligibility(
            False,
            None,
            "平16法附則23条1項ただし書",
            gettext_noop("老齢・退職の年金の受給権がある方は加入できません。"),
        )
    if not resident_in_japan and not japanese_national:
        return Eligibility(
            False,
            None,
            "平16法附則23条1項2号",
            gettext_noop("国外に住む方は日本国籍を有する方に限られます。"),
        )
    article = "平16法附則23条1項1号" if resident_in_japan else "平16法附則23条1項2号"
    band = special_elderly_band(birth_date, params)
    if band:
        # §3.3 DOUBT: inside the reported 令7法 extension — taken with 「要確認」, not refused.
        return Eligibility(
            True, SPECIAL_ELDERLY, article, doubt=SPECIAL_ELDERLY_BAND_DOUBT, doubt_params=band
        )
    if birth_date > params.special_elderly_born_by:
        return Eligibility(
            False,
            None,
            "平16法附則23条1項",
            gettext_noop("%(born_by)s以前に生まれた方に限られます。"),
            doubt=doubt,
            params={"born_by": params.special_elderly_born_by},
        )
    return Eligibility(True, SPECIAL_ELDERLY, article, doubt=doubt)
