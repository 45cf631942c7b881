"""Free-text columns: checked for a 個人番号 written into them, and カナ氏名."""

import re
from typing import Any

from django.utils.translation import gettext_noop

from cases.common.freetext import contains_mynumber_like
from cases.common.identifiers.kana import katakana, katakana_each
from cases.registry.imports.columns.base import Column
from cases.registry.imports.errors import message, shown

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
