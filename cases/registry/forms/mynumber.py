from django import forms
from django.utils.translation import gettext_lazy as _


class MyNumberRevealForm(forms.Form):
    """Sent by POST only; the number it reveals is shown once on the response and never put in a URL."""

    case = forms.TypedChoiceField(label=_("利用する案件"), coerce=int, required=False, empty_value=None)
    purpose = forms.CharField(
        label=_("利用目的 (案件を選ばない場合は必須)"),
        max_length=200,
        required=False,
        help_text=_("個人番号そのものは書かないでください。"),
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", _("― 案件を選ばない (理由を入力)"))] + [
            (case.pk, f"{case.number} {case.type_label} ({case.get_stage_display()})") for case in cases
        ]
