"""処理結果一覧表: upload and list of imports; the 突合 queue and resolving its items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.common.codes import Decision, ExemptionKind
from cases.common.date_display import series_separator
from cases.common.params import int_param
from cases.registry.imports.errors import ImportRejected
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.scope import offices_act_check, user_acts_for
from cases.submission.discrepancies import discrepancy_office_id, discrepancy_resolve
from cases.submission.forms.results import DiscrepancyFilterForm, DiscrepancyResolveForm, ResultUploadForm
from cases.submission.result_upload_preview import result_uploads_overlapping
from cases.submission.results_confirm import result_upload_stage
from cases.submission.selectors.results import (
    discrepancies_visible_to,
    result_imports_recent,
    result_uploads_decided,
    result_uploads_pending,
)

PAGE_SIZE = 50


@login_required
@permission_required("cases.import_results", raise_exception=True)
def results_index(request: HttpRequest) -> HttpResponse:
    """Step 1 of 2 (issue 11 H1): the upload waits for a second 係長 (result_upload_detail)."""
    form = ResultUploadForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = result_upload_stage(
                filename=upload.name or "upload.csv", data=upload.read(), by=request.user, request=request
            )
        except ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("取り込みました (%(lines)s行)。別の係長が内容を確認して反映するまで、案件は変わりません。")
                % {"lines": staged.line_count},
            )
            overlapping = result_uploads_overlapping(staged)
            if overlapping:  # applying one sends the other's lines about those cases to the 突合 queue
                messages.warning(
                    request,
                    _("同じ案件を含む確認待ちの取込があります: %(uploads)s")
                    % {
                        "uploads": series_separator().join(
                            _("アップロード #%(no)s") % {"no": pk} for pk in overlapping
                        )
                    },
                )
            return redirect("result_upload_detail", upload_id=staged.pk)
    page = Paginator(result_imports_recent(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "errors": errors,
        "page": page,
        "pending": result_uploads_pending(),
        "decided": result_uploads_decided()[:50],
    }
    return render(request, "cases/results/index.html", context, status=400 if errors else 200)


@login_required
@permission_required("cases.view_discrepancy", raise_exception=True)
def discrepancy_list(request: HttpRequest) -> HttpResponse:
    form = DiscrepancyFilterForm(request.GET or None)
    items = discrepancies_visible_to(request.user)
    status = "open"
    if form.is_bound and not form.is_valid():
        # Not every open item with the bad filter ignored: nothing until it is corrected.
        items = items.none()
    elif form.is_valid():
        if form.cleaned_data["kind"]:
            items = items.filter(kind=form.cleaned_data["kind"])
        status = form.cleaned_data["status"] or "open"
    if status == "open":
        items = items.filter(resolved_at__isnull=True)
    elif status == "resolved":
        items = items.filter(resolved_at__isnull=False)
    import_id = int_param(request.GET.get("import"))
    if import_id is not None:
        items = items.filter(result_import_id=import_id)  # with the items tied to no line
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    refused = form.is_bound and not form.is_valid()
    return render(
        request, "cases/results/discrepancies.html", {"form": form, "page": page, "refused": refused}
    )


@login_required
@permission_required("cases.view_discrepancy", raise_exception=True)
def discrepancy_detail(request: HttpRequest, discrepancy_id: int) -> HttpResponse:
    item = discrepancies_visible_to(request.user).filter(pk=discrepancy_id).first()
    if item is None:
        raise Http404(_("該当する不一致が見つかりません。"))
    # A branch 係長 sees the 本庁's item but does not clear it (a POST is refused by the service).
    may_change = request.user.has_perm("cases.change_discrepancy") and user_acts_for(
        request.user, discrepancy_office_id(item)
    )
    if request.method == "POST" and request.user.has_perm("cases.change_discrepancy"):
        offices_act_check(request.user, discrepancy_office_id(item))
    can_resolve = may_change and item.resolved_at is None
    form = DiscrepancyResolveForm(request.POST or None) if can_resolve else None
    if request.method == "POST":
        if not request.user.has_perm("cases.change_discrepancy"):
            raise PermissionDenied
        if not can_resolve:
            messages.error(request, _("この不一致は既に対応済です。"))
            return redirect("discrepancy_detail", discrepancy_id=item.pk)
        if form.is_valid():
            try:
                discrepancy_resolve(
                    discrepancy=item, by=request.user, note=form.cleaned_data["note"], request=request
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("対応済にしました。"))
            return redirect("discrepancy_detail", discrepancy_id=item.pk)
    else:
        case = item.case
        audit_record(
            action=AuditAction.VIEW,
            request=request,
            resident_id=case.resident_id if case else None,
            case_id=item.case_id,
            target=f"discrepancy:{item.pk}",
        )
    context = {"item": item, "form": form}
    if item.line is not None:
        context["line_decision"] = Decision(item.line.decision).label
        context["line_kind"] = ExemptionKind(item.line.granted_kind).label if item.line.granted_kind else ""
    return render(request, "cases/results/discrepancy.html", context)
