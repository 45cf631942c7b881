"""Free text never carries a 個人番号 (番号法: the number only where the law's purpose needs it).

A 個人番号 is 12 digits. People type it grouped, in full-width digits, with ideographic spaces,
hyphens or dots between the groups. :func:`mynumber_like_spans` finds every such number: a run of
digit groups joined by up to three separators whose consecutive groups add up to exactly 12 digits
(``5555 6666 7777``, ``５５５５－６６６６－７７７７``, ``555566667777``, ``5555.6666.7777``). A longer
unbroken run (a 13-digit 法人番号) is not a 個人番号 and is left alone. A run glued to a Latin letter is one
of the desk's own identifiers (送付番号 S20260102-1500) unless one of its groups is 12 digits by itself;
digits inside a hex digest (32 or more hex characters, some of them letters) are a hash, not a number.
Kanji numerals count as digits (``二一〇九六〇四〇一一一〇``, 大字 ``壱弐参``): twelve in a row is a number
written out, while the kanji numbers of ordinary text (令和八年十一月二十六日, 二〇二六年, 一条通二丁目) are
short runs, or broken by 十・年・丁目, and never reach 12.

The same rule serves the forms (:func:`validate_no_mynumber`, :class:`FreeTextField`), the
documents' snapshot guard and the operator's PDF check, the log redaction and the login IDs.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MYNUMBER_DIGITS = 12
# Whitespace (incl. U+3000), every hyphen and dash a Japanese keyboard produces, and dots.
_SEPARATORS = r"\s\-‐‑‒–—―−ーｰ－﹣.．・･·"
_INLINE_SEPARATORS = r" \t\u3000\-‐‑‒–—―−ーｰ－﹣.．・･·"
_RUN = re.compile(rf"\d+(?:[{_SEPARATORS}]{{1,3}}\d+)*")
_INLINE_RUN = re.compile(rf"\d+(?:[{_INLINE_SEPARATORS}]{{1,3}}\d+)*")
_LETTER = re.compile(r"[A-Za-z]")
# A hash printed in hex (the audit chain's SHA-256, a file's digest): 32 or more hex characters with
# at least one letter. About one SHA-256 in thirty holds a run of exactly 12 digits by chance.
_HEX_DIGEST = re.compile(r"(?<![0-9A-Za-z])(?=[0-9]*[a-fA-F])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
# A UUID (Celery's task ids in the worker's log): its first two groups are all digits in about one id
# in a hundred, which reads as 8 + 4 digits. Never a number anyone typed: its five groups are fixed.
_UUID = re.compile(
    r"(?<![0-9A-Za-z-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z-])"
)
_GROUP = re.compile(r"\d+")
# Kanji numerals read as digits, one character for one so that spans stay valid in the text as typed.
# Positional ones (十, 百, 千, 拾) are not digits: 「二十六」 is 26, not three digits.
_KANJI_DIGITS = str.maketrans("〇零一壱壹二弐貳三参參四肆五伍六陸七漆八捌九玖", "00111222333445566778899")
# A date among digit groups (「前回申請 2025.07.01 2026.06.30」: 4+2+2+4 across the space) is one date, not
# groups of a number: a 西暦 year 18xx–20xx, or a 和暦 year after an era's name or letter (令和7.07.01,
# R7.07.01), then a month 1–12 and a day 1–31 behind the same separator twice. Not a date when that
# separator and more digits go on (2025-07-01-2026 is 12 digits) or come before it.
_DATE = re.compile(
    r"(?:(?<!\d)(?:18|19|20)\d\d|(?:(?<=明治|大正|昭和|平成|令和)|(?<=[MTSHRmtshr]))\d{1,2}(?!\d))"
    r"(?P<sep>[./-])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])(?!\d)(?!(?P=sep)\d)"
)
# Full-width digits and separators read as ASCII for the date test only (one character for one).
_ASCII_DATE = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")

MYNUMBER_IN_TEXT = _(
    "個人番号 (12桁の数字) と思われる番号が含まれています。自由記述欄には個人番号を書かないでください。"
    "運転免許証番号など他の12桁の番号も個人番号と見分けられないため書けません (書類の種類の記録で足ります)。"
)
# Half-width katakana (ｱｲｳ, ﾊﾟ): printed on 機構's forms they read badly (ﾉ looks like /). Only this block
# is widened; NFKC on the whole text would also change names' own characters (﨑 → 崎).
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")


def halfwidth_kana_widen(text: str) -> str:
    """ｵｶﾓﾄ ｱﾔ → オカモト アヤ (voiced marks joined: ﾊﾟ → パ); everything else as typed."""
    return _HALFWIDTH_KANA.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text or "")


# The length of a free-text field when a form does not say otherwise (a screen's worth of text).
FREE_TEXT_MAX_LENGTH = 1000


def mynumber_like_spans(text: str, *, inline: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every 12-digit number in ``text``. ``inline``: separators within a line only
    (text extracted from a PDF, where a line break separates table cells, not digit groups)."""
    spans = []
    text = (text or "").translate(_KANJI_DIGITS)
    digests = [match.span() for pattern in (_HEX_DIGEST, _UUID) for match in pattern.finditer(text)]
    for run in (_INLINE_RUN if inline else _RUN).finditer(_dates_masked(text)):
        if any(start <= run.start() and run.end() <= end for start, end in digests):
            continue  # part of a hex digest or a UUID, not a number anyone typed
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP.finditer(run.group())]
        lengths = [end - start for start, end in groups]
        glued = (run.start() > 0 and _LETTER.match(text, run.start() - 1)) or _LETTER.match(text, run.end())
        if glued:
            # Glued to a Latin letter: an identifier of ours (送付番号 S20260102-1500) unless one of its
            # groups is itself 12 digits.
            spans += [
                group for group, length in zip(groups, lengths, strict=True) if length == MYNUMBER_DIGITS
            ]
            continue
        for first in range(len(groups)):
            total = 0
            for last in range(first, len(groups)):
                total += lengths[last]
                if total == MYNUMBER_DIGITS:
                    spans.append((groups[first][0], groups[last][1]))
                if total >= MYNUMBER_DIGITS:
                    break
    return spans


