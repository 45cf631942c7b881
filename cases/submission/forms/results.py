from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.freetext import FreeTextField
from cases.common.uploads import CsvFileField
from cases.submission.models import Discrepancy

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a 10,000-line file is well under 1 MB


class ResultUploadForm(forms.Form):
    file = CsvFileField(
        label=_("処理結果一覧表 (CSV)"),
        help_text=_("UTF-8 または Shift_JIS (CP932)"),
        max_bytes=MAX_UPLOAD_BYTES,
    )


class DiscrepancyFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("未対応")), ("resolved", _("対応済")), ("all", _("すべて"))]

    kind = forms.ChoiceField(
        label=_("種類"), choices=[("", _("すべて")), *Discrepancy.Kind.choices], required=False
    )
    status = forms.ChoiceField(label=_("状態"), choices=STATUS_CHOICES, required=False)


class DiscrepancyResolveForm(forms.Form):
    note = FreeTextField(
        label=_("対応内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("確認したこと・行った対応を記録します (必須)"),
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("対応内容を入力してください。"))
        return note


class ResultUploadDecisionForm(forms.Form):
    """The reason given when a pending upload is rejected (required, checked by the service) or
    withdrawn by its uploader (optional)."""

    reason = FreeTextField(label=_("理由"), max_length=200, required=False)
    # What the page showed (preview_mark), carried back by 反映する and checked by the service, which
    # refuses a missing one too. 8 characters a line.
    shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=8 * 100_000)
