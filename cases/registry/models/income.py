from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.common.models import TimeStampedModel


def _yen(label: str) -> models.PositiveBigIntegerField:
    return models.PositiveBigIntegerField(label, default=0)


def _count(label: str, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, default=0, **kwargs)


class IncomeRecord(TimeStampedModel):
    """所得情報: one person's 住民税 assessment for one 賦課年度 (amounts in yen)."""

    personal_code = models.CharField(
        _("個人コード"), max_length=20, help_text=_("宛名番号と同じ統合宛名番号")
    )
    tax_year = models.PositiveSmallIntegerField(_("賦課年度"))
    household_no = models.CharField(_("世帯番号"), max_length=20, blank=True)
    revised_on = models.DateField(_("市民税更正日"), null=True, blank=True)
    total_income = models.BigIntegerField(
        _("前年所得額"), help_text=_("総所得金額等 (純損失・雑損失の繰越控除後)")
    )
    self_disability = models.PositiveSmallIntegerField(
        _("本人障害者"), choices=DisabilityStatus.choices, default=DisabilityStatus.NONE
    )
    self_widow = models.PositiveSmallIntegerField(
        _("本人寡婦"), choices=WidowStatus.choices, default=WidowStatus.NONE
    )
    spouse_general = models.BooleanField(_("一般控除対象配偶者"), default=False)
    spouse_elderly = models.BooleanField(_("老人控除対象配偶者"), default=False)
    dependants_general = _count(_("一般扶養親族数"))
    dependants_elderly = _count(_("老人扶養親族数"))
    dependants_specified = _count(_("特定扶養親族数"))
    # Not in 別添1: added as the city added ひとり親控除 and 特定親族特別控除 (別添2), because the
    # exemption tests count these children (国民年金法施行令5条の4, 6条の7〜6条の9の2). A database
    # default, so extracts and tools that insert rows without them keep working.
    dependants_aged16to18 = _count(
        _("一般扶養親族数のうち19歳未満"),
        db_default=0,
        help_text=_("一般扶養親族 (16歳以上) のうち19歳未満の人数: 内数 (12月31日現在の年齢)"),
    )
    dependants_under16 = _count(_("年少扶養親族数"), db_default=0, help_text=_("16歳未満の扶養親族"))
    widow_deduction = _yen(_("寡婦(夫)控除"))
    widow_special_deduction = _yen(_("寡婦特別控除"))
    single_parent_deduction = _yen(_("ひとり親控除"))
    disability_count = _count(_("障害者控除人数"))
    disability_deduction = _yen(_("障害者控除"))
    special_disability_count = _count(_("特別障害者控除人数"))
    special_disability_deduction = _yen(_("特別障害者控除"))
    working_student_deduction = _yen(_("勤労学生控除"))
    casualty_loss_deduction = _yen(_("雑損控除"))
    medical_deduction = _yen(_("医療費控除"))
    social_insurance_deduction = _yen(_("社会保険料控除"))
    small_business_mutual_aid_deduction = _yen(_("小規模企業共済等掛金控除"))
    spouse_special_deduction = _yen(_("配偶者特別控除"))
    specified_relative_special_deduction = _yen(_("特定親族特別控除"))
    net_loss_carryover = _yen(_("純損失及び雑損失"))
    # Not in 別添1: 令6条の12第2項3号 takes the 所得 of a 地方税法附則6条4項 免除 (肉用牛の売却による事業所得) off
    # the income the partial exemptions and 学生納付特例 test. A database default, as above.
    beef_cattle_exempt_income = models.PositiveBigIntegerField(
        _("肉用牛売却免除所得"),
        default=0,
        db_default=0,
        help_text=_("地方税法附則6条4項により住民税が免除された肉用牛の売却による事業所得の額"),
    )
    row_digest = models.CharField(_("取込行ダイジェスト"), max_length=64, blank=True, editable=False)
    # Keyed digest of the extract line the row was last read from: a weekly extract's unchanged
    # lines are recognised by it before they are parsed (cases/registry/imports/lines.py).
    line_digest = models.CharField(
        _("取込元行ダイジェスト"), max_length=32, blank=True, default="", db_default="", editable=False
    )

    class Meta:
        verbose_name = _("所得情報")
        verbose_name_plural = _("所得情報")
        constraints = [
            models.UniqueConstraint(fields=["personal_code", "tax_year"], name="income_person_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.personal_code} {self.tax_year}年度"

    @property
    def dependants_general_total(self) -> int:
        return int(self.spouse_general) + self.dependants_general

    @property
    def dependants_elderly_total(self) -> int:
        return int(self.spouse_elderly) + self.dependants_elderly

    @property
    def social_insurance_deductions_etc(self) -> int:
        """令6条の12第2項1号: 雑損・医療費・社会保険料・小規模企業共済等掛金・配偶者特別控除, and 3号: the 所得 of a
        肉用牛 免除, taken off the same income (特定親族特別控除 is separate: the rule set says from which
        免除年度 it counts)."""
        return (
            self.casualty_loss_deduction
            + self.medical_deduction
            + self.social_insurance_deduction
            + self.small_business_mutual_aid_deduction
            + self.spouse_special_deduction
            + self.beef_cattle_exempt_income
        )
