"""One long document laid out by several processes at once, its parts joined into one PDF.

The parts (documents/parts.py) are laid out by processes forked from this one: a spawned process
would start Django and WeasyPrint again (about a second), and a fork has the templates, the font
and the parsed print stylesheet already. os.fork, not multiprocessing: a Celery prefork child is a
daemonic process, and multiprocessing refuses to start children from one. A forked child only turns
HTML into PDF bytes: it never uses the database connection it inherits and leaves through os._exit,
so that connection is not closed under the parent's open transaction. A part whose process died,
or is not back within NENKIN_DOCUMENT_PART_TIMEOUT seconds (then it is killed), is laid out here.

No part knows how many pages the others have, so the parts leave the 「n / N」 box empty and the
numbers are laid out afterwards — one small page per page, same font, same @page rules — and
drawn onto the joined pages with pypdf.
"""

import io
import logging
import os
import pickle
import select
import signal
import time

from django.conf import settings
from pypdf import PdfReader, PdfWriter

from documents.rendering import RenderedPdf, laid_out, layout_pdf

logger = logging.getLogger(__name__)

# The print stylesheet draws 「n / N」 in this box; a part's own page count would be wrong.
WITHOUT_PAGE_NUMBER = "@page { @bottom-right { content: none; } }"


def part_pdf(template: str, context: dict) -> bytes:
    return layout_pdf(template=template, context=context, css=WITHOUT_PAGE_NUMBER)[0]


def _page_numbers(total: int, width: float, height: float) -> bytes:
    """`total` pages of the joined document's size carrying only 「n / total」 where print.css puts it."""
    html = '<html lang="ja"><body><div></div>' + '<div style="break-before: page"></div>' * (total - 1)
    document = laid_out(html, css=f"@page {{ size: {width}pt {height}pt; }}")
    if len(document.pages) != total:  # a page box that split or vanished would misnumber the rest
        raise RuntimeError(f"page numbers: {len(document.pages)} pages laid out for {total}")
    return document.write_pdf()


def pdf_join(parts: list[bytes]) -> RenderedPdf:
    """The parts' PDFs, in order, as one PDF numbered 「n / N」 across all of them."""
    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(pdf)) for pdf in parts]
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


class _Child:
    """A forked process laying out one part; its answer comes back pickled through a pipe."""

    def __init__(self, template: str, context: dict) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _child_run(write, template, context)  # never returns
        os.close(write)
        self.pipe, self.reaped = read, False

    def discard(self) -> None:
        """Ends a child whose part is no longer wanted (the render failed before reading it)."""
        if not self.reaped:
            os.kill(self.pid, signal.SIGKILL)
            os.close(self.pipe)
            os.waitpid(self.pid, 0)
            self.reaped = True

    def result(self, deadline: float) -> bytes | None:
        """The part, or None if the child died or is still at it by `deadline` (then it is killed).
        An exception the child raised is raised here."""
        chunks, complete = [], False
        with os.fdopen(self.pipe, "rb", buffering=0) as pipe:
            while select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))[0]:
                chunk = pipe.read(1 << 20)
                if not chunk:
                    complete = True
                    break
                chunks.append(chunk)
        if not complete:
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.reaped = True
        try:
            ok, value = pickle.loads(b"".join(chunks))  # our own child's bytes
        except (EOFError, pickle.UnpicklingError, ValueError):
            return None
        if not ok:
            raise value
        return value


def _child_run(write: int, template: str, context: dict) -> None:
    code = 1
    try:
        # A Celery child's handlers (the soft time limit on SIGUSR1) are not this process's business.
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGUSR1):
            signal.signal(signum, signal.SIG_DFL)
        try:
            answer = pickle.dumps((True, part_pdf(template, context)))
        except Exception as exc:  # handed to the parent, which raises it as the one-piece render would
            answer = pickle.dumps((False, exc))
        with os.fdopen(write, "wb") as out:
            out.write(answer)
        code = 0
    finally:
        os._exit(code)  # no atexit, no finalizers: the inherited database connection stays the parent's


def _forked(template: str, context: dict) -> _Child | None:
    try:
        return _Child(template, context)
    except OSError:  # no process to be had (a limit on processes or memory): the job lays it out
        logger.warning("%s: could not fork a process for a part", template)
        return None


def render_pdf_parallel(*, template: str, contexts: list[dict]) -> RenderedPdf:
    """The first part is laid out here while forked processes lay out the others."""
    started = time.monotonic()
    children = [_forked(template, context) for context in contexts[1:]]
    try:
        parts = [part_pdf(template, contexts[0])]
        deadline = time.monotonic() + settings.NENKIN_DOCUMENT_PART_TIMEOUT
        for n, (child, context) in enumerate(zip(children, contexts[1:], strict=True), start=2):
            part = child.result(deadline) if child is not None else None
            if part is None:
                logger.warning(
                    "%s: part %d of %d came back from no process; laying it out here",
                    template,
                    n,
                    len(contexts),
                )
                part = part_pdf(template, context)
            parts.append(part)
    finally:
        for child in children:
            if child is not None:
                child.discard()
    joined = pdf_join(parts)
    logger.info(
        "%s: %d pages laid out in %d parts in %.1f s",
        template,
        joined.pages,
        len(contexts),
        time.monotonic() - started,
    )
    return joined
