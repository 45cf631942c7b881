from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.uploads import CsvFileField
from cases.registry.models.imports import ImportBatch

# A full 住民記録 extract of a city of 100万 people is about 200 MB.
MAX_UPLOAD_BYTES = 400 * 1024 * 1024


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=ImportBatch.Kind.choices)
    file = CsvFileField(
        label=_("CSV ファイル"),
        help_text=_("UTF-8 (BOM 可) または Shift_JIS (CP932)"),
        max_bytes=MAX_UPLOAD_BYTES,
    )
