from django.conf import settings
from django.db import models

from .base import TimeStampedModel


class Requester(models.TextChoices):
    SELF = "self", "本人"
    AGENT = "agent", "代理人"


class ResidentRequest(TimeStampedModel):
    """開示・訂正・利用停止請求: what a person (or their agent) asked about the records held on them,
    how the desk handled it and when the requester was answered. The target person is the case's
    resident."""

    case = models.OneToOneField(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="resident_request"
    )
    requester = models.CharField("請求者", max_length=10, choices=Requester.choices)
    agent_name = models.CharField("代理人氏名", max_length=100, blank=True)
    agent_relationship = models.CharField("代理人の資格", max_length=50, blank=True)
    identity_documents = models.JSONField("本人確認書類", default=list, blank=True)
    identity_note = models.CharField("本人確認の備考", max_length=200, blank=True)
    content = models.TextField("請求の内容")

    # 対応
    granted = models.BooleanField("請求に応じる", null=True, blank=True)
    handling_note = models.TextField("対応の内容", blank=True)
    refusal_reason = models.TextField("応じない理由", blank=True)
    correction_record = models.CharField("訂正する記録", max_length=40, blank=True)
    correction_field = models.CharField("訂正する項目", max_length=50, blank=True)
    correction_label = models.CharField("訂正する記録・項目 (表示)", max_length=200, blank=True)
    correction_old_value = models.TextField("訂正前の値", blank=True)
    correction_new_value = models.TextField("訂正後の値", blank=True)
    suspension_scope = models.TextField("停止する利用の範囲", blank=True)

    # 開示: the 個人番号 is printed on the report only after a supervisor approved it here.
    mynumber_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="個人番号の記載を承認した係長",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mynumber_approved_at = models.DateTimeField("個人番号の記載の承認日時", null=True, blank=True)
    mynumber_approval_reason = models.CharField("個人番号を記載する理由", max_length=200, blank=True)

    # 完了
    outcome = models.TextField("結果", blank=True)
    answered_on = models.DateField("請求者へ回答した日", null=True, blank=True)

    class Meta:
        verbose_name = "開示・訂正・利用停止請求"
        verbose_name_plural = "開示・訂正・利用停止請求"

    def __str__(self) -> str:
        return f"{self.case} {self.get_requester_display()}"

    @property
    def mynumber_approved(self) -> bool:
        return self.mynumber_approved_at is not None

    @property
    def identity_document_labels(self) -> list[str]:
        from .exemption_app import IdentityDocument

        return [str(IdentityDocument(code).label) for code in self.identity_documents]


class RecordCorrection(models.Model):
    """One value changed by an approved 訂正請求: the record, the field, old → new. Append-only."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="訂正請求", on_delete=models.PROTECT, related_name="corrections"
    )
    resident = models.ForeignKey(
        "cases.Resident", verbose_name="宛名", on_delete=models.PROTECT, related_name="corrections"
    )
    record = models.CharField("記録", max_length=40, help_text="例: pension / qualification:12")
    field = models.CharField("項目", max_length=50)
    label = models.CharField("記録・項目 (表示)", max_length=200)
    old_value = models.TextField("訂正前")
    new_value = models.TextField("訂正後")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="決裁者", on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField("訂正日時", auto_now_add=True)

    class Meta:
        verbose_name = "訂正履歴"
        verbose_name_plural = "訂正履歴"
        ordering = ["applied_at", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.old_value} → {self.new_value}"
