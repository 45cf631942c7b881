"""The text of a PDF, read back before it leaves for the 委託先.

The operator's contract is 帳票出力 only, never a 個人番号. The snapshot guard keeps such documents
away from them by their data; this reads what the PDF itself says, so a document whose flags are
wrong (an old row, a template that prints more than it should) is still refused.
"""

import io
import logging
import unicodedata

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cases.common.freetext import contains_mynumber_like

logger = logging.getLogger(__name__)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_holds_mynumber(pdf: bytes) -> bool:
    """True when a line of the PDF's text holds a 12-digit number. A PDF that cannot be read is
    treated as holding one: the check refuses rather than lets through."""
    try:
        text = pdf_text(pdf)
    except (PyPdfError, ValueError, KeyError, TypeError):
        logger.warning("a document's PDF could not be read for the 個人番号 check")
        return True
    return contains_mynumber_like(unicodedata.normalize("NFKC", text), inline=True)
