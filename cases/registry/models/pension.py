from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from cases.common.codes import (
    AcquisitionReason,
    AdditionalKind,
    Decision,
    ExemptionEndReason,
    ExemptionKind,
    ExemptionReason,
    InsuredKind,
    LossReason,
    StatutoryGround,
)
from cases.common.models import TimeStampedModel


class PensionRecord(TimeStampedModel):
    """年金基本情報. The 個人番号 lives in its own table (MyNumber) so it can be guarded and purged."""

    resident = models.OneToOneField(
        "cases.Resident", verbose_name=_("宛名番号"), on_delete=models.PROTECT, related_name="pension"
    )
    basic_pension_no = models.CharField(_("基礎年金番号"), max_length=10, unique=True, null=True, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    old_pension_no = models.CharField(_("旧年金番号"), max_length=20, blank=True)
    special_notes = models.TextField(_("特記情報"), blank=True)

    class Meta:
        verbose_name = _("年金基本情報")
        verbose_name_plural = _("年金基本情報")

    def __str__(self) -> str:
        return self.basic_pension_no or f"(未付番) {self.resident_id}"


class MyNumber(models.Model):
    """個人番号, encrypted at rest (AES-256-GCM) with a keyed hash for exact lookup."""

    resident = models.OneToOneField(
        "cases.Resident", verbose_name=_("宛名"), on_delete=models.CASCADE, related_name="mynumber"
    )
    ciphertext = models.TextField(_("暗号文"), blank=True)
    key_id = models.CharField(_("鍵ID"), max_length=20, blank=True)
    lookup_hash = models.CharField(_("照合用ハッシュ"), max_length=64, null=True, blank=True)
    registered_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    retention_until = models.DateField(_("保存期限"), null=True, blank=True)
    purged_at = models.DateTimeField(_("消去日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("個人番号")
        verbose_name_plural = _("個人番号")
        permissions = [("use_mynumber", "個人番号利用事務 (検索・表示)")]
        # A constraint, not unique=True: the hash is only ever looked up whole (see Resident.Meta).
        constraints = [
            models.UniqueConstraint(
                fields=["lookup_hash"],
                name="mynumber_lookup_hash_key",
                violation_error_message=_("この個人番号は既に別の方に登録されています。"),
            )
        ]

    def __str__(self) -> str:
        return "個人番号 (消去済)" if self.purged_at else "個人番号 ●●●●●●●●●●●●"


class Qualification(models.Model):
    """資格情報: one period of membership."""

    pension = models.ForeignKey(
        PensionRecord, verbose_name=_("基礎年金番号"), on_delete=models.CASCADE, related_name="qualifications"
    )
    insured_kind = models.CharField(_("被保険者種別"), max_length=1, choices=InsuredKind.choices)
    acquired_on = models.DateField(_("資格取得日"))
    acquired_filed_on = models.DateField(_("資格取得届出日"), null=True, blank=True)
    acquired_reason = models.CharField(_("資格取得理由"), max_length=2, choices=AcquisitionReason.choices)
    lost_on = models.DateField(_("資格喪失日"), null=True, blank=True)
    lost_filed_on = models.DateField(_("資格喪失届出日"), null=True, blank=True)
    lost_reason = models.CharField(_("資格喪失理由"), max_length=2, choices=LossReason.choices, blank=True)
    elderly_voluntary = models.BooleanField(_("高齢任意加入"), default=False)
    # When the row last changed: the 住基 transfer sends what changed since the previous one.
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True, db_default=Now(), db_index=True)

    class Meta:
        verbose_name = _("資格情報")
        verbose_name_plural = _("資格情報")
        ordering = ["pension", "acquired_on"]
        indexes = [models.Index(fields=["pension", "acquired_on"], name="qualification_period_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(lost_on__isnull=True) | Q(lost_on__gte=F("acquired_on")),
                name="qualification_loss_after_acquisition",
                violation_error_message=_("資格喪失日は資格取得日以降にしてください。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_insured_kind_display()} {self.acquired_on}〜{self.lost_on or ''}"


class AdditionalPension(models.Model):
    """付加年金情報."""

    pension = models.ForeignKey(
        PensionRecord, verbose_name=_("基礎年金番号"), on_delete=models.CASCADE, related_name="additional"
    )
    kind = models.CharField(_("付加種別"), max_length=1, choices=AdditionalKind.choices)
    joined_on = models.DateField(_("付加加入日"))
    joined_filed_on = models.DateField(_("付加加入届出日"), null=True, blank=True)
    left_on = models.DateField(_("付加脱退日"), null=True, blank=True)
    left_filed_on = models.DateField(_("付加脱退届出日"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True, db_default=Now(), db_index=True)

    class Meta:
        verbose_name = _("付加年金情報")
        verbose_name_plural = _("付加年金情報")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="additional_leave_after_join",
                violation_error_message=_("付加脱退日は付加加入日以降にしてください。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.joined_on}〜{self.left_on or ''}"


class Exemption(TimeStampedModel):
    """免除情報: one exemption (or deferral) as received, sent and decided."""

    pension = models.ForeignKey(
        PensionRecord, verbose_name=_("基礎年金番号"), on_delete=models.PROTECT, related_name="exemptions"
    )
    received_on = models.DateField(_("受付日"))
    kind = models.CharField(_("免除種類"), max_length=20, choices=ExemptionKind.choices)
    start_on = models.DateField(_("免除該当日"))
    reason = models.CharField(_("免除該当理由"), max_length=2, choices=ExemptionReason.choices)
    end_on = models.DateField(_("免除終了日"), null=True, blank=True)
    end_reason = models.CharField(
        _("免除消滅理由"), max_length=2, choices=ExemptionEndReason.choices, blank=True
    )
    sent_on = models.DateField(_("送付日"), null=True, blank=True)
    decision = models.CharField(_("判定結果"), max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("判定日"), null=True, blank=True)
    is_statutory = models.BooleanField(_("法定免除"), default=False)
    statutory_code = models.CharField(
        _("法定免除コード"), max_length=1, choices=StatutoryGround.choices, blank=True
    )
    reference_no = models.CharField(_("整理番号"), max_length=20, unique=True)
    graduation_month = models.DateField(
        _("学生卒業予定年月"), null=True, blank=True, help_text=_("月の1日で保存")
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("免除情報")
        verbose_name_plural = _("免除情報")
        indexes = [models.Index(fields=["pension", "start_on"], name="exemption_period_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="exemption_end_after_start",
                violation_error_message=_("免除終了日は免除該当日以降にしてください。"),
            ),
            models.CheckConstraint(
                condition=Q(is_statutory=False) | ~Q(statutory_code=""),
                name="exemption_statutory_has_code",
                violation_error_message=_("法定免除には法定免除コードが必要です。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference_no} {self.get_kind_display()}"
