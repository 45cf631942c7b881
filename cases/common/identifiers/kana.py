"""Name normalisation for search, so 「ｱｻﾋｶﾜ」, 「アサヒカワ」 and 「あさひかわ」 find the same person; and the
katakana a カナ name is stored in."""

import re
import unicodedata

# Each table is a few (old, new) pairs applied with str.replace, and only when the old character is
# there: a 住民記録 import normalises a whole column joined in one string, and str.translate with a table
# looks every character up in a dict (about 2 s of a 300,000-row import; decision 51). No new character
# is an old one of the same table, so one replace after another is the same as one translate.
_SMALL_TO_LARGE = tuple(zip("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ", strict=True))
_SPACES = tuple((space, "") for space in " \u3000\t・･")
# Old and variant kanji that registries and people write interchangeably.
_KANJI_VARIANTS = tuple(
    {
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "邊": "辺",
        "邉": "辺",
        "齋": "斎",
        "齊": "斉",
        "濵": "浜",
        "濱": "浜",
        "德": "徳",
        "𠮷": "吉",  # つちよし (U+20BB7): outside the BMP, many systems print it as 吉
        "𡈽": "土",  # 土 with a dot (U+2123D)
    }.items()
)
# Variation selectors (U+FE00–FE0F) and ideographic variation sequences' selectors (U+E0100–E01EF)
# choose a glyph of the kanji before them (葛󠄀 is 葛): a search ignores them. Dropped one character at a time,
# so that normalising names joined by NUL matches normalising each (imports' normalized_each).
_SELECTORS = dict.fromkeys([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


# Hiragana letters (ぁ–ゖ, with ゔ) and their iteration marks (ゝ ゞ) to the katakana 0x60 code points up;
# nothing else (ゟ, the voiced marks ゛ ゜ and ゙ ゚ are shared or have no katakana letter of their own).
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in (*range(0x3041, 0x3097), 0x309D, 0x309E)}
HIRAGANA = re.compile("[\u3041-\u3096\u309d\u309e]")


def katakana(value: str) -> str:
    """A カナ name as stored: hiragana letters turned into katakana (たかはし → タカハシ), every other
    character as it was. What a form, a service or an import saves in a カナ氏名 (printed as フリガナ)."""
    return value.translate(_HIRAGANA_TO_KATAKANA) if value and HIRAGANA.search(value) else value or ""


def katakana_each(values: list[str]) -> list[str]:
    """``[katakana(value) for value in values]``, with one scan of the joined column when no value holds
    hiragana (a whole 住民記録 extract, nearly always)."""
    if not HIRAGANA.search("".join(values)):
        return values
    return [katakana(value) for value in values]


def _replaced(value: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in value:
            value = value.replace(old, new)
    return value


def normalize_kana(value: str) -> str:
    """Full-width katakana, no small kana, no spaces. Voiced marks are kept (ガ ≠ カ)."""
    folded = unicodedata.normalize("NFKC", value or "")  # half-width kana → full width, combines ﾞ
    folded = katakana(folded)  # jaconv.hira2kata's letters: the same table
    folded = _replaced(_replaced(folded, _SMALL_TO_LARGE), _SPACES).upper()
    # Removing spaces can leave a combining mark next to a letter; compose it so the result is stable.
    return _replaced(unicodedata.normalize("NFKC", folded), _SPACES)


def normalize_kanji(value: str) -> str:
    value = value or ""
    if _SELECTOR.search(value):
        value = value.translate(_SELECTORS)
    # NFKC turns U+3000 into U+0020, a character nothing composes with; doing it first lets NFKC's quick
    # check pass a usual name (「山田　太郎」) instead of rebuilding the whole string.
    folded = unicodedata.normalize("NFKC", value.replace("\u3000", " "))
    return _replaced(_replaced(folded, _KANJI_VARIANTS), _SPACES)


def looks_like_kana(value: str) -> bool:
    folded = normalize_kana(value)
    return bool(folded) and all("\u30a0" <= ch <= "\u30ff" for ch in folded)