def _dates_masked(text: str) -> str:
    """``text`` with every date's characters replaced by "#" (same length, so spans stay valid)."""
    ascii_text = text.translate(_ASCII_DATE)
    for match in _DATE.finditer(ascii_text):
        start, end = match.span()
        if start > 1 and ascii_text[start - 1] == match["sep"] and ascii_text[start - 2].isdigit():
            continue  # 1234.2025.07.01: the groups go on before it
        text = text[:start] + "#" * (end - start) + text[end:]
    return text


def contains_mynumber_like(text: str, *, inline: bool = False) -> bool:
    return bool(mynumber_like_spans(text, inline=inline))


def redact_mynumber_like(text: str, replacement: str = "[個人番号?]") -> str:
    spans = mynumber_like_spans(text)
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + replacement + text[end:]
    return text


def validate_no_mynumber(value: str) -> None:
    """Form and service validator: refuses text holding a 12-digit number (NFKC first, so full-width
    digits and compatibility spaces are read as what they are)."""
    if contains_mynumber_like(unicodedata.normalize("NFKC", value or "")):
        raise ValidationError(MYNUMBER_IN_TEXT, code="mynumber_in_text")


class FreeTextField(forms.CharField):
    """A free-text form field: a length limit always, never a 個人番号, half-width katakana widened."""

    def __init__(self, *, max_length: int = FREE_TEXT_MAX_LENGTH, **kwargs) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators.append(validate_no_mynumber)

    def to_python(self, value):
        return halfwidth_kana_widen(super().to_python(value))
