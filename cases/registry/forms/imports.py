from django import forms
from django.utils.translation import gettext_lazy as _

from cases.registry.models.imports import ImportBatch

# What a spreadsheet or a PDF starts with: such a file is never a CSV, whatever its name says.
_NOT_CSV = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")
# A full 住民記録 extract of a city of 100万 people is about 200 MB.
MAX_UPLOAD_BYTES = 400 * 1024 * 1024


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(label=_("CSV ファイル"), help_text=_("UTF-8 (BOM 可) または Shift_JIS (CP932)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("CSV ファイル (拡張子 .csv) を選んでください。"))
        if not upload.size:
            raise forms.ValidationError(_("ファイルが空です。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("ファイルが大きすぎます (400 MB まで)。"))
        head = upload.read(8)
        upload.seek(0)
        if head.startswith(_NOT_CSV):
            raise forms.ValidationError(
                _("Excel や PDF のファイルは取り込めません。CSV 形式で保存し直してください。")
            )
        return upload
