"""Legal citations as screens show them. Rules cite their articles in the Japanese shorthand the desk
and 機構's papers use (法9条1号, 則6条の2, 平16法附則23条1項ただし書) and store them so; Japanese screens
show them as they are, English screens word them (National Pension Act art. 9(i), Enforcement
Regulations art. 6-2, 2004 Amendment Act, supplementary provisions art. 23(1) proviso). A part the wording does not know stays as written."""

import re

from django.utils import translation

# The laws the rules cite, longest first (法 alone last: it ends the others' names too).
_LAWS = (
    ("平16法附則", "2004 Amendment Act, supplementary provisions"),
    ("平26法附則", "2014 Amendment Act, supplementary provisions"),
    ("平6法附則", "1994 Amendment Act, supplementary provisions"),
    ("昭60法附則", "1985 Amendment Act, supplementary provisions"),
    ("個人情報保護法", "Personal Information Protection Act"),
    ("番号法", "My Number Act"),
    ("厚年法", "Employees' Pension Insurance Act"),
    ("民法", "Civil Code"),
    ("法附則", "National Pension Act, supplementary provisions"),
    ("法", "National Pension Act"),
    ("令", "Enforcement Order"),
    ("則", "Enforcement Regulations"),
)
_LAW = "|".join(re.escape(name) for name, _english in _LAWS)
_ENGLISH = dict(_LAWS)
# 法90条の2第1項3号: article 90, branch 2, paragraph 1, item 3; then more paragraphs or items after ・.
_CITATION = re.compile(
    rf"(?P<law>{_LAW})?(?P<article>\d+)条(?:の(?P<branch>\d+(?:の\d+)*))?"
    r"(?P<parts>(?:・?第?\d+[項号])*)(?P<tail>かっこ書|ただし書|本文)?"
)
_PART = re.compile(r"(・?)第?(\d+)([項号])")
_DEEMED = re.compile(r"\(([^()]*)とみなす\)")
_TAILS = {"かっこ書": " (parenthetical)", "ただし書": " proviso", "本文": " main clause"}
_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _worded(match: re.Match) -> str:
    law = _ENGLISH[match["law"]] + " " if match["law"] else ""
    article = match["article"] + ("-" + match["branch"].replace("の", "-") if match["branch"] else "")
    parts = "".join(
        (", " if joined else "") + (f"({number})" if kind == "項" else f"({_roman(int(number))})")
        for joined, number, kind in _PART.findall(match["parts"])
    )
    return f"{law}art. {article}{parts}{_TAILS.get(match['tail'] or '', '')}"


def citation_show(text: str) -> str:
    """A stored citation in the screen's language (unchanged on Japanese screens)."""
    if not text or translation.get_language() != "en":
        return text or ""
    worded = _CITATION.sub(_worded, _DEEMED.sub(r"(deemed: \1)", text))
    return worded.replace("・", ", ")
