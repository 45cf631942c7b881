from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office


class AuditFilterForm(forms.Form):
    """Every filter takes what the list shows (issue 11): names, not ids."""

    username = forms.CharField(label=_("職員 (ユーザーID または氏名)"), max_length=150, required=False)
    office = forms.ChoiceField(label=_("事務所"), required=False)
    atena_no = forms.CharField(label=_("対象者 (宛名番号)"), max_length=20, required=False)
    case_number = forms.CharField(label=_("整理番号"), max_length=20, required=False)
    action = forms.ChoiceField(
        label=_("操作"), choices=[("", _("すべて")), *AuditAction.choices], required=False
    )
    # A reveal resting only on a case the revealing clerk received (the counter's own intake): allowed,
    # but one clerk alone made its basis, so the auditor reviews these (cases/registry/mynumber.py).
    self_received_basis = forms.BooleanField(
        label=_("自分で受け付けた案件を根拠とする個人番号の表示"), required=False
    )
    date_from = WarekiDateField(label=_("期間 (開始日)"), required=False)
    date_to = WarekiDateField(label=_("期間 (終了日)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [("", _("すべて")), *Office.objects.values_list("code", "name")]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("終了日は開始日以降にしてください。"))
        return data
