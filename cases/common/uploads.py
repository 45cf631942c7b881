"""The one check every CSV upload screen makes before reading a line (住民記録・所得 imports, 機構's
処理結果一覧表, 勧奨の一覧): a .csv or .txt name, not empty, within the screen's size, and not a
spreadsheet or PDF whatever its name says. Each message names the field's problem in Japanese."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What a spreadsheet, a PDF or a program starts with: such a file is never a CSV.
_NOT_CSV = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"MZ", b"\x7fELF")


class CsvFileField(forms.FileField):
    def __init__(self, *, max_bytes: int, **kwargs):
        super().__init__(**kwargs)
        self.max_bytes = max_bytes
        self.error_messages["empty"] = _("ファイルが空です。")  # Django's own says 「送信された…」

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None:
            return upload
        if not (upload.name or "").lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("CSV ファイル (拡張子 .csv) を選んでください。"))
        if not upload.size:
            raise forms.ValidationError(_("ファイルが空です。"))
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("ファイルが大きすぎます (%(size)s まで)。") % {"size": filesizeformat(self.max_bytes)}
            )
        head = upload.read(8)
        upload.seek(0)
        if head.startswith(_NOT_CSV):
            raise forms.ValidationError(
                _("Excel や PDF のファイルは取り込めません。CSV 形式で保存し直してください。")
            )
        return upload
