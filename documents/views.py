"""Printing (download), regenerating and previewing documents. Every one of them is logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.kernel.access import case_act_check, case_get_for_user
from cases.security.audit import audit_record, audit_record_each
from cases.security.authz import permission_any
from cases.security.models.audit import AuditAction
from cases.submission.bundle_common import bundle_people
from documents.models import Document
from documents.mynumber import mynumber_for_preview
from documents.pdf_text import pdf_holds_mynumber
from documents.rendering import render_html
from documents.selectors import (
    STANDALONE_PERMISSIONS,
    SUPERVISOR_KINDS,
    DocumentIntegrityError,
    document_get_for_user,
    document_pdf,
)
from documents.services import (
    DocumentSuperseded,
    document_failed,
    document_regenerate,
    document_render,
    document_request,
)
from documents.snapshots import DocumentNotAvailable, case_document_kinds, snapshot_build


def _audit_target(document: Document) -> dict:
    return {
        "resident_id": document.case.resident_id if document.case_id else None,
        "case_id": document.case_id,
        "target": f"document:{document.kind}",
    }


def _detail(document: Document) -> dict:
    return {
        "document_id": document.pk,
        "kind": document.kind,
        "case_id": document.case_id,
        "bundle_id": document.bundle_id,
        "sha256": document.sha256,
        "includes_mynumber": document.includes_mynumber,
    }


def _file_name(document: Document) -> str:
    if document.case_id:
        return f"{document.kind}-{document.case.number}-{document.pk}.pdf"
    if document.bundle_id:
        return f"{document.kind}-{document.bundle.number}-{document.pk}.pdf"
    return f"{document.kind}-{document.pk}.pdf"


@login_required
@permission_any("documents.download_document", "documents.output_reports", *STANDALONE_PERMISSIONS.values())
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    try:
        document = document_get_for_user(user=request.user, document_id=document_id)
    except PermissionDenied:
        audit_record(
            action=AuditAction.DENIED, request=request, target="document", detail={"document_id": document_id}
        )
        raise
    if document.status == Document.Status.REQUESTED:
        # The worker has not got to it yet; the counter should not wait for the queue.
        try:
            document = document_render(document_id=document.pk) or document
        except Exception as exc:
            document_failed(document_id=document.pk, error=exc)
            document.refresh_from_db()
    if document.status != Document.Status.DONE:
        return render(request, "documents/not_ready.html", {"document": document}, status=409)
    try:
        pdf = document_pdf(document=document)
    except DocumentIntegrityError as exc:
        return render(
            request, "documents/not_ready.html", {"document": document, "error": str(exc)}, status=500
        )
    if _through_operator(request.user, document) and pdf_holds_mynumber(pdf):
        # The 委託先 (report output only): the PDF's own text is read, whatever the flags say.
        audit_record(
            action=AuditAction.DENIED,
            request=request,
            **_audit_target(document),
            detail={**_detail(document), "reason": "mynumber_in_pdf"},
        )
        raise PermissionDenied(_("個人番号と思われる番号を含む帳票は委託先では出力できません。"))
    audit_record(
        action=AuditAction.PRINT, request=request, **_audit_target(document), detail=_detail(document)
    )
    if document.kind == Document.Kind.BUNDLE_LIST:
        # The 送付一覧表 lists every person of the bundle: the print is logged under each of them too.
        audit_record_each(
            people=bundle_people(document.bundle_id),
            action=AuditAction.PRINT,
            request=request,
            target=f"document:{document.kind}",
            detail=_detail(document),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(document)}"'
    response["Cache-Control"] = "no-store"
    return response


def _through_operator(user, document: Document) -> bool:
    """Whether the user has this PDF only as the 委託先's report output. The auditor's 監査報告 and the
    受付簿 come with a permission of their own and may list 12-digit 宛名番号: not checked."""
    if user.has_perm("documents.download_document"):
        return False
    permission = STANDALONE_PERMISSIONS.get(document.kind)
    standalone = document.case_id is None and document.bundle_id is None
    return not (standalone and permission and user.has_perm(permission))


@require_POST
@login_required
@permission_required("documents.download_document", raise_exception=True)
def document_regenerate_view(request: HttpRequest, document_id: int) -> HttpResponse:
    document = document_get_for_user(user=request.user, document_id=document_id)
    if document.case_id is None:
        raise Http404(_("送付の帳票は送付の画面から作成し直してください。"))
    if document.kind in SUPERVISOR_KINDS:
        raise Http404(_("開示報告書は請求案件の画面から作成してください。"))
    case_act_check(user=request.user, case=document.case)  # seeing another office's form is not redoing it
    try:
        replacement = document_regenerate(document=document, actor=request.user)
    except DocumentSuperseded as exc:
        if exc.current is None:
            messages.error(request, _("この帳票は新しい帳票に置き換えられています。"))
        else:
            messages.info(
                request,
                _("この帳票は新しい帳票 #%(number)s に置き換えられています (作成し直していません)。")
                % {"number": exc.current.pk},
            )
        return redirect("case_detail", case_id=document.case_id)
    audit_record(
        action=AuditAction.CHANGE,
        request=request,
        **_audit_target(document),
        detail={**_detail(document), "action": "regenerate", "new_document_id": replacement.pk},
    )
    messages.success(
        request,
        _("%(kind)sを作成し直しました (帳票番号 %(number)s)。")
        % {"kind": document.get_kind_display(), "number": replacement.pk},
    )
    return redirect("case_detail", case_id=document.case_id)


def _case_kind(request: HttpRequest, case_id: int, kind: str):
    case = case_get_for_user(user=request.user, case_id=case_id)
    if kind not in case_document_kinds(case):
        raise Http404(_("この案件にはその帳票はありません。"))
    if kind in SUPERVISOR_KINDS:
        # Made (and logged) by the 開示請求 screens; its preview would show the access log to anyone.
        raise Http404(_("開示報告書は請求案件の画面から作成してください。"))
    return case


@require_POST
@login_required
@permission_required("documents.download_document", raise_exception=True)
def document_issue(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """発行: snapshots the case now (a no-op when the current document already shows the same data)."""
    case = _case_kind(request, case_id, kind)
    case_act_check(user=request.user, case=case)
    try:
        document = document_request(kind=kind, case=case, requested_by=request.user)
    except DocumentNotAvailable as exc:
        messages.error(request, str(exc))
        return redirect("case_detail", case_id=case.pk)
    audit_record(
        action=AuditAction.CHANGE,
        request=request,
        **_audit_target(document),
        detail={**_detail(document), "action": "issue"},
    )
    messages.success(
        request,
        _("%(kind)sを発行しました (帳票番号 %(number)s)。")
        % {"kind": document.get_kind_display(), "number": document.pk},
    )
    return redirect("case_detail", case_id=case.pk)


@login_required
@permission_required("documents.download_document", raise_exception=True)
def document_preview(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """The same template filled from a fresh snapshot, shown as HTML; nothing is stored."""
    case = _case_kind(request, case_id, kind)
    try:
        snapshot = snapshot_build(kind=kind, case=case)
    except DocumentNotAvailable as exc:
        raise Http404(str(exc)) from exc
    context = dict(snapshot.context)
    if "mynumber" in context:
        context["mynumber"] = mynumber_for_preview(context["mynumber"])
    # The screen's controls speak the clerk's language; the form under them renders in Japanese
    # (render_html), as it prints.
    context["preview"] = {
        "back_url": reverse("case_detail", args=[case.pk]),
        "back": _("案件 %(number)s に戻る") % {"number": case.number},
        "banner": _(
            "プレビュー (未発行) — 現在の入力内容から作成した見本です。印刷・交付には発行済みの帳票を使ってください。"
        ),
        "lang": translation.get_language(),
    }
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        resident_id=case.resident_id,
        case_id=case.pk,
        target=f"document_preview:{kind}",
    )
    response = HttpResponse(render_html(template=snapshot.template, context=context))
    response["Cache-Control"] = "no-store"
    return response
