"""Reading documents: which are current, who may have them, and the decrypted PDF."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases.kernel.access import case_get_for_user, user_acts_on, user_sees_all_offices
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case
from cases.qualification.models import QualificationListRow
from cases.security.models.users import User
from cases.submission.models import BundleItem, SubmissionBundle
from documents.models import Document
from documents.snapshots import case_document_kinds
from documents.storage import SealedFileError, read_sealed

Kind = Document.Kind

# What the 委託先 operator outputs (帳票出力): the forms of the weekly submission and the counter's
# 受付票 and 届書, and never one that carries a 個人番号.
OPERATOR_KINDS = frozenset({Kind.TRANSMITTAL, Kind.BUNDLE_LIST, Kind.RECEIPT, Kind.FILING, Kind.REFERRAL})
# Reports that belong to no case or bundle, and the permission that may have them.
STANDALONE_PERMISSIONS = {
    Kind.AUDIT_REPORT: "cases.view_audit_log",
    Kind.INQUIRY_LOG: "cases.view_inquiry",
    # 勧奨状: letters to residents, printed by the counter that started the 勧奨.
    Kind.SOLICITATIONS: "cases.take_intake",
}
# The disclosure report lists the access log about a person: supervisors only.
SUPERVISOR_KINDS = frozenset({Kind.DISCLOSURE})


class DocumentIntegrityError(Exception):
    """The decrypted file is not the PDF whose SHA-256 was recorded when it was issued."""


def documents_for_case(*, case: Case) -> QuerySet[Document]:
    return Document.objects.filter(case=case, superseded_at__isnull=True).order_by("kind", "-id")


def document_current(
    *, kind: str, case: Case | None = None, bundle: SubmissionBundle | None = None
) -> Document | None:
    documents = Document.objects.filter(kind=kind, superseded_at__isnull=True)
    if case is not None:
        documents = documents.filter(case=case)
    elif bundle is not None:
        documents = documents.filter(bundle=bundle, case__isnull=True)
    else:
        return None
    return documents.order_by("-id").first()


def user_may_download(user: User) -> bool:
    return (
        user.has_perm("documents.download_document")
        or user.has_perm("documents.output_reports")
        or any(user.has_perm(permission) for permission in STANDALONE_PERMISSIONS.values())
    )


def _standalone(document: Document) -> bool:
    return document.case_id is None and document.bundle_id is None


def _standalone_in_scope(user: User, document: Document) -> bool:
    """A report of no case is still some office's: 勧奨状 are the letters of the list's office (its
    clerks print a colleague's batch), a 受付簿 holds what its requester could see (a 係長's, every
    office's), so only the requester prints it. Whoever sees every office (係長, 監査) prints either."""
    if user_sees_all_offices(user):
        return True
    if document.kind == Kind.SOLICITATIONS:
        rows = QualificationListRow.objects.filter(letter_document_id=document.pk)
        return rows.filter(qualification_list__office_id=user.office_id).exists()
    return document.requested_by_id == user.pk


def documents_for_operator(*, kind: str = "") -> QuerySet[Document]:
    """The current documents the 委託先 may output, newest first. The 送付書 of a bundle with no case in
    it (one emptied before sealing) is never offered: there is nothing to send with it."""
    kinds = [kind] if kind in OPERATOR_KINDS else list(OPERATOR_KINDS)
    live = BundleItem.objects.filter(bundle=OuterRef("bundle"), live=True)
    return (
        Document.objects.filter(kind__in=kinds, includes_mynumber=False, superseded_at__isnull=True)
        .exclude(status=Document.Status.FAILED)
        .exclude(case__isnull=True, bundle__isnull=True)
        .exclude(Q(bundle__isnull=False) & ~Exists(live))
        .select_related("case", "bundle")
        .order_by("-requested_at", "-id")
    )


def document_get_for_user(*, user: User, document_id: int) -> Document:
    """The document if this user may print it.

    Case documents follow the case's office scoping (another office's is a 404). Bundle documents
    list every office's cases, so they need all-office access or the operator's report role. The
    委託先 operator never gets a document that carries a 個人番号 (PermissionDenied); the caller logs it.
    """
    if not user.is_authenticated or not user_may_download(user):
        raise PermissionDenied(_("帳票を出力する権限がありません。"))
    document = Document.objects.select_related("case", "bundle").filter(pk=document_id).first()
    if document is None:
        raise Http404(_("帳票が見つかりません。"))
    if _standalone(document):
        permission = STANDALONE_PERMISSIONS.get(document.kind)
        if permission is None or not user.has_perm(permission):
            raise PermissionDenied(_("この帳票を出力する権限がありません。"))
        if not _standalone_in_scope(user, document):
            raise Http404(_("帳票が見つかりません。"))
        return document
    if user.has_perm("documents.download_document"):
        if document.case_id is not None:
            case_get_for_user(user=user, case_id=document.case_id)
        elif not user_sees_all_offices(user):
            raise Http404(_("帳票が見つかりません。"))
        if document.kind in SUPERVISOR_KINDS and not user.has_perm("cases.approve_case"):
            raise PermissionDenied(_("開示報告書は係長のみ出力できます。"))
        if document.includes_mynumber and not user.has_perm("cases.use_mynumber"):
            raise PermissionDenied(_("個人番号を含む帳票は個人番号利用事務の担当者のみ出力できます。"))
        if document.includes_mynumber and document.case is not None and not user_acts_on(user, document.case):
            # Seeing is not acting (decisions §17, §18): a branch 係長 sees a 本庁 case but no 本庁
            # person's number, on a screen or on paper (a 本庁 開示報告書 with the number was printed).
            raise PermissionDenied(_("他の事務所の案件の、個人番号を含む帳票は出力できません。"))
        return document
    if not user.has_perm("documents.output_reports"):
        raise PermissionDenied(_("帳票を出力する権限がありません。"))
    # 委託先: report output only, never 個人番号, and only the current version of a form (a superseded
    # one may show what was corrected since; issue 11).
    if document.superseded_at is not None:
        raise PermissionDenied(_("差し替えられた帳票は委託先では出力できません。"))
    if document.includes_mynumber:
        raise PermissionDenied(_("個人番号を含む帳票は委託先では出力できません。"))
    if document.kind not in OPERATOR_KINDS:
        raise PermissionDenied(_("この帳票は委託先では出力できません。"))
    return document


def document_pdf(*, document: Document) -> bytes:
    try:
        pdf = read_sealed(name=document.file, document_id=document.pk)
    except SealedFileError as exc:
        raise DocumentIntegrityError(str(exc)) from exc
    if hashlib.sha256(pdf).hexdigest() != document.sha256:
        raise DocumentIntegrityError("帳票ファイルが発行時の内容と一致しません (SHA-256 不一致)。")
    return pdf


def case_document_panel(*, user: User, case: Case) -> dict:
    """What the case page's 帳票 section shows this user."""
    current = {document.kind: document for document in documents_for_case(case=case)}
    labels = casetype_spec(case.case_type).document_labels
    rows = []
    for kind in case_document_kinds(case):
        rows.append(
            {"kind": kind, "label": labels.get(kind, Kind(kind).label), "document": current.pop(kind, None)}
        )
    rows.extend(
        {"kind": kind, "label": labels.get(kind, doc.get_kind_display()), "document": doc}
        for kind, doc in current.items()
    )
    may_print = user.has_perm("documents.download_document")
    supervisor = user.has_perm("cases.approve_case")
    acts = user_acts_on(user, case)
    for row in rows:
        # Issued from the request screens (開示報告書), never from the generic buttons.
        row["managed"] = row["kind"] in SUPERVISOR_KINDS
        row["may_download"] = may_print and (supervisor or row["kind"] not in SUPERVISOR_KINDS)
        if row["document"] is not None and row["document"].includes_mynumber and not acts:
            row["may_download"] = False  # another office's number is not this user's to print
    return {
        "rows": rows,
        "can_download": may_print,
        "can_mynumber": user.has_perm("cases.use_mynumber"),
        "can_preview": may_print,
        "can_regenerate": may_print and acts,  # another office's: seen, not redone
    }
