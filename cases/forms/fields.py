"""Form fields for Japanese dates: clerks type ISO dates or 和暦 as they appear on paper forms."""

import datetime as dt
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from cases.identifiers.wareki import format_wareki, parse_wareki


class WarekiDateField(forms.DateField):
    """Accepts 2026-11-26, 2026/11/26, 令和8年11月26日, R8.11.26."""

    widget = forms.TextInput(attrs={"placeholder": "例: 令和8年11月26日 / 2026-11-26", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"):
            try:
                return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, not a time
            except ValueError:
                continue
        try:
            return parse_wareki(text)
        except ValidationError as exc:
            raise ValidationError(
                f"「{value}」は日付として読み取れません (例: 令和8年11月26日 / 2026-11-26)。", code="invalid"
            ) from exc

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return format_wareki(value)
        return value


class MonthField(forms.DateField):
    """A month (stored as its first day), typed as 2026-07 or picked with <input type="month">."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for pattern in ("%Y-%m", "%Y/%m", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, pattern).date().replace(day=1)  # noqa: DTZ007
            except ValueError:
                continue
        raise ValidationError(f"「{value}」は年月として読み取れません (例: 2026-07)。", code="invalid")
