"""Column types of an extract (docs/formats/): each checks a whole column at once, and walks it value by
value only when that quick check fails, to say which line is wrong and why."""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_noop

from cases.common.freetext import contains_mynumber_like
from cases.common.identifiers.kana import katakana, katakana_each
from cases.common.identifiers.mynumber import mynumber_normalize
from cases.common.identifiers.pension_no import pension_no_normalize
from cases.registry.imports.errors import RowError, message, shown

FIRST_YEAR = 1868  # 明治元年: anything earlier in a registry extract is a typing mistake.


class Column:
    """One CSV column: its Japanese header, the model field it fills, and how to check it."""

    # True when a valid value is stored exactly as written (no conversion): a settled row's text
    # then stands for its value (validation.validate_columns).
    as_written = False

    def __init__(self, name: str, field: str, *, required: bool = False, header_optional: bool = False):
        self.name = name
        self.field = field
        self.required = required
        self.header_optional = header_optional

    def convert(self, values: list[str], lines: Sequence[int], errors: list[RowError]) -> list:
        converted = None
        if not self.required or all(values):
            converted = self.fast(values)
        if converted is None:
            converted = [self._one(value, line, errors) for value, line in zip(values, lines, strict=True)]
        return converted

    def fast(self, values: list[str]) -> list | None:
        """The converted column, or None when some value needs a closer look."""
        raise NotImplementedError

    def one(self, value: str) -> tuple[Any, str | None]:
        """(converted value, error message or None) for one non-blank value."""
        raise NotImplementedError

    def blank_value(self) -> Any:
        return ""

    def _one(self, value: str, line: int, errors: list[RowError]) -> Any:
        if not value:
            if self.required:
                errors.append(
                    RowError(line, self.name, message(gettext_noop("値がありません (必須項目です)")))
                )
            return self.blank_value()
        converted, problem = self.one(value)
        if problem:
            errors.append(RowError(line, self.name, problem))
        return converted


# Bytes other than ASCII digits and NUL (the values' separator below), deleted to count digits.
_NOT_DIGIT = bytes(b for b in range(256) if b not in b"0123456789\x00")
_FULL_WIDTH_DIGITS = [(chr(0xFF10 + n).encode(), str(n).encode()) for n in range(10)]


def _mynumber_suspects(values: list[str]) -> list[str]:
    """The values holding 12 digits or more (ASCII or full-width, the digits a registry extract holds),
    the only ones that may hold a 個人番号: counted in C over the whole column (a regular expression
    over 300,000 addresses took 0.45 s, this 0.18 s)."""
    joined = "\x00".join(values).encode()
    for wide, narrow in _FULL_WIDTH_DIGITS:
        joined = joined.replace(wide, narrow)
    digits = joined.translate(None, _NOT_DIGIT).split(b"\x00")
    return [values[i] for i, found in enumerate(digits) if len(found) >= 12]


class Text(Column):
    as_written = True

    def __init__(self, name: str, field: str, *, max_length: int, digits: bool = False, **kwargs):
        super().__init__(name, field, **kwargs)
        self.max_length = max_length
        self.digits = digits

    def fast(self, values: list[str]) -> list | None:
        if values and max(map(len, values)) > self.max_length:
            return None
        if self.digits:
            joined = "".join(values)
            if joined and not (joined.isascii() and joined.isdigit()):
                return None
        elif any(contains_mynumber_like(value) for value in _mynumber_suspects(values)):
            return None
        return values

    def one(self, value: str) -> tuple[Any, str | None]:
        if self.digits and not (value.isascii() and value.isdigit()):
            return value, message(gettext_noop("%(value)sは半角数字で入力してください"), value=shown(value))
        if not self.digits and contains_mynumber_like(value):
            # A name, an address or a 続柄 holding a 個人番号 would show it in plain on every screen that
            # shows the person; the number goes in its own, encrypted column only. Never repeated here.
            return value, message(
                gettext_noop(
                    "個人番号と思われる12桁の番号があります。個人番号は「個人番号」の列にだけ書いてください"
                )
            )
        if len(value) > self.max_length:
            return value, message(
                gettext_noop("%(max)d文字以内で入力してください (%(length)d文字あります)"),
                max=self.max_length,
                length=len(value),
            )
        return value, None


# Katakana (full and half width), hiragana, spaces and the middle dot: what a カナ氏名 may hold.
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff61-\uff9f \u3000]*")


class Kana(Text):
    """A カナ氏名: stored in katakana (hiragana turned into it, as every カナ name is stored), so a row
    written in hiragana is not stored as written."""

    as_written = False

    def fast(self, values: list[str]) -> list | None:
        if not _KANA.fullmatch("".join(values)):
            return None
        checked = super().fast(values)
        return None if checked is None else katakana_each(checked)

    def one(self, value: str) -> tuple[Any, str | None]:
        if not _KANA.fullmatch(value):
            return value, message(gettext_noop("%(value)sにカナ以外の文字があります"), value=shown(value))
        checked, problem = super().one(value)
        return katakana(checked), problem


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ISO_DATE_COLUMN = re.compile(r"(?:\d{4}-\d{2}-\d{2})?(?:,(?:\d{4}-\d{2}-\d{2})?)*", re.ASCII)


