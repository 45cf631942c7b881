from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.security.models.audit import AuditAction


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("職員 (ユーザーID)"), max_length=150, required=False)
    atena_no = forms.CharField(label=_("対象者 (宛名番号)"), max_length=20, required=False)
    case_id = forms.IntegerField(label=_("案件ID"), min_value=1, required=False)
    action = forms.ChoiceField(
        label=_("操作"), choices=[("", _("すべて")), *AuditAction.choices], required=False
    )
    date_from = WarekiDateField(label=_("期間 (開始日)"), required=False)
    date_to = WarekiDateField(label=_("期間 (終了日)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("終了日は開始日以降にしてください。"))
        return data
