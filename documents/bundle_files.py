"""The PDFs a bundle carries (the submission part reaches them through cases.common.documents).

A case's 届書 and 所得情報 are rendered when it is approved; the bundle only collects them. One that
is missing or not rendered yet is rendered here, synchronously, and logged — the bundle must not
wait for a queue. The 送付書 and 送付一覧表 are requested for the bundle itself: the same list of
cases gives the same snapshot, so the documents app hands back the same PDF and a rebuild is
byte-identical.
"""

import logging
from collections.abc import Callable

from cases.kernel.models import Case
from cases.security.models.users import User
from cases.submission.archive import Entry
from cases.submission.models import SubmissionBundle
from documents.fonts import JapaneseFontMissing
from documents.models import Document
from documents.mynumber import MyNumberUnavailable
from documents.selectors import DocumentIntegrityError, document_pdf
from documents.services import DocumentRenderError, document_render_now, document_request
from documents.snapshot_bundles import bundle_cases_given
from documents.snapshots import DocumentNotAvailable, case_document_kinds

logger = logging.getLogger(__name__)

# The 受付票 stays with the applicant; everything else on file for the case goes to 機構.
NOT_SENT = ("receipt",)
BUNDLE_FILES = (("transmittal", "transmittal.pdf"), ("bundle_list", "bundle_list.pdf"))


PROBLEMS = (
    DocumentNotAvailable,
    DocumentRenderError,
    DocumentIntegrityError,
    JapaneseFontMissing,
    MyNumberUnavailable,
)


def _ready(document, *, kind: str, case: Case | None, bundle: SubmissionBundle | None, by: User | None):
    if document is None:
        document = document_request(kind=kind, case=case, bundle=bundle, requested_by=by)
    if document.status != Document.Status.DONE:
        if case is not None:
            logger.warning("case %s: %s was not rendered before bundling; rendering it now", case.pk, kind)
        document = document_render_now(document_id=document.pk)
    return document


def case_document_entries(
    cases: list[Case], *, by: User | None, on_case: Callable[[int], None]
) -> tuple[list[Entry], list[str], int]:
    """(entries, problems, number of PDFs that carry a 個人番号). `on_case(n)` after each case."""
    current = {
        (document.case_id, document.kind): document
        for document in Document.objects.filter(case__in=cases, superseded_at__isnull=True)
        .exclude(kind__in=NOT_SENT)
        .defer("context")  # the snapshot a PDF was rendered from: not needed to ship the PDF
    }
    entries, problems, with_mynumber = [], [], 0
    for n, case in enumerate(cases, start=1):
        for kind in case_document_kinds(case):
            if kind in NOT_SENT:
                continue
            try:
                document = _ready(current.get((case.pk, kind)), kind=kind, case=case, bundle=None, by=by)
                pdf = document_pdf(document=document)  # checked against document.sha256
                entries.append(Entry(f"cases/{case.number}/{kind}.pdf", pdf, sha256=document.sha256))
            except PROBLEMS as exc:
                problems.append(f"整理番号 {case.number}: 帳票「{Document.Kind(kind).label}」— {exc}")
                continue
            with_mynumber += document.includes_mynumber
        on_case(n)
    return entries, problems, with_mynumber


def bundle_documents_request(
    *, bundle: SubmissionBundle, by: User | None, cases: list[Case] | None = None
) -> tuple[list, list[str]]:
    """Asks for the 送付書 and 送付一覧表 first, so that a free worker renders them (the long part
    of a build) while this job reads the case PDFs; bundle_document_entries collects them. Both are
    snapshotted from one read of the bundle's live cases, or from `cases` when the caller has them
    (in 整理番号 order, loaded as bundle_cases_given says)."""
    requested, problems = [], []
    with bundle_cases_given(bundle, cases):
        for kind, path in BUNDLE_FILES:
            try:
                requested.append((path, document_request(kind=kind, bundle=bundle, requested_by=by)))
            except PROBLEMS as exc:
                problems.append(f"帳票「{Document.Kind(kind).label}」— {exc}")
    return requested, problems


def bundle_document_entries(requested: list) -> tuple[list[Entry], list[str]]:
    entries, problems = [], []
    for path, document in requested:
        try:
            document = _ready(document, kind=document.kind, case=None, bundle=None, by=None)
            entries.append(Entry(path, document_pdf(document=document)))
        except PROBLEMS as exc:
            problems.append(f"帳票「{document.get_kind_display()}」— {exc}")
    return entries, problems