class Date(Column):
    def __init__(self, name: str, field: str, *, not_future: bool = False, **kwargs):
        super().__init__(name, field, **kwargs)
        self.not_future = not_future

    def blank_value(self) -> Any:
        return None

    def fast(self, values: list[str]) -> list | None:
        # One regex over the whole column; fromisoformat then rejects impossible days (02-30) and
        # anything the joined pattern let through (a value that itself contains a comma).
        if not _ISO_DATE_COLUMN.fullmatch(",".join(values)):
            return None
        parse = date.fromisoformat
        try:
            if all(values):
                dates = list(map(parse, values))
                present = dates
            else:
                dates = [parse(v) if v else None for v in values]
                present = [d for d in dates if d is not None]
        except ValueError:
            return None
        if present:
            if min(present).year < FIRST_YEAR:
                return None
            if self.not_future and max(present) > timezone.localdate():
                return None
        return dates

    def one(self, value: str) -> tuple[Any, str | None]:
        if not _ISO_DATE.fullmatch(value):
            return None, message(
                gettext_noop("%(value)sは日付の形式ではありません (YYYY-MM-DD)"), value=shown(value)
            )
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            return None, message(
                gettext_noop("%(value)sは日付として正しくありません (YYYY-MM-DD)"), value=shown(value)
            )
        if parsed.year < FIRST_YEAR:
            return None, message(
                gettext_noop("%(value)sは%(year)d年より前の日付です"), value=shown(value), year=FIRST_YEAR
            )
        if self.not_future and parsed > timezone.localdate():
            return None, message(gettext_noop("%(value)sは未来の日付です"), value=shown(value))
        return parsed, None


def _grouped(number: int) -> str:
    """Amounts with thousands separators; years stay as they are written."""
    return f"{number:,}" if number >= 10_000 else str(number)


class Integer(Column):
    """A non-negative whole number in half-width digits. Blank means ``blank`` unless required."""

    def __init__(self, name: str, field: str, *, maximum: int, minimum: int = 0, blank: int = 0, **kwargs):
        super().__init__(name, field, **kwargs)
        self.minimum = minimum
        self.maximum = maximum
        self.blank = blank

    def blank_value(self) -> Any:
        return self.blank

    def fast(self, values: list[str]) -> list | None:
        distinct = set(values)
        if len(distinct) * 8 < len(values):
            # Mostly repeats (deductions are usually 0): check and convert each distinct text once.
            numbers_of = {}
            for text in distinct:
                if not text:
                    numbers_of[text] = self.blank
                elif text.isascii() and text.isdigit() and len(text) <= 30:
                    numbers_of[text] = int(text)
                else:
                    return None
            found = numbers_of.values()
            if min(found) < self.minimum or max(found) > self.maximum:
                return None
            return list(map(numbers_of.__getitem__, values))
        joined = "".join(values)
        if joined and not (joined.isascii() and joined.isdigit()):
            return None
        try:
            if all(values):
                numbers = list(map(int, values))
            else:
                blank = self.blank
                numbers = [int(v) if v else blank for v in values]
        except ValueError:  # thousands of digits: over Python's int conversion limit
            return None
        if numbers and (min(numbers) < self.minimum or max(numbers) > self.maximum):
            return None
        return numbers

    def one(self, value: str) -> tuple[Any, str | None]:
        if not (value.isascii() and value.isdigit()):
            return None, message(
                gettext_noop("%(value)sは0以上の整数 (半角数字、カンマなし) で入力してください"),
                value=shown(value),
            )
        number = int(value) if len(value) <= 30 else None
        if number is None or not self.minimum <= number <= self.maximum:
            return None, message(
                gettext_noop("%(value)sは%(min)s〜%(max)sの範囲で入力してください"),
                value=shown(value),
                min=_grouped(self.minimum),
                max=_grouped(self.maximum),
            )
        return number, None


class Choice(Column):
    """A code from a fixed list; ``codes`` maps each code to the value stored."""

    def __init__(self, name: str, field: str, *, codes: dict[str, Any], blank: Any = "", **kwargs):
        super().__init__(name, field, **kwargs)
        self.codes = codes
        self.blank = blank
        self._lookup = {**codes, "": blank}

    def blank_value(self) -> Any:
        return self.blank

    def fast(self, values: list[str]) -> list | None:
        lookup = self._lookup
        if not set(values) <= lookup.keys():
            return None
        return list(map(lookup.__getitem__, values))

    def one(self, value: str) -> tuple[Any, str | None]:
        if value in self.codes:
            return self.codes[value], None
        return None, message(
            gettext_noop("%(value)sはコードとして正しくありません (使えるコード: %(codes)s)"),
            value=shown(value),
            codes=", ".join(self.codes),
        )


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
