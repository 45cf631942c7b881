"""基礎年金番号: 10 digits shown as 4-6 (記号・番号). No public check digit exists (domain.md §5.2)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.identifiers.digits import normalize_digits


def pension_no_normalize(value: str) -> str:
    digits = normalize_digits(value or "")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            _("基礎年金番号は10桁の数字で入力してください (例: 1234-567890)。"), code="pension_no"
        )
    return digits


def pension_no_display(value: str | None) -> str:
    if not value:
        return ""
    return f"{value[:4]}-{value[4:]}"
