"""個人番号 (My Number): 11 digits plus a check digit (平成26年総務省令第85号, domain.md §5.1)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.identifiers.digits import normalize_digits

# Weights for the 11 base digits read left to right.
_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


_WEIGHT_SUM_OF_ZEROS = 48 * sum(_WEIGHTS)  # "0" is ASCII 48


def mynumber_check_digit(base: str) -> int:
    if len(base) != 11 or not base.isascii() or not base.isdigit():
        raise ValueError("base must be 11 ASCII digits")
    # Spelled out over the ASCII codes: imports and the demo compute it for 300,000 numbers.
    d = base.encode()
    weighted = 6 * d[0] + 5 * d[1] + 4 * d[2] + 3 * d[3] + 2 * d[4] + 7 * d[5]
    weighted += 6 * d[6] + 5 * d[7] + 4 * d[8] + 3 * d[9] + 2 * d[10]
    remainder = (weighted - _WEIGHT_SUM_OF_ZEROS) % 11
    return 0 if remainder <= 1 else 11 - remainder


def mynumber_normalize(value: str) -> str:
    """Returns the 12 ASCII digits, or raises ValidationError with a Japanese message."""
    digits = normalize_digits(value or "")
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        raise ValidationError(_("個人番号は12桁の数字で入力してください。"), code="mynumber_format")
    if mynumber_check_digit(digits[:11]) != int(digits[11]):
        raise ValidationError(
            _("個人番号の検査用数字 (12桁目) が一致しません。番号を確認してください。"),
            code="mynumber_check_digit",
        )
    return digits


def mynumber_is_valid(value: str) -> bool:
    try:
        mynumber_normalize(value)
    except ValidationError:
        return False
    return True


def mynumber_masked(registered: bool) -> str:
    """Never shows any digit: even the last four narrow down who a person is. 「未登録」 in the screen's
    language: an English page spoke it with English rules (WCAG 2.0 3.1.2, docs/decisions.md §48)."""
    return "●●●● ●●●● ●●●●" if registered else _("未登録")
