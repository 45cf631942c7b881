from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.common.freetext import FreeTextField
from cases.common.identifiers.mynumber import mynumber_normalize
from cases.common.identifiers.pension_no import pension_no_normalize
from cases.common.kana_fields import KanaSearchField
from cases.kernel.casetypes import casetype_specs
from cases.kernel.models import CaseType
from cases.registry.models.reveals import RevealPurpose
from cases.security.drafts import NOT_KEPT


class ApplicantSearchForm(forms.Form):
    kana = KanaSearchField(label=_("カナ氏名 (前方一致)"), max_length=100, required=False)
    kanji = forms.CharField(label=_("漢字氏名 (前方一致)"), max_length=100, required=False)
    birth_date = WarekiDateField(label=_("生年月日"), required=False)
    atena_no = forms.CharField(label=_("宛名番号"), max_length=20, required=False)
    pension_no = forms.CharField(label=_("基礎年金番号"), max_length=12, required=False)

    def clean_pension_no(self):
        # Checked here as well as by the search, so that a malformed number is said on its own box
        # (aria-invalid, the cursor) instead of above the form with the cursor in カナ氏名.
        number = self.cleaned_data["pension_no"]
        return pension_no_normalize(number) if number.strip() else number


class MyNumberSearchForm(forms.Form):
    """Sent by POST only: the number must never appear in a URL or an access log."""

    # Never in the tab's kept draft either (番号法): a form sent after the session ended is kept for after
    # the login without it.
    number = forms.CharField(
        label=_("個人番号"), max_length=20, widget=forms.PasswordInput(render_value=False, attrs=NOT_KEPT)
    )
    # The number-use work it is for, from the same list as a reveal (番号法9条); a note for 「その他」.
    purpose = forms.ChoiceField(label=_("利用目的"), choices=[("", "―"), *RevealPurpose.choices])
    note = FreeTextField(label=_("備考 (「その他」の場合は必須)"), max_length=200, required=False)

    def clean_number(self):
        # Checked here as well as by the search, so that a malformed number marks its own box
        # (aria-invalid, the cursor) instead of standing above the form.
        return mynumber_normalize(self.cleaned_data["number"])


class CaseSearchForm(forms.Form):
    number = forms.CharField(
        label=_("整理番号"),
        max_length=20,
        required=False,
        help_text=_("「26」「2026-26」や全角でも探せます"),
    )
    kana = KanaSearchField(label=_("カナ氏名"), max_length=100, required=False)
    kanji = forms.CharField(label=_("漢字氏名 (前方一致)"), max_length=100, required=False)
    case_type = forms.ChoiceField(label=_("種別"), required=False)
    stage = forms.ChoiceField(label=_("段階"), required=False)
    office = forms.ChoiceField(label=_("受付事務所"), required=False)
    received_from = WarekiDateField(label=_("受付日 (から)"), required=False)
    received_to = WarekiDateField(label=_("受付日 (まで)"), required=False)

    def __init__(self, *args, stages=(), offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # 種別 also lists the residents' 開示・訂正・利用停止請求: the request list is this search.
        # Every registered type (a new one is searchable without touching this form).
        known = list(CaseType.values)  # the built-in types in their usual order, then any other
        rank = lambda spec: (known.index(spec.code) if spec.code in known else len(known), spec.code)  # noqa: E731
        types = [(spec.code, spec.label) for spec in sorted(casetype_specs(), key=rank)]
        self.fields["case_type"].choices = [("", _("すべて")), *types]
        self.fields["stage"].choices = [("", _("すべて")), *stages]
        self.fields["office"].choices = [("", _("すべて"))] + [(o.pk, o.name) for o in offices]
        if not offices:
            del self.fields["office"]  # a clerk sees only their own office

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("受付日の範囲は「から」より後の日付を「まで」にしてください。"))
        return data
