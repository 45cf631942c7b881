"""問合せ受付簿: every inquiry about the handling of 特定個人情報, received and followed to its close."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.common.documents import documents
from cases.common.params import int_param
from cases.security.audit import audit_record
from cases.security.forms.inquiry import InquiryForm
from cases.security.inquiries import (
    InquiryLocked,
    InquiryRepeated,
    InquiryStale,
    inquiries_visible_to,
    inquiry_for_change,
    inquiry_save,
)
from cases.security.models.audit import AuditAction
from cases.security.models.security import Inquiry


@login_required
@permission_required("cases.view_inquiry", raise_exception=True)
def inquiry_list(request: HttpRequest) -> HttpResponse:
    inquiries = inquiries_visible_to(request.user)
    if request.GET.get("open"):
        inquiries = inquiries.filter(closed_at__isnull=True)
    page = Paginator(inquiries, 50).get_page(request.GET.get("page"))
    return render(request, "cases/inquiries/list.html", {"page": page, "year": timezone.localdate().year})


@login_required
@permission_required("cases.view_inquiry", raise_exception=True)
def inquiry_print(request: HttpRequest) -> HttpResponse:
    """The printable 受付簿 (A4 landscape from the browser's print)."""
    year = int_param(request.GET.get("year"), minimum=1900, maximum=2099) or timezone.localdate().year
    inquiries = inquiries_visible_to(request.user).filter(received_at__year=year).order_by("received_at")
    audit_record(action=AuditAction.PRINT, request=request, target="inquiry_log", detail={"year": year})
    return render(request, "cases/inquiries/print.html", {"inquiries": inquiries, "year": year})


@require_POST
@login_required
@permission_required("cases.view_inquiry", raise_exception=True)
def inquiry_log_pdf(request: HttpRequest) -> HttpResponse:
    """The year's 受付簿 as a PDF through the documents app (kept, hashed, logged like any form)."""
    this_year = timezone.localdate().year
    year = int_param(request.POST.get("year"), minimum=0)
    year = this_year if year is None else year
    if not 2000 <= year <= this_year:
        messages.error(request, _("年は2000年から%(year)s年の間で指定してください。") % {"year": this_year})
        return redirect("inquiry_list")
    document = documents().report_request(kind="inquiry_log", requested_by=request.user, year=year)
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        target="inquiry_log_pdf",
        detail={"year": year, "document_id": document.pk},
    )
    return redirect("document_download", document_id=document.pk)


def _edit(request: HttpRequest, inquiry: Inquiry | None) -> HttpResponse:
    initial = (
        {}
        if inquiry
        else {"received_at": timezone.localtime().replace(second=0, microsecond=0), "handler": request.user}
    )
    form = InquiryForm(request.POST or None, instance=inquiry, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inquiry_save(form=form, user=request.user, request=request)
        except InquiryRepeated as repeated:
            messages.info(
                request,
                _("この問合せは既に受付簿に記録されています (二重送信のため新しく記録していません)。"),
            )
            return redirect("inquiry_edit", inquiry_id=repeated.inquiry.pk)
        except InquiryStale as stale:
            # What was typed stays; the form is now based on the colleague's save, so sending it
            # again (after reading the message) is a deliberate change.
            form.data = form.data.copy()
            form.data["revision"] = str(stale.revision.pk)
            form.add_error(None, stale.messages)
        else:
            messages.success(request, _("受付簿に記録しました。"))
            return redirect("inquiry_list")
    return render(request, "cases/inquiries/form.html", {"form": form, "inquiry": inquiry})


@login_required
@permission_required("cases.add_inquiry", raise_exception=True)
def inquiry_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
@permission_required("cases.change_inquiry", raise_exception=True)
def inquiry_edit(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    try:
        inquiry = inquiry_for_change(user=request.user, inquiry_id=inquiry_id)
    except InquiryLocked as exc:
        messages.error(request, str(exc))
        return render(request, "cases/inquiries/locked.html", status=409)
    return _edit(request, inquiry)
