"""Name normalisation for search, so 「ｱｻﾋｶﾜ」, 「アサヒカワ」 and 「あさひかわ」 find the same person."""

import unicodedata

import jaconv

_SMALL_TO_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_SPACES = str.maketrans("", "", " \u3000\t・･")
# Old and variant kanji that registries and people write interchangeably.
_KANJI_VARIANTS = str.maketrans(
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
    }
)
# Variation selectors (U+FE00–FE0F) and ideographic variation sequences' selectors (U+E0100–E01EF)
# choose a glyph of the kanji before them (葛󠄀 is 葛): a search ignores them. Dropped one character at a time,
# so that normalising names joined by NUL matches normalising each (imports' normalized_each).
_SELECTORS = dict.fromkeys([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])


def normalize_kana(value: str) -> str:
    """Full-width katakana, no small kana, no spaces. Voiced marks are kept (ガ ≠ カ)."""
    folded = unicodedata.normalize("NFKC", value or "")  # half-width kana → full width, combines ﾞ
    folded = jaconv.hira2kata(folded)
    folded = folded.translate(_SMALL_TO_LARGE).translate(_SPACES).upper()
    # Removing spaces can leave a combining mark next to a letter; compose it so the result is stable.
    return unicodedata.normalize("NFKC", folded).translate(_SPACES)


def normalize_kanji(value: str) -> str:
    folded = unicodedata.normalize("NFKC", (value or "").translate(_SELECTORS))
    return folded.translate(_KANJI_VARIANTS).translate(_SPACES)


def looks_like_kana(value: str) -> bool:
    folded = normalize_kana(value)
    return bool(folded) and all("\u30a0" <= ch <= "\u30ff" for ch in folded)
