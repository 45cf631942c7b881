from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.models import TimeStampedModel
from cases.common.texts import text_shown


class ResidentRequest(TimeStampedModel):
    """開示・訂正・利用停止請求: what a person (or their agent) asked about the records held on them,
    how the desk handled it and when the requester was answered. The target person is the case's
    resident."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="resident_request"
    )
    content = models.TextField(_("請求の内容"))

    # 対応
    granted = models.BooleanField(_("請求に応じる"), null=True, blank=True)
    handling_note = models.TextField(_("対応の内容"), blank=True)
    refusal_reason = models.TextField(_("応じない理由"), blank=True)
    correction_record = models.CharField(_("訂正する記録"), max_length=40, blank=True)
    correction_field = models.CharField(_("訂正する項目"), max_length=50, blank=True)
    correction_label = models.CharField(_("訂正する記録・項目 (表示)"), max_length=200, blank=True)
    correction_old_value = models.TextField(_("訂正前の値"), blank=True)
    correction_new_value = models.TextField(_("訂正後の値"), blank=True)
    # The same, kept as the system's sentences (cases/common/texts.py) and worded in each reader's
    # language: which record and field, and a value that is a code's label, a date or blank. {} for a
    # value that is the person's own data, shown as stored above (correction_new_value holds the code).
    correction_label_text = models.JSONField(_("訂正する記録・項目 (文)"), default=dict, blank=True)
    correction_old_value_text = models.JSONField(_("訂正前の値 (文)"), default=dict, blank=True)
    correction_new_value_text = models.JSONField(_("訂正後の値 (文)"), default=dict, blank=True)
    suspension_scope = models.TextField(_("停止する利用の範囲"), blank=True)

    # 開示: the 個人番号 is printed on the report only after a supervisor approved it here.
    mynumber_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("個人番号の記載を承認した係長"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mynumber_approved_at = models.DateTimeField(_("個人番号の記載の承認日時"), null=True, blank=True)
    mynumber_approval_reason = models.CharField(_("個人番号を記載する理由"), max_length=200, blank=True)

    # 完了
    outcome = models.TextField(_("結果"), blank=True)
    answered_on = models.DateField(_("請求者へ回答した日"), null=True, blank=True)

    class Meta:
        verbose_name = _("開示・訂正・利用停止請求")
        verbose_name_plural = _("開示・訂正・利用停止請求")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def mynumber_approved(self) -> bool:
        return self.mynumber_approved_at is not None

    @property
    def correction_label_shown(self) -> str:
        return text_shown(self.correction_label_text, self.correction_label)

    @property
    def correction_old_shown(self) -> str:
        return text_shown(self.correction_old_value_text, self.correction_old_value)

    @property
    def correction_new_shown(self) -> str:
        return text_shown(self.correction_new_value_text, self.correction_new_value)
