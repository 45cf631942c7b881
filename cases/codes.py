"""Code lists used by the records (別添1). Codes are what the city's extracts carry; labels are shown.

The national standard code values were not available (domain.md §4.3), so each list is this
product's own and is documented in docs/formats/.
"""

from django.db import models


class Sex(models.TextChoices):
    MALE = "1", "男"
    FEMALE = "2", "女"


class ChangeReason(models.TextChoices):
    """異動事由 of the resident registry."""

    BIRTH = "01", "出生"
    MOVE_IN = "02", "転入"
    MOVE_WITHIN = "03", "転居"
    MOVE_OUT = "04", "転出"
    DEATH = "05", "死亡"
    EX_OFFICIO_ENTRY = "06", "職権記載"
    EX_OFFICIO_REMOVAL = "07", "職権消除"
    HOUSEHOLD_CHANGE = "08", "世帯変更"
    NAME_CHANGE = "09", "氏名変更"
    MOVE_IN_FROM_ABROAD = "10", "国外転入"
    MOVE_OUT_ABROAD = "11", "国外転出"
    NATURALISATION = "12", "帰化"
    NATIONALITY_LOSS = "13", "国籍喪失"
    CORRECTION = "14", "記載事項修正"
    OTHER = "99", "その他"


# A resident with one of these reasons is no longer on the register (消除).
REMOVAL_REASONS = frozenset(
    {ChangeReason.MOVE_OUT, ChangeReason.DEATH, ChangeReason.EX_OFFICIO_REMOVAL, ChangeReason.MOVE_OUT_ABROAD}
)


class InsuredKind(models.TextChoices):
    """被保険者種別."""

    FIRST = "1", "第1号被保険者"
    SECOND = "2", "第2号被保険者"
    THIRD = "3", "第3号被保険者"
    VOLUNTARY = "4", "任意加入被保険者"
    SPECIAL_ELDERLY = "5", "特例高齢任意加入被保険者"


class AcquisitionReason(models.TextChoices):
    AGE_20 = "01", "20歳到達"
    MOVE_IN_FROM_ABROAD = "02", "国外転入"
    LEFT_EMPLOYEE_PENSION = "03", "厚生年金等喪失 (2号→1号)"
    LEFT_DEPENDENT_SPOUSE = "04", "3号非該当 (3号→1号)"
    VOLUNTARY = "05", "任意加入"
    SPECIAL_ELDERLY = "06", "特例高齢任意加入"
    EXEMPTION_END = "07", "適用除外非該当"
    OTHER = "99", "その他"


class LossReason(models.TextChoices):
    DEATH = "01", "死亡"
    MOVE_OUT_ABROAD = "02", "国外転出"
    AGE_60 = "03", "60歳到達"
    JOINED_EMPLOYEE_PENSION = "04", "厚生年金等加入 (1号→2号)"
    BECAME_DEPENDENT_SPOUSE = "05", "3号該当 (1号→3号)"
    VOLUNTARY_WITHDRAWAL = "06", "任意脱退"
    BENEFIT_ENTITLEMENT = "07", "老齢給付受給権取得 (適用除外)"
    OTHER = "99", "その他"


class AdditionalKind(models.TextChoices):
    """付加種別."""

    ADDITIONAL = "1", "付加保険料納付"
    PENSION_FUND = "2", "国民年金基金加入"
    FARMERS = "3", "農業者年金加入"


class ExemptionKind(models.TextChoices):
    """免除種類. The order is the order applicants rank their preferences in."""

    FULL = "full", "全額免除"
    THREE_QUARTERS = "three_quarters", "4分の3免除"
    HALF = "half", "半額免除"
    QUARTER = "quarter", "4分の1免除"
    DEFERRAL = "deferral", "納付猶予"
    STUDENT = "student", "学生納付特例"
    STATUTORY = "statutory", "法定免除"
    MATERNITY = "maternity", "産前産後免除"


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

    INCOME = "01", "所得基準"
    UNEMPLOYMENT = "02", "失業等による特例"
    DOMESTIC_VIOLENCE = "03", "配偶者からの暴力 (DV)"
    DISASTER = "04", "災害"
    STATUTORY = "05", "法定免除事由"
    MATERNITY = "06", "出産 (産前産後)"
    PUBLIC_ASSISTANCE = "07", "生活扶助以外の扶助"


class ExemptionEndReason(models.TextChoices):
    """免除消滅理由."""

    PERIOD_END = "01", "期間満了"
    QUALIFICATION_LOST = "02", "資格喪失"
    GROUND_ENDED = "03", "該当事由消滅"
    WITHDRAWN = "04", "取下げ"
    REJECTED = "05", "却下"
    PAYMENT_REQUESTED = "06", "納付申出"
    OTHER = "99", "その他"


class Decision(models.TextChoices):
    """判定結果 from 日本年金機構."""

    APPROVED = "approved", "承認"
    REJECTED = "rejected", "却下"
    RETURNED = "returned", "返戻"


class StatutoryGround(models.TextChoices):
    """法定免除コード (国民年金法89条, domain.md §1.4)."""

    DISABILITY_PENSION = "1", "障害基礎年金・障害厚生年金 (1・2級) 等の受給権者"
    LIVELIHOOD_ASSISTANCE = "2", "生活保護法による生活扶助の受給"
    SANATORIUM = "3", "国立ハンセン病療養所等への入所"


class DisabilityStatus(models.IntegerChoices):
    NONE = 0, "該当なし"
    DISABLED = 1, "障害者"
    SPECIAL = 2, "特別障害者"


class WidowStatus(models.IntegerChoices):
    NONE = 0, "該当なし"
    WIDOW = 1, "寡婦"
    SINGLE_PARENT = 2, "ひとり親"
