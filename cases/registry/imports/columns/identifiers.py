"""個人番号 and 基礎年金番号 columns."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from cases.common.identifiers.mynumber import mynumber_normalize
from cases.common.identifiers.pension_no import pension_no_normalize
from cases.registry.imports.columns.base import Column
from cases.registry.imports.errors import message, shown


def _check_digit_ok(d: bytes) -> bool:
    """mynumber_check_digit in one expression over ASCII codes (47 = sum of the weights, 48 = "0")."""
    remainder = (
        6 * d[0]
        + 5 * d[1]
        + 4 * d[2]
        + 3 * d[3]
        + 2 * d[4]
        + 7 * d[5]
        + 6 * d[6]
        + 5 * d[7]
        + 4 * d[8]
        + 3 * d[9]
        + 2 * d[10]
        - 48 * 47
    ) % 11
    return (0 if remainder <= 1 else 11 - remainder) == d[11] - 48


class MyNumberColumn(Column):
    """個人番号: normalised to 12 ASCII digits. Messages never repeat the value."""

    # Stored normalised: a settled row's number was written as 12 ASCII digits (its lookup hash matched).
    as_written = True

    def fast(self, values: list[str]) -> list | None:
        # The common case is 12 ASCII digits; anything else goes through mynumber_normalize.
        joined = "".join(values)
        if joined and not (joined.isascii() and joined.isdigit()):
            return None
        for value in values:
            if value and (len(value) != 12 or not _check_digit_ok(value.encode())):
                return None
        return values

    # mynumber_normalize's messages by code, kept so that a stored error is worded for its reader.
    MESSAGES = {
        "mynumber_format": gettext_noop("個人番号は12桁の数字で入力してください。"),
        "mynumber_check_digit": gettext_noop(
            "個人番号の検査用数字 (12桁目) が一致しません。番号を確認してください。"
        ),
    }

    def one(self, value: str) -> tuple[Any, str | None]:
        try:
            return mynumber_normalize(value), None
        except ValidationError as exc:
            if exc.code in self.MESSAGES:
                return "", message(self.MESSAGES[exc.code])
            return "", " ".join(exc.messages)


class PensionNo(Column):
    """基礎年金番号: 10 digits, with or without the hyphen (1234-567890). The files from 機構 and the
    勧奨 lists carry it; the city's own extracts do not."""

    def fast(self, values: list[str]) -> list | None:
        if all(not value or (len(value) == 10 and value.isascii() and value.isdigit()) for value in values):
            return values
        return None

    def one(self, value: str) -> tuple[Any, str | None]:
        try:
            return pension_no_normalize(value), None
        except ValidationError:
            return "", message(
                gettext_noop("%(value)sは基礎年金番号 (10桁の数字) ではありません"), value=shown(value)
            )
