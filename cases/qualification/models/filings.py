"""A qualification filing as taken at the counter, its choices, and the reference data its rules read
(rules-disability-qualification.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.codes import AcquisitionReason, InsuredKind, LossReason
from cases.common.models import TimeStampedModel
from cases.qualification.texts import doubts_shown


class FilingKind(models.TextChoices):
    """What the person files (則1条の4, 2条, 3条, 4条, 6条, 6条の2; 法87条の2)."""

    ACQUISITION = "acquisition", _("資格取得届")
    LOSS = "loss", _("資格喪失届")
    KIND_CHANGE = "kind_change", _("種別変更届")
    VOLUNTARY = "voluntary", _("任意加入 申出")
    VOLUNTARY_WITHDRAWAL = "voluntary_withdrawal", _("任意加入 資格喪失申出 (脱退)")
    SPECIAL_ELDERLY = "special_elderly", _("特例高齢任意加入 申出")
    ADDITIONAL = "additional", _("付加保険料 納付申出")
    ADDITIONAL_WITHDRAWAL = "additional_withdrawal", _("付加保険料 納付辞退申出")
    DEATH = "death", _("死亡届")


class Event(models.TextChoices):
    """The fact the filing reports. Which events a kind takes: cases/qualification/compute.py EVENTS."""

    AGE20 = "age20", _("20歳到達")
    IMMIGRATION = "immigration", _("国外からの転入")
    EXCLUSION_END = "exclusion_end", _("適用除外に該当しなくなった")
    EMIGRATION = "emigration", _("国外への転出")
    OLD_AGE_ENTITLED = "old_age_entitled", _("厚生年金保険法に基づく老齢給付等の受給権")
    EXCLUSION = "exclusion", _("その他の適用除外に該当")
    LEAVE_EMPLOYEE_PENSION = "leave_employee_pension", _("厚生年金の資格喪失 (退職等, 2号→1号)")
    SPOUSE_LEAVES_EMPLOYEE_PENSION = (
        "spouse_leaves_employee_pension",
        _("配偶者の厚生年金の資格喪失 (3号→1号)"),
    )
    DEPENDENT_END = "dependent_end", _("被扶養配偶者でなくなった (収入増・離婚等, 3号→1号)")
    APPLICATION = "application", _("申出")
    WITHDRAWAL = "withdrawal", _("脱退・辞退の申出")
    DEATH = "death", _("死亡")


# Events that only restate their kind (a 申出 is an application, a 死亡届 reports a death): a summary names
# the kind alone (「特例高齢任意加入 申出」, not 「… 申出 (申出)」).
EVENTS_NAMED_BY_KIND = frozenset({Event.APPLICATION, Event.WITHDRAWAL, Event.DEATH})


class DeadlineStatus(models.TextChoices):
    """14日以内 (則1条の4, 3条, 4条, 6条の2): the day 14 reading and a last day on a closed day are DOUBT (§3.5),
    shown 「要確認」; which of the two is said by the filing's doubts (day14 / closed_day)."""

    ON_TIME = "on_time", _("期限内")
    LATE = "late", _("期限後 (遅延)")
    UNDECIDED = "undecided", _("要確認")
    NOT_APPLICABLE = "not_applicable", _("期限なし (申出)")


class Route(models.TextChoices):
    """任意加入の根拠 (法附則5条1項各号, 平16法附則23条1項各号)."""

    NONE = "", "―"
    OLD_AGE_BENEFICIARY = "old_age_beneficiary", _("20〜59歳の老齢給付等受給権者 (附則5条1項1号)")
    AGE60_64 = "age60_64", _("60〜64歳 (附則5条1項2号)")
    ABROAD = "abroad", _("海外在住の日本国籍者 20〜64歳 (附則5条1項3号)")
    SPECIAL_ELDERLY = "special_elderly", _("特例高齢 65〜69歳 (平16法附則23条1項)")


class PaymentMethod(models.TextChoices):
    """附則5条2項, 平16法附則23条2項: 口座振替, or a 正当な事由 of 則2条の2."""

    NONE = "", "―"
    ACCOUNT = "account", _("口座振替")
    NO_ACCOUNT = "no_account", _("預貯金口座がない (則2条の2第1号)")
    PREPAY = "prepay", _("資格喪失までの保険料を前納する (則2条の2第2号)")
    OTHER_REASON = "other_reason", _("その他の正当な事由 (則2条の2第3号)")


