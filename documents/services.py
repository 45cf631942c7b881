"""Issuing documents in two steps: snapshot on request, render later (Celery) from the snapshot alone."""

import functools
import hashlib
import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.jobs import job_send
from cases.common.prepared import PreparedRead
from cases.kernel.casetypes import casetype_spec, related_paths
from cases.kernel.models import Case
from cases.security.models.users import User
from cases.submission.models import SubmissionBundle
from documents.models import Document
from documents.render_context import render_context
from documents.rendering import DOCUMENT_LANGUAGE, render_pdf
from documents.selectors import document_current
from documents.snapshots import DocumentNotAvailable, snapshot_build
from documents.storage import file_name_for, write_sealed

# Re-exported: the documents port and the render sweep's task import these from here.
from documents.upkeep import documents_mynumber_purge as documents_mynumber_purge
from documents.upkeep import documents_render_pending as documents_render_pending

logger = logging.getLogger(__name__)
Status = Document.Status


class DocumentRenderError(Exception):
    """A document the caller needs right now could not be produced."""


def _lock_owner(*, case: Case | None, bundle: SubmissionBundle | None) -> None:
    # Serialises requests for the same case (or bundle), so two never both become "current". Only the
    # lock is wanted: reading the id alone spares building a whole case row for every document.
    if case is not None:
        Case.objects.select_for_update().filter(pk=case.pk).values_list("pk").first()
    elif bundle is not None:
        SubmissionBundle.objects.select_for_update().filter(pk=bundle.pk).values_list("pk").first()
    else:
        raise DocumentNotAvailable(_("帳票の対象 (案件または送付) を指定してください。"))


def _schedule(document: Document) -> None:
    job_send("documents.render", document.pk)


@transaction.atomic
def document_request(
    *,
    kind: str,
    case: Case | None = None,
    bundle: SubmissionBundle | None = None,
    requested_by: User | None = None,
    force: bool = False,
) -> Document:
    """Snapshots the data now and schedules rendering after commit.

    The same snapshot requested again returns the current document untouched (a failed one is
    tried again); a different snapshot, or `force`, supersedes it with a new document.
    """
    _lock_owner(case=case, bundle=bundle)
    snapshot = snapshot_build(kind=kind, case=case, bundle=bundle)
    digest = snapshot.sha256
    current = document_current(kind=kind, case=case, bundle=bundle)
    if current is not None and not force and current.context_sha256 == digest:
        if current.status == Status.FAILED:
            current.status, current.error = Status.REQUESTED, ""
            current.render_attempts, current.render_failed_at = 0, None  # its retries start afresh
            current.save(update_fields=["status", "error", "render_attempts", "render_failed_at"])
        if current.status == Status.REQUESTED:
            # Asked for again before a worker rendered it (or its job was lost): render it now-ish.
            # Rendering is idempotent, so a second job for the same document costs nothing.
            _schedule(current)
        return current
    if current is not None:
        current.superseded_at = timezone.now()
        current.save(update_fields=["superseded_at"])
    document = Document.objects.create(
        kind=kind,
        case=case,
        bundle=bundle,
        template=snapshot.template,
        context=snapshot.context,
        context_sha256=digest,
        includes_mynumber=snapshot.includes_mynumber,
        requested_by=requested_by,
    )
    _schedule(document)
    return document


@transaction.atomic
def report_document_request(*, kind: str, requested_by: User | None = None, **params) -> Document:
    """A report that belongs to no case or bundle (監査報告, 問合せ受付簿): always a new document,
    since the data it reports keeps growing (its own request is logged too)."""
    from documents.reports import STANDALONE_BUILDERS

    if kind not in STANDALONE_BUILDERS:
        raise DocumentNotAvailable(
            _("帳票「%(kind)s」は案件または送付から作成します。") % {"kind": Document.Kind(kind).label}
        )
    with translation.override(DOCUMENT_LANGUAGE):
        snapshot = STANDALONE_BUILDERS[kind](requested_by=requested_by, **params)
    document = Document.objects.create(
        kind=kind,
        template=snapshot.template,
        context=snapshot.context,
        context_sha256=snapshot.sha256,
        includes_mynumber=snapshot.includes_mynumber,
        requested_by=requested_by,
    )
    _schedule(document)
    return document


class DocumentSuperseded(Exception):
    """The document asked to be made again was already replaced: `current` is what replaced it."""

    def __init__(self, document: Document, current: Document | None):
        super().__init__(document.pk)
        self.document, self.current = document, current


