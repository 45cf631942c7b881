from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_shown


class RecordCorrection(models.Model):
    """One value changed by an approved 訂正請求: the record, the field, old → new. Append-only."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("訂正請求"), on_delete=models.PROTECT, related_name="corrections"
    )
    resident = models.ForeignKey(
        "cases.Resident", verbose_name=_("宛名"), on_delete=models.PROTECT, related_name="corrections"
    )
    record = models.CharField(_("記録"), max_length=40, help_text=_("例: pension / qualification:12"))
    field = models.CharField(_("項目"), max_length=50)
    label = models.CharField(_("記録・項目 (表示)"), max_length=200)
    old_value = models.TextField(_("訂正前"))
    new_value = models.TextField(_("訂正後"))
    # label / old_value / new_value as the system's sentences, worded in each reader's language (screens);
    # the columns above keep the Japanese words the documents print. {} for a value that is the person's
    # own data (shown as stored) and for an old row nothing could be derived from (migration 0060).
    label_text = models.JSONField(_("記録・項目 (文)"), default=dict, blank=True)
    old_value_text = models.JSONField(_("訂正前 (文)"), default=dict, blank=True)
    new_value_text = models.JSONField(_("訂正後 (文)"), default=dict, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("決裁者"), on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField(_("訂正日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("訂正履歴")
        verbose_name_plural = _("訂正履歴")
        ordering = ["applied_at", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.old_value} → {self.new_value}"

    @property
    def label_shown(self) -> str:
        return text_shown(self.label_text, self.label)

    @property
    def old_shown(self) -> str:
        return text_shown(self.old_value_text, self.old_value)

    @property
    def new_shown(self) -> str:
        return text_shown(self.new_value_text, self.new_value)
