"""Code lists used by the records (別添1). Codes are what the city's extracts carry; labels are shown.

The national standard code values were not available (domain.md §4.3), so each list is this
product's own and is documented in docs/formats/.
"""

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "1", _("男")
    FEMALE = "2", _("女")


# Spellings of 性別 a record can hold besides the code: an older extract's M / F, the label itself.
_SEX_SPELLINGS = {"1": Sex.MALE, "M": Sex.MALE, "MALE": Sex.MALE, "男": Sex.MALE, "男性": Sex.MALE}
_SEX_SPELLINGS |= {
    "2": Sex.FEMALE,
    "F": Sex.FEMALE,
    "FEMALE": Sex.FEMALE,
    "女": Sex.FEMALE,
    "女性": Sex.FEMALE,
}


def sex_label(code: str) -> str:
    """男 / 女 (in the active language) for a stored 性別; "" for a value that is none of them, so a
    document never prints a raw code (M, F, 9 …) as if it were the person's 性別."""
    sex = _SEX_SPELLINGS.get(unicodedata.normalize("NFKC", code or "").strip().upper())
    return str(sex.label) if sex else ""


class ChangeReason(models.TextChoices):
    """異動事由 of the resident registry."""

    BIRTH = "01", _("出生")
    MOVE_IN = "02", _("転入")
    MOVE_WITHIN = "03", _("転居")
    MOVE_OUT = "04", _("転出")
    DEATH = "05", _("死亡")
    EX_OFFICIO_ENTRY = "06", _("職権記載")
    EX_OFFICIO_REMOVAL = "07", _("職権消除")
    HOUSEHOLD_CHANGE = "08", _("世帯変更")
    NAME_CHANGE = "09", _("氏名変更")
    MOVE_IN_FROM_ABROAD = "10", _("国外転入")
    MOVE_OUT_ABROAD = "11", _("国外転出")
    NATURALISATION = "12", _("帰化")
    NATIONALITY_LOSS = "13", _("国籍喪失")
    CORRECTION = "14", _("記載事項修正")
    OTHER = "99", _("その他")


# A resident with one of these reasons is no longer on the register (消除).
REMOVAL_REASONS = frozenset(
    {ChangeReason.MOVE_OUT, ChangeReason.DEATH, ChangeReason.EX_OFFICIO_REMOVAL, ChangeReason.MOVE_OUT_ABROAD}
)


class InsuredKind(models.TextChoices):
    """被保険者種別."""

    FIRST = "1", _("第1号被保険者")
    SECOND = "2", _("第2号被保険者")
    THIRD = "3", _("第3号被保険者")
    VOLUNTARY = "4", _("任意加入被保険者")
    SPECIAL_ELDERLY = "5", _("特例高齢任意加入被保険者")


class AcquisitionReason(models.TextChoices):
    AGE_20 = "01", _("20歳到達")
    MOVE_IN_FROM_ABROAD = "02", _("国外転入")
    LEFT_EMPLOYEE_PENSION = "03", _("厚生年金等喪失 (2号→1号)")
    LEFT_DEPENDENT_SPOUSE = "04", _("3号非該当 (3号→1号)")
    VOLUNTARY = "05", _("任意加入")
    SPECIAL_ELDERLY = "06", _("特例高齢任意加入")
    EXEMPTION_END = "07", _("適用除外非該当")
    OTHER = "99", _("その他")


class LossReason(models.TextChoices):
    DEATH = "01", _("死亡")
    MOVE_OUT_ABROAD = "02", _("国外転出")
    AGE_60 = "03", _("60歳到達")
    JOINED_EMPLOYEE_PENSION = "04", _("厚生年金等加入 (1号→2号)")
    BECAME_DEPENDENT_SPOUSE = "05", _("3号該当 (1号→3号)")
    VOLUNTARY_WITHDRAWAL = "06", _("任意脱退")
    BENEFIT_ENTITLEMENT = "07", _("老齢給付受給権取得 (適用除外)")
    KIND_CHANGE = "08", _("種別変更 (1号へ)")
    OTHER = "99", _("その他")


class AdditionalKind(models.TextChoices):
    """付加種別."""

    ADDITIONAL = "1", _("付加保険料納付")
    PENSION_FUND = "2", _("国民年金基金加入")
    FARMERS = "3", _("農業者年金加入")


class ExemptionKind(models.TextChoices):
    """免除種類. The order is the order applicants rank their preferences in."""

    FULL = "full", _("全額免除")
    THREE_QUARTERS = "three_quarters", _("4分の3免除")
    HALF = "half", _("半額免除")
    QUARTER = "quarter", _("4分の1免除")
    DEFERRAL = "deferral", _("納付猶予")
    STUDENT = "student", _("学生納付特例")
    STATUTORY = "statutory", _("法定免除")
    MATERNITY = "maternity", _("産前産後免除")


APPLIED_KINDS = (
    ExemptionKind.FULL,
    ExemptionKind.THREE_QUARTERS,
    ExemptionKind.HALF,
    ExemptionKind.QUARTER,
    ExemptionKind.DEFERRAL,
    ExemptionKind.STUDENT,
)


class ExemptionReason(models.TextChoices):
    """免除該当理由."""

    INCOME = "01", _("所得基準")
    UNEMPLOYMENT = "02", _("失業等による特例")
    DOMESTIC_VIOLENCE = "03", _("配偶者からの暴力 (DV)")
    DISASTER = "04", _("災害")
    STATUTORY = "05", _("法定免除事由")
    MATERNITY = "06", _("出産 (産前産後)")
    PUBLIC_ASSISTANCE = "07", _("生活扶助以外の扶助")


class ExemptionEndReason(models.TextChoices):
    """免除消滅理由."""

    PERIOD_END = "01", _("期間満了")
    QUALIFICATION_LOST = "02", _("資格喪失")
    GROUND_ENDED = "03", _("該当事由消滅")
    WITHDRAWN = "04", _("取下げ")
    REJECTED = "05", _("却下")
    PAYMENT_REQUESTED = "06", _("納付申出")
    OTHER = "99", _("その他")


class Decision(models.TextChoices):
    """判定結果 from 日本年金機構."""

    APPROVED = "approved", _("承認")
    REJECTED = "rejected", _("却下")
    RETURNED = "returned", _("返戻")


class StatutoryGround(models.TextChoices):
    """法定免除コード (国民年金法89条, domain.md §1.4)."""

    DISABILITY_PENSION = "1", _("障害基礎年金・障害厚生年金 (1・2級) 等の受給権者")
    LIVELIHOOD_ASSISTANCE = "2", _("生活保護法による生活扶助の受給")
    SANATORIUM = "3", _("国立ハンセン病療養所等への入所")


class DisabilityStatus(models.IntegerChoices):
    NONE = 0, _("該当なし")
    DISABLED = 1, _("障害者")
    SPECIAL = 2, _("特別障害者")


class WidowStatus(models.IntegerChoices):
    NONE = 0, _("該当なし")
    WIDOW = 1, _("寡婦")
    SINGLE_PARENT = 2, _("ひとり親")
