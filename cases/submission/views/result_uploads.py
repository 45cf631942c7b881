"""Step 2 of the 処理結果一覧表 (issue 11 H1): a second 係長 reads what each line would change and
applies the upload, or rejects it saying why; the uploader may only withdraw it. Any 係長 sees the
page (seeing is not acting, decisions §17); another office's 係長 is told why they cannot act, and a
POST of theirs is refused (403, in the access log with that reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.registry.imports.errors import ImportRejected
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.refusals import refusal_record
from cases.submission.forms.results import ResultUploadDecisionForm
from cases.submission.result_upload_preview import preview_mark, preview_marked, result_uploads_overlapping
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_confirm import (
    PERMISSION,
    ResultUploadChanged,
    ResultUploadError,
    result_upload_apply,
    result_upload_preview_now,
    result_upload_reject,
    result_upload_scope_check,
)


def _act(request: HttpRequest, upload: ResultUpload) -> ResultUploadChanged | None:
    """The decision posted; the page to show again when applying would no longer do what it showed."""
    action = request.POST.get("action")
    form = ResultUploadDecisionForm(request.POST)
    try:
        if action == "apply":
            shown = form.cleaned_data.get("shown", "") if form.is_valid() else ""
            result = result_upload_apply(upload=upload, by=request.user, request=request, shown=shown)
            messages.success(
                request,
                _(
                    "反映しました (アップロード #%(upload)s → 取込番号 %(no)s): 突合済 %(matched)s件、不一致 %(diff)s件"
                )
                % {
                    "upload": upload.pk,
                    "no": result.pk,
                    "matched": result.matched,
                    "diff": result.discrepancies,
                },
            )
        elif action in ("reject", "withdraw"):  # the service tells the two apart by who asks
            if not form.is_valid():
                for error in form.errors.get("reason", []):
                    messages.error(request, error)
                return
            decided = result_upload_reject(
                upload=upload, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
            if decided.state == ResultUpload.State.WITHDRAWN:
                messages.success(request, _("この取込を取り下げました。案件は変わりません。"))
            else:
                messages.success(request, _("この取込を却下しました。案件は変わりません。"))
    except PermissionDenied as exc:  # one's own upload to apply: a refusal, logged, shown on the page
        refusal_record(request, message=str(exc))
        messages.error(request, str(exc) or _("この操作はできません。"))
    except ResultUploadChanged as exc:
        return exc
    except ResultUploadError as exc:
        messages.error(request, str(exc))
    except ImportRejected as exc:
        # One message a line (they ran together in one paragraph), the first 20 and how many more.
        for error in exc.errors[:20]:
            messages.error(request, str(error))
        if len(exc.errors) > 20:
            messages.error(request, _("ほか %(count)s 行") % {"count": len(exc.errors) - 20})
    return None


def _not_acting(request: HttpRequest, upload: ResultUpload) -> str:
    """Why this 係長 may not decide the upload ("" if they may): another office's, or their own."""
    try:
        result_upload_scope_check(upload, request.user)
    except PermissionDenied as exc:
        return str(exc)
    return ""


def _changes(request: HttpRequest, upload: ResultUpload, changed: ResultUploadChanged | None) -> dict:
    """The lines to show: what applying would do now (pending), what it did (applied), or what the
    uploader was shown (rejected, withdrawn). After a refused 反映する (`changed`), the lines as worked
    out then, those changed since the page was shown marked."""
    if changed is not None:
        lines = preview_marked(changed.lines, upload.preview)
        for entry in lines:
            entry["changed_since_shown"] = entry["line"] in changed.changed
        return {"lines": lines, "overlapping": result_uploads_overlapping(upload)}
    if upload.state != ResultUpload.State.PENDING:
        return {"lines": upload.preview, "overlapping": []}
    try:
        lines = result_upload_preview_now(upload)
    except ResultUploadError as exc:  # the kept file unreadable: applying will refuse it too
        messages.error(request, str(exc))
        lines = upload.preview
    return {"lines": lines, "overlapping": result_uploads_overlapping(upload)}


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def result_upload_detail(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = get_object_or_404(
        ResultUpload.objects.select_related("uploaded_by__office", "decided_by"), pk=upload_id
    )
    other_office = _not_acting(request, upload)
    if request.method == "POST":
        if other_office:  # logged here with the reason; the middleware then does not log it again
            refusal_record(request, message=other_office)
            raise PermissionDenied(other_office)
        changed = _act(request, upload)
        if changed is None:
            return redirect("result_upload_detail", upload_id=upload.pk)
    else:
        changed = None
        audit_record(action=AuditAction.VIEW, request=request, target=f"result_upload:{upload.pk}")
    pending = upload.state == ResultUpload.State.PENDING and not other_office
    own = upload.uploaded_by_id == request.user.pk
    context = {
        "upload": upload,
        # A branch 係長 was offered 「反映する」 for a 本庁 file whose every line they may not apply, and
        # could reject it (exploratory tests, 2026-12-05 and 2026-12-06).
        "may_decide": pending and not own,
        "may_withdraw": pending and own,
        "other_office": other_office if upload.state == ResultUpload.State.PENDING else "",
        **_changes(request, upload, changed),
    }
    # The mark of the lines shown: 反映する is of them (a page gone stale is shown again, 400).
    mark = preview_mark(context["lines"])
    form = ResultUploadDecisionForm(initial={"shown": mark})
    if changed is not None:  # the next 反映する is of the lines shown now
        form = ResultUploadDecisionForm({"shown": mark})
        form.is_valid()
        form.add_error(None, str(changed))
    context["form"] = form
    return render(request, "cases/results/upload.html", context, status=400 if changed else 200)
