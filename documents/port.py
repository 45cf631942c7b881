"""The documents app's side of `cases.common.documents`: what case services may ask of it."""

from cases.common.documents import DocumentsPort
from documents.bundle_files import bundle_document_entries, bundle_documents_request, case_document_entries
from documents.models import Document
from documents.selectors import document_current
from documents.services import document_request, documents_mynumber_purge, report_document_request


def _is_usable(document) -> bool:
    return document is not None and document.status != Document.Status.FAILED


PORT = DocumentsPort(
    request=document_request,
    current=document_current,
    report_request=report_document_request,
    case_entries=case_document_entries,
    bundle_files_request=bundle_documents_request,
    bundle_file_entries=bundle_document_entries,
    mynumber_purge=documents_mynumber_purge,
    is_usable=_is_usable,
)
