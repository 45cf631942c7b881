"""The Japanese font every form is laid out with, and the guard that refuses to render without it.

The lookup asks the fontconfig library WeasyPrint itself renders with (through its cffi binding),
not the `fc-list` program: slim images ship the library without the command-line tools, and only
the library's answer says what Pango will really find.
"""

import functools

from django.conf import settings

DEFAULT_FONT_FAMILY = "IPAexGothic"
# Listed after IPAex in the documents' font-family: Pango takes from it, glyph by glyph, what IPAex lacks
# (𠮷 U+20BB7 and other 人名用 characters of the 文字情報基盤). Optional: without it such a character is
# reported by documents/glyphs.py before printing, never printed as a box unannounced.
FALLBACK_FONT_FAMILY = "IPAmjMincho"
FONT_MISSING_MESSAGE = "日本語フォント (IPAex) が見つかりません。fonts-ipaexfont をインストールしてください"


class JapaneseFontMissing(RuntimeError):
    """Rendering without the font would print tofu (□) instead of names: never produce such a PDF."""

    def __init__(self, family: str):
        self.family = family
        super().__init__(f"{FONT_MISSING_MESSAGE} (フォント名: {family})")


def pdf_font_family() -> str:
    return getattr(settings, "NENKIN_PDF_FONT_FAMILY", "") or DEFAULT_FONT_FAMILY


def weasyprint_load_error() -> str | None:
    """WeasyPrint loads Pango, HarfBuzz and fontconfig when imported; say so plainly if it cannot."""
    try:
        import weasyprint.text.ffi  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@functools.cache
def installed_font_families() -> frozenset[str]:
    """Every family name (in every language fontconfig lists) of the fonts installed system-wide."""
    return frozenset(installed_font_files())


@functools.cache
def installed_font_files() -> dict[str, str]:
    """Family name → the file fontconfig has for it (the first one listed), system-wide."""
    if weasyprint_load_error():
        return {}
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return {}
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        files: dict[str, str] = {}
        if fonts == ffi.NULL:
            return {}
        value = ffi.new("FcChar8 **")
        for index in range(fonts.nfont):
            pattern = fonts.fonts[index]
            path = ""
            if fontconfig.FcPatternGetString(pattern, b"file", 0, value) == 0:
                path = ffi.string(value[0]).decode("utf-8", "replace")
            position = 0
            while fontconfig.FcPatternGetString(pattern, b"family", position, value) == 0:
                files.setdefault(ffi.string(value[0]).decode("utf-8", "replace"), path)
                position += 1
        return files
    finally:
        fontconfig.FcConfigDestroy(config)


def document_font_families() -> list[str]:
    """The families the documents are laid out with, in order: IPAex, then the fallback if installed."""
    families = [pdf_font_family()]
    if FALLBACK_FONT_FAMILY in installed_font_families() and FALLBACK_FONT_FAMILY not in families:
        families.append(FALLBACK_FONT_FAMILY)
    return families


def japanese_font_require() -> str:
    """The configured family, or JapaneseFontMissing. Fontconfig would silently substitute another
    font (DejaVu has no kanji), so an exact family match is required."""
    family = pdf_font_family()
    if family not in installed_font_families():
        raise JapaneseFontMissing(family)
    return family


def harfbuzz_subset_available() -> bool:
    """Without libharfbuzz-subset WeasyPrint subsets the 4 MB IPAex font in Python (~0.4 s a page)."""
    if weasyprint_load_error():
        return False
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))
