"""Which characters of a text the documents' fonts cannot print.

Pango takes each character from the first font of the documents' font-family that has it
(documents/fonts.py: IPAex, then IPAmj明朝 when installed). A character no font has would print as a
box (□) while the PDF's text layer stays right, so nobody notices until the paper is read. A variation
selector (IVS, U+E0100…) keeps its base character's font: when that font has no glyph for the sequence,
the plain character is printed and the variant is lost. Both are reported here, before printing.
The fonts' character maps are read with fontTools (a dependency of WeasyPrint) from the very files
fontconfig gives WeasyPrint.
"""

import functools
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from documents.fonts import document_font_families, installed_font_files


@dataclass(frozen=True)
class FontCoverage:
    chars: frozenset[int]
    sequences: frozenset[tuple[int, int]]  # (base, selector) pairs with their own glyph (cmap format 14)


@functools.cache
def font_coverage(path: str) -> FontCoverage:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        cmap = font["cmap"]
        chars = frozenset(cmap.getBestCmap() or {})
        sequences = set()
        for table in cmap.tables:
            if table.format == 14:
                for selector, pairs in table.uvsDict.items():
                    sequences.update((base, selector) for base, _glyph in pairs)
    return FontCoverage(chars, frozenset(sequences))


def _coverages(families: list[str] | None) -> list[FontCoverage]:
    files = installed_font_files()
    paths = [files[family] for family in families or document_font_families() if files.get(family)]
    return [font_coverage(path) for path in paths]


def _is_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _label(text: str) -> str:
    return f"{text} ({' '.join(f'U+{ord(ch):04X}' for ch in text)})"


def glyphs_missing(text: str, *, families: list[str] | None = None) -> list[str]:
    """Each character (or character + IVS selector) of `text` the fonts would not print as written, once,
    in order, as 「𠮷 (U+20BB7)」. Spaces and control characters are not printed as glyphs and never reported."""
    coverages = _coverages(families)
    missing: list[str] = []
    chars = list(text or "")
    for index, ch in enumerate(chars):
        if _is_selector(ch) or ch.isspace() or unicodedata.category(ch).startswith("C"):
            continue
        selector = chars[index + 1] if index + 1 < len(chars) and _is_selector(chars[index + 1]) else ""
        font = next((c for c in coverages if ord(ch) in c.chars), None)
        printed = font is not None and (not selector or (ord(ch), ord(selector)) in font.sequences)
        label = _label(ch + selector)
        if not printed and label not in missing:
            missing.append(label)
    return missing


def glyphs_missing_message(*texts: str) -> str:
    """「帳票のフォントにない文字があります: 𠮷 (U+20BB7)」, or "" when every character prints."""
    missing: list[str] = []
    for text in texts:
        missing += [label for label in glyphs_missing(text) if label not in missing]
    if not missing:
        return ""
    return _("帳票のフォントにない文字があります: %(chars)s") % {"chars": "、".join(missing)}