class QualificationFiling(TimeStampedModel):
    """One 届出 or 申出 as taken at the counter (or answering a 勧奨), with what the rules computed from it.
    Approval changes nothing in 資格情報; 機構's 承認 writes the history row (cases/qualification/results.py)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="qualification"
    )
    kind = models.CharField(_("届出の種類"), max_length=30, choices=FilingKind.choices)
    event = models.CharField(_("事由"), max_length=40, choices=Event.choices)
    event_date = models.DateField(_("事由発生日"), null=True, blank=True)
    # The day the person filed (届出日). Empty for a 勧奨 case until the person comes.
    filed_on = models.DateField(_("届出日"), null=True, blank=True)
    solicited = models.BooleanField(_("勧奨による案件"), default=False)
    # --- what the rules computed (cases/qualification/compute.py) ---
    effective_on = models.DateField(_("資格の取得・喪失・変更日"), null=True, blank=True)
    effective_basis = models.CharField(_("日付の根拠"), max_length=200, blank=True)
    insured_kind_before = models.CharField(
        _("届出前の種別"), max_length=1, choices=InsuredKind.choices, blank=True
    )
    insured_kind_after = models.CharField(
        _("届出後の種別"), max_length=1, choices=InsuredKind.choices, blank=True
    )
    acquired_reason = models.CharField(
        _("資格取得理由"), max_length=2, choices=AcquisitionReason.choices, blank=True
    )
    lost_reason = models.CharField(_("資格喪失理由"), max_length=2, choices=LossReason.choices, blank=True)
    deadline_on = models.DateField(_("届出期限"), null=True, blank=True)
    deadline_status = models.CharField(
        _("届出期限の判定"), max_length=20, choices=DeadlineStatus.choices, blank=True
    )
    late_reason = models.CharField(_("遅延の理由"), max_length=200, blank=True)
    # --- 任意加入・特例高齢任意加入 ---
    route = models.CharField(_("任意加入の根拠"), max_length=30, choices=Route.choices, blank=True)
    japanese_national = models.BooleanField(_("日本国籍"), default=True)
    old_age_entitled = models.BooleanField(_("老齢給付等の受給権あり"), default=False)
    early_claimed = models.BooleanField(_("老齢基礎年金の繰上げ受給"), default=False)
    paid_months = models.PositiveSmallIntegerField(_("保険料納付済等の月数"), null=True, blank=True)
    payment_method = models.CharField(_("納付方法"), max_length=20, choices=PaymentMethod.choices, blank=True)
    payment_reason = models.CharField(_("口座振替によらない事由"), max_length=200, blank=True)
    # --- 付加年金 ---
    pension_fund_member = models.BooleanField(_("国民年金基金の加入員"), default=False)
    paid_through = models.DateField(_("納付済・前納済の最終月"), null=True, blank=True)
    additional_month = models.DateField(
        _("付加の開始月・終了月"),
        null=True,
        blank=True,
        help_text=_("申出: 付加保険料を納付する最初の月。辞退: 納付しなくなる最初の月 (月の1日で保存)"),
    )
    # 「要確認」: the DOUBT points of the rule sheet met by this filing, [{code, text}] (never decided here);
    # `text` a stored Text (cases/qualification/texts.py), worded for each reader: `doubts_shown`
    doubts = models.JSONField(_("要確認の事項"), default=list, blank=True)
    remarks = models.TextField(_("備考"), blank=True)

    class Meta:
        verbose_name = _("資格届出")
        verbose_name_plural = _("資格届出")

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"

    @property
    def doubts_shown(self) -> list[str]:
        """The 「要確認」 points in the active language (a document renders in Japanese)."""
        return doubts_shown(self.doubts)

    @property
    def is_additional(self) -> bool:
        return self.kind in (FilingKind.ADDITIONAL, FilingKind.ADDITIONAL_WITHDRAWAL)


class QualificationRuleSet(models.Model):
    """Cut-offs and DOUBT choices the qualification rules read, in force from `valid_from` until the next
    row's (rules-disability-qualification.md §3.3, §3.5: keep them in reference data, not in code)."""

    valid_from = models.DateField(_("適用開始日"), unique=True)
    params = models.JSONField(_("パラメータ"))
    source = models.TextField(_("根拠・備考"), blank=True)

    class Meta:
        verbose_name = _("資格届出の参照データ")
        verbose_name_plural = _("資格届出の参照データ")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from}〜"
