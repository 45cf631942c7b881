"""The documents app as `cases/` sees it: a port that `documents/apps.py` fills at start-up.

`documents/` builds its snapshots from the case records, so it depends on `cases/`; `cases/` must
not depend back on it (import-linter's top-level layers in pyproject.toml). The few things a case
service needs from it — ask for a document, see whether one exists, bring the PDFs of a bundle,
forget a purged 個人番号 — go through this port. Document kinds are the plain strings of
`documents.models.Document.Kind`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class DocumentsPort:
    # document_request(kind=, case=, bundle=, requested_by=, force=) -> document
    request: Callable[..., Any]
    # document_current(kind=, case=) -> document | None
    current: Callable[..., Any]
    # report_request(kind=, requested_by=, **params) -> document (a report of no case or bundle)
    report_request: Callable[..., Any]
    # case_entries(cases, by=, on_case=) -> (archive entries, problems, PDFs carrying a 個人番号)
    case_entries: Callable[..., tuple]
    # bundle_files_request(bundle=, by=, cases=None) -> (requested, problems), the 送付書 and 送付一覧表
    # snapshotted from `cases` when given (the bundle's live cases as bundle_assembly reads them);
    # bundle_file_entries(requested)
    bundle_files_request: Callable[..., tuple]
    bundle_file_entries: Callable[..., tuple]
    # mynumber_purge(resident_ids=) -> the SHA-256 of the PDFs that lost the number
    mynumber_purge: Callable[..., set[str]]
    # is_usable(document) -> False when the document failed and must be issued again
    is_usable: Callable[[Any], bool]


_port: DocumentsPort | None = None


def documents_port_install(port: DocumentsPort) -> None:
    global _port
    _port = port


def documents() -> DocumentsPort:
    if _port is None:
        raise ImproperlyConfigured("The documents app is not installed: no document can be issued.")
    return _port
