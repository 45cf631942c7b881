"""Template + snapshot → PDF. Pure: no database, no files; the caller stores what comes back."""

import functools
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

from documents.fonts import document_font_families, japanese_font_require
from documents.parts import document_parts

# Resolves the templates' {% static %} links; nothing is ever fetched from this host.
BASE_URL = "https://nenkin-desk.invalid/"

# One line per layout step and document would drown the worker log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class DocumentResourceRefused(Exception):
    """A template asked for something other than our own static files."""


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int


def _static_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files from disk; refuses the network, file:// and data: alike, so
        a document can neither leak a request nor read the server's files."""

        def __init__(self):
            super().__init__(timeout=1, allowed_protocols=())
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            path = static_file_for(url)
            if path is None:
                self.refused.append(url[:200])
                raise ValueError(f"refused: {url[:200]}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})

    return StaticOnlyFetcher()


def static_file_for(url: str) -> Path | None:
    prefix = urljoin(BASE_URL, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    relative = unquote(url[len(prefix) :].split("?", 1)[0].split("#", 1)[0])
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


# Forms for 日本年金機構 and letters to residents are Japanese whatever language the clerk's screen
# uses: labels, 和暦 and numbers are rendered (and snapshotted, see snapshots.py) in this language.
DOCUMENT_LANGUAGE = "ja"


def render_html(*, template: str, context: dict) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(template, context)


@functools.cache
def _stylesheets(families: tuple[str, ...]) -> list:
    """print.css and the font rule, parsed once per worker: parsing them is a fifth of a one-page
    render. The browser preview links print.css instead (the templates drop the link for PDFs).
    IPAex first; the fallback (IPAmj明朝) gives, glyph by glyph, what IPAex lacks (documents/glyphs.py)."""
    from weasyprint import CSS

    quoted = ", ".join('"' + f.replace("\\", "\\\\").replace('"', '\\"') + '"' for f in families)
    return [
        CSS(filename=finders.find("documents/print.css")),
        # @page too: the margin boxes (page numbers) inherit from the page, not from body.
        CSS(string=f"html, html body {{ font-family: {quoted}; }} @page {{ font-family: {quoted}; }}"),
    ]


def render_pdf(*, template: str, context: dict) -> RenderedPdf:
    """Raises JapaneseFontMissing before laying out anything if the font is not installed. A long
    list is laid out in parts by several processes at once (documents/parts.py, parallel.py)."""
    japanese_font_require()
    parts = document_parts(template=template, context=context)
    if len(parts) > 1:
        from documents.parallel import render_pdf_parallel

        return render_pdf_parallel(template=template, contexts=parts)
    return RenderedPdf(*layout_pdf(template=template, context=context))


def laid_out(html: str, *, css: str = ""):
    """WeasyPrint's laid-out document of `html` under the print stylesheet (and `css` after it); only our
    static files may be fetched. Raises JapaneseFontMissing without the font."""
    from weasyprint import CSS, HTML

    japanese_font_require()
    families = tuple(document_font_families())
    fetcher = _static_fetcher()
    stylesheets = [*_stylesheets(families), CSS(string=css)] if css else _stylesheets(families)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(stylesheets=stylesheets)
    if fetcher.refused:
        raise DocumentResourceRefused(
            f"帳票テンプレートが許可されていない資源を参照しています: {fetcher.refused}"
        )
    return document


def _template_laid_out(template: str, context: dict, css: str = ""):
    return laid_out(render_html(template=template, context={**context, "for_pdf": True}), css=css)


def layout_pdf(*, template: str, context: dict, css: str = "") -> tuple[bytes, int]:
    """(PDF, pages) of one template, with `css` added after the print stylesheet."""
    document = _template_laid_out(template, context, css)
    return document.write_pdf(), len(document.pages)


def render_pdf_parts(*, template: str, contexts: list[dict], on_part=None) -> RenderedPdf:
    """One PDF from several renders of a template (a batch of letters), so a long batch can report
    progress part by part (`on_part(n)` after the n-th). Nothing is written until every part is laid out."""
    rendered = []
    for n, context in enumerate(contexts, start=1):
        rendered.append(_template_laid_out(template, context))
        if on_part is not None:
            on_part(n)
    pages = [page for document in rendered for page in document.pages]
    return RenderedPdf(pdf=rendered[0].copy(pages).write_pdf(), pages=len(pages))