@transaction.atomic
def document_regenerate(*, document: Document, actor: User) -> Document:
    """A fresh snapshot replaces the document even when nothing changed (e.g. a damaged print).
    Only the current document is redone: under the owner's lock a second click (or a stale page)
    finds it superseded and raises DocumentSuperseded instead of replacing the replacement."""
    _lock_owner(case=document.case, bundle=document.bundle)
    superseded_at = Document.objects.filter(pk=document.pk).values_list("superseded_at", flat=True).get()
    if superseded_at is not None:
        current = document_current(kind=document.kind, case=document.case, bundle=document.bundle)
        raise DocumentSuperseded(document, current)
    return document_request(
        kind=document.kind, case=document.case, bundle=document.bundle, requested_by=actor, force=True
    )


def document_render(*, document_id: int, include_superseded: bool = False) -> Document | None:
    """Renders and stores one document. Safe to run twice: the row lock makes a second run wait
    and then find the document done. A vanished row returns None."""
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None:
            return None
        if document.status == Status.DONE:
            return document
        if document.superseded_at is not None and not include_superseded:
            return document  # replaced before it was ever issued: nobody will print it
        rendered = render_pdf(template=document.template, context=render_context(document))
        sha256 = hashlib.sha256(rendered.pdf).hexdigest()
        name = file_name_for(document_id=document.pk, sha256=sha256)
        write_sealed(name=name, plain=rendered.pdf, document_id=document.pk)
        document.file, document.sha256, document.pages = name, sha256, rendered.pages
        document.status, document.error, document.rendered_at = Status.DONE, "", timezone.now()
        document.save(update_fields=["file", "sha256", "pages", "status", "error", "rendered_at"])
    return document


def document_render_now(*, document_id: int) -> Document:
    """For the weekly bundle, which needs the PDF in hand: renders inline if the worker has not."""
    document = document_render(document_id=document_id, include_superseded=True)
    if document is None or document.status != Status.DONE:
        raise DocumentRenderError(f"帳票 #{document_id} を作成できませんでした。")
    return document


def document_attempt_failed(*, document_id: int, error: BaseException, tried: int = 1) -> int:
    """Records a failed render attempt that the worker will retry, and logs it as a WARNING for the
    operator's alerts. Returns the attempts so far: the row's count, or `tried` (the job's own count) if
    that is higher; the row's survives a job lost and queued again by the sweep. The log and the row
    name the error's type only: its text may carry a path or a row's values."""
    kind = type(error).__name__
    attempts = tried
    with transaction.atomic():
        document = (
            Document.objects.select_for_update().filter(pk=document_id, status=Status.REQUESTED).first()
        )
        if document is not None:
            attempts = max(document.render_attempts + 1, tried)
            document.render_attempts, document.render_failed_at = attempts, timezone.now()
            document.error = kind
            document.save(update_fields=["render_attempts", "render_failed_at", "error"])
    logger.warning("document %s render attempt %s failed: %s", document_id, attempts, kind)
    return attempts


def document_failed(*, document_id: int, error: BaseException | str) -> None:
    """Records why rendering gave up (an ERROR in the log). The column names the error only: snapshots
    hold personal data and must not reach it; the log has the type of an exception, not its text (a
    path, a row's values), or one of our own messages as given."""
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    updated = Document.objects.filter(pk=document_id).exclude(status=Status.DONE)
    updated.update(status=Status.FAILED, error=message[:1000])
    logged = error[:200] if isinstance(error, str) else type(error).__name__
    logger.error("document %s failed: %s", document_id, logged)


@functools.cache
def _approved_case_read(case_type: str) -> PreparedRead:
    """The case as its approval documents print it. Only this type's paths: every type's made 13 joins,
    10–11 ms a 決裁 (Django compiling the columns, PostgreSQL planning the joins). One type's read took
    3.2–3.5 ms of CPU, mostly compiling; compiled once per type and process, 0.9–1.2 ms
    (cases/common/prepared.py)."""
    return PreparedRead(
        lambda: Case.objects.select_related(
            # The staff who worked on the case are printed on its 届書 (filing_snapshot).
            "resident__pension",
            "office",
            "received_by",
            "inputter",
            "cross_checker",
            "approver",
            *related_paths(case_type),
        )
    )


@transaction.atomic
def case_documents_request(*, case_id: int, requested_by: User | None = None) -> list[Document]:
    """The documents an approved case carries (its type's `approval_documents`): for an exemption
    the 届書 and, for income-tested applications, the 所得情報 attachment."""
    case_type = Case.objects.filter(pk=case_id).values_list("case_type", flat=True).first()
    if case_type is None:
        return []
    case = _approved_case_read(case_type).get(case_id)
    documents = []
    for kind in casetype_spec(case.case_type).approval_documents(case):
        try:
            documents.append(document_request(kind=kind, case=case, requested_by=requested_by))
        except DocumentNotAvailable:
            continue
    return documents
