"""One long document laid out by several processes at once, its parts joined into one PDF.

The parts (documents/parts.py) are laid out by processes forked from this one: a spawned process
would start Django and WeasyPrint again (about a second), and a fork has the templates, the font
and the parsed print stylesheet already. A forked child only turns HTML into PDF bytes: it never
uses the database connection it inherits and leaves through os._exit (multiprocessing's own
exit), so that connection is not closed under the parent's open transaction. A part whose process
dies or hangs is laid out again here after NENKIN_DOCUMENT_PART_TIMEOUT seconds, and logged.

No part knows how many pages the others have, so the parts leave the 「n / N」 box empty and the
numbers are laid out afterwards — one small page per page, same font, same @page rules — and
drawn onto the joined pages with pypdf.
"""

import io
import logging
import multiprocessing
import signal
import time

from django.conf import settings
from pypdf import PdfReader, PdfWriter

from documents.fonts import japanese_font_require
from documents.rendering import BASE_URL, RenderedPdf, _static_fetcher, _stylesheets, layout_pdf

logger = logging.getLogger(__name__)

# The print stylesheet draws 「n / N」 in this box; a part's own page count would be wrong.
WITHOUT_PAGE_NUMBER = "@page { @bottom-right { content: none; } }"


def _child_start() -> None:
    # A Celery worker's child has its own handlers (the soft time limit on SIGUSR1, SIGINT ignored):
    # a layout process is ended by the pool's SIGTERM and nothing else.
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGUSR1):
        signal.signal(signum, signal.SIG_DFL)


def part_pdf(template: str, context: dict) -> tuple[bytes, int]:
    return layout_pdf(template=template, context=context, css=WITHOUT_PAGE_NUMBER)


def _page_numbers(total: int, width: float, height: float) -> bytes:
    """`total` pages of the joined document's size carrying only 「n / total」 where print.css puts it."""
    from weasyprint import CSS, HTML

    family = japanese_font_require()
    html = '<html lang="ja"><body><div></div>' + '<div style="break-before: page"></div>' * (total - 1)
    size = CSS(string=f"@page {{ size: {width}pt {height}pt; }}")
    fetcher = _static_fetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[*_stylesheets(family), size]
    )
    if len(document.pages) != total:  # a page box that split or vanished would misnumber the rest
        raise RuntimeError(f"page numbers: {len(document.pages)} pages laid out for {total}")
    return document.write_pdf()


def pdf_join(parts: list[tuple[bytes, int]]) -> RenderedPdf:
    """The parts, in order, as one PDF numbered 「n / N」 across all of them."""
    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(pdf)) for pdf, _pages in parts]
    for reader in readers:
        writer.append(reader)
    total = len(writer.pages)
    box = writer.pages[0].mediabox
    numbers = PdfReader(io.BytesIO(_page_numbers(total, float(box.width), float(box.height))))
    for page, number in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(number)
        page.compress_content_streams()  # merging leaves the page's content uncompressed (10× larger)
    if readers[0].metadata:
        writer.add_metadata(dict(readers[0].metadata))
    out = io.BytesIO()
    writer.write(out)
    return RenderedPdf(pdf=out.getvalue(), pages=total)


def render_pdf_parallel(*, template: str, contexts: list[dict]) -> RenderedPdf:
    """The first part is laid out here while forked processes lay out the others."""
    fork = multiprocessing.get_context("fork")
    with fork.Pool(processes=len(contexts) - 1, initializer=_child_start) as pool:  # exit: terminate
        pending = [pool.apply_async(part_pdf, (template, context)) for context in contexts[1:]]
        parts = [part_pdf(template, contexts[0])]
        deadline = time.monotonic() + settings.NENKIN_DOCUMENT_PART_TIMEOUT
        for n, (result, context) in enumerate(zip(pending, contexts[1:], strict=True), start=2):
            try:
                parts.append(result.get(timeout=max(0.0, deadline - time.monotonic())))
            except multiprocessing.TimeoutError:
                logger.warning(
                    "%s: part %d of %d not laid out in time; laying it out here", template, n, len(contexts)
                )
                parts.append(part_pdf(template, context))
    return pdf_join(parts)
