"""The papers a case needs (ChecklistItem) and where each stands."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.models import TimeStampedModel
from cases.common.texts import label_show, text_render
from cases.kernel.models.case import Case


class ChecklistItem(TimeStampedModel):
    """One paper a case needs (a 診断書, a 離職票 …), with where it stands. The type's spec says which
    papers (`CaseTypeSpec.checklist`); the kernel keeps their state and stops a case at 照合 while a
    required one is neither in hand nor waived by a 係長."""

    class State(models.TextChoices):
        MISSING = "missing", _("未提出")
        REQUESTED = "requested", _("依頼中")
        RECEIVED = "received", _("受領")
        VERIFIED = "verified", _("確認済")
        WAIVED = "waived", _("不要")

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="checklist")
    code = models.CharField(_("書類コード"), max_length=40)
    label = models.CharField(_("書類"), max_length=200)
    # A name with computed parts (the 診断書's window) kept as a sentence (cases/common/texts.py) too, so
    # that each screen words it in its own language; `label` is what documents for 機構 print.
    label_text = models.JSONField(_("書類名 (表示用)"), default=dict, blank=True)
    required = models.BooleanField(_("必須"), default=True)
    position = models.PositiveSmallIntegerField(_("順序"), default=0)
    state = models.CharField(_("状態"), max_length=12, choices=State.choices, default=State.MISSING)
    due_on = models.DateField(_("提出期限"), null=True, blank=True)
    note = models.CharField(_("備考・理由"), max_length=200, blank=True)
    # A note the system writes (「窓口で受領」 at intake) kept as a sentence (cases/common/texts.py), worded
    # in each reader's language; `note` keeps only what a clerk typed, as typed.
    note_text = models.JSONField(_("備考 (表示用)"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("提出書類")
        verbose_name_plural = _("提出書類")
        ordering = ["case", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="checklist_one_item_per_code")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.label}: {self.get_state_display()}"

    @property
    def settled(self) -> bool:
        return self.state in (self.State.RECEIVED, self.State.VERIFIED, self.State.WAIVED)

    @property
    def label_shown(self) -> str:
        """The paper's name in the screen's language: stored in Japanese, its message id (documents for
        機構 print `label`); a name with computed parts is worded from its stored sentence."""
        if self.label_text:
            return text_render(self.label_text.get("code", ""), self.label_text.get("params"))
        return label_show(self.label)

    @property
    def note_shown(self) -> str:
        """The note in the screen's language: the system's sentence, or what a clerk typed, as typed."""
        if self.note_text:
            return text_render(self.note_text.get("code", ""), self.note_text.get("params"))
        return self.note

    @property
    def label_param(self):
        """The name as a timeline parameter of kind "label": the stored sentence when there is one."""
        return self.label_text or self.label
