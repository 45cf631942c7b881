from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.freetext import FreeTextField
from cases.registry.income_view import IncomePurpose
from cases.registry.models.reveals import RevealPurpose


class MyNumberRevealForm(forms.Form):
    """Sent by POST only; the number it reveals is shown once on the response and never put in a URL.
    The purpose is chosen from a list (with a note); free text never holds a number."""

    case = forms.TypedChoiceField(label=_("利用する案件"), coerce=int, required=False, empty_value=None)
    purpose = forms.ChoiceField(label=_("利用目的"), choices=[("", "―"), *RevealPurpose.choices])
    note = FreeTextField(
        label=_("備考 (「その他」の場合は必須)"),
        max_length=200,
        required=False,
        help_text=_("個人番号そのものは書かないでください。"),
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", _("― 案件を選ばない"))] + [
            (case.pk, f"{case.number} {case.type_label} ({case.get_stage_display()})") for case in cases
        ]


class RevealDecisionForm(forms.Form):
    """The 係長's answer on /mynumber/approvals/: approve or refuse a request, or lift a suspension."""

    action = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse"), ("lift", "lift")])
    item = forms.IntegerField(min_value=1)


class IncomePurposeForm(forms.Form):
    """「所得情報を表示」 on the resident page: the purpose, and a note for その他 (cases/registry/income_view.py)."""

    purpose = forms.ChoiceField(label=_("利用目的"), choices=[("", "―"), *IncomePurpose.choices])
    note = FreeTextField(label=_("備考 (「その他」の場合は必須)"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("purpose") == IncomePurpose.OTHER and not data.get("note") and "note" not in self.errors:
            self.add_error("note", _("「その他」の場合は備考に目的を書いてください。"))
        return data
