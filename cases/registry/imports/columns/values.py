"""Dates, whole numbers and codes."""

import re
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

from cases.registry.imports.columns.base import Column
from cases.registry.imports.errors import message, shown

FIRST_YEAR = 1868  # 明治元年: anything earlier in a registry extract is a typing mistake.


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
