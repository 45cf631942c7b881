"""What the counter recorded for a case: who came and which identity documents were shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.models import TimeStampedModel
from cases.kernel.models.case import Case


class Requester(models.TextChoices):
    SELF = "self", _("本人")
    AGENT = "agent", _("代理人")


class CounterRecord(TimeStampedModel):
    """What happened at the counter, kept once for every case type: who came (本人 or a 代理人, with
    the 委任状) and which identity documents were shown (番号法16条)."""

    case = models.OneToOneField(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="counter"
    )
    requester = models.CharField(
        _("来庁者"), max_length=10, choices=Requester.choices, default=Requester.SELF
    )
    agent_name = models.CharField(_("代理人氏名"), max_length=100, blank=True)
    agent_relationship = models.CharField(_("代理人との関係"), max_length=50, blank=True)
    power_of_attorney = models.BooleanField(_("委任状あり"), default=False)
    identity_documents = models.JSONField(_("本人確認書類"), default=list, blank=True)
    identity_note = models.CharField(_("本人確認の備考"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("窓口の記録")
        verbose_name_plural = _("窓口の記録")

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_requester_display()}"

    @property
    def identity_document_labels(self) -> list[str]:
        from cases.kernel.counter import IdentityDocument

        return [str(IdentityDocument(code).label) for code in self.identity_documents]
