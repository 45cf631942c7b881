"""Step 2 of the 処理結果一覧表 (issue 11 H1): a second 係長 reads what each line would change (the
match kept when the upload was checked, the lines whose case moved since marked) and applies the
upload, or rejects it saying why; the uploader may only withdraw it; either may match the file again
(再照合). Any 係長 sees the page (seeing is not acting, decisions §17); another office's 係長 is told why
they cannot act, and a POST of theirs is refused (403, in the access log with that reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.kernel.models import Stage
from cases.registry.imports.errors import ImportRejected
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.refusals import refusal_record
from cases.submission.forms.results import ResultUploadDecisionForm
from cases.submission.result_applied import applied_message
from cases.submission.result_upload_check import Moved, rechecked_message, upload_moved
from cases.submission.result_upload_preview import (
    preview_if_imported,
    preview_mark,
    result_import_earlier,
    result_uploads_overlapping,
)
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_confirm import (
    PERMISSION,
    ResultUploadChanged,
    ResultUploadError,
    ResultUploadMoved,
    result_upload_apply,
    result_upload_recheck,
    result_upload_reject,
    result_upload_scope_check,
)

Refused = ResultUploadChanged | ResultUploadMoved


def _act(request: HttpRequest, upload: ResultUpload) -> Refused | None:
    """The decision posted; why the page is shown again when applying would not do what it showed."""
    action = request.POST.get("action")
    form = ResultUploadDecisionForm(request.POST)
    try:
        if action == "apply":
            shown = form.cleaned_data.get("shown", "") if form.is_valid() else ""
            result = result_upload_apply(upload=upload, by=request.user, request=request, shown=shown)
            messages.success(request, applied_message(upload.pk, result))
        elif action == "recheck":
            _upload, changed = result_upload_recheck(upload=upload, by=request.user, request=request)
            messages.success(request, rechecked_message(changed))
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
    except (ResultUploadChanged, ResultUploadMoved) as exc:
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


def _marked(lines: list[dict], moved: list[Moved]) -> list[dict]:
    """Each line whose case moved since the match was kept marked, with the case's stage now (none
    said when only the import's matching saw the line go elsewhere)."""
    by_line = {item.line: item for item in moved}
    for entry in lines:
        item = by_line.get(entry["line"])
        if item is not None:
            stage = (Stage(item.now).label if item.now else _("なし")) if item.then or item.now else ""
            entry.update(moved=True, stage_now=stage)
    return lines


def _changes(upload: ResultUpload, refused: Refused | None) -> dict:
    """The lines to show: the kept match (pending), what applying did (applied), or the match as last
    kept (rejected, withdrawn). Pending, the lines whose case moved since are marked; after a refused
    反映する, the lines the refusal named too."""
    if upload.state != ResultUpload.State.PENDING:
        return {"lines": upload.preview, "overlapping": [], "moved": 0}
    earlier = result_import_earlier(upload.sha256)
    lines = preview_if_imported(upload.preview, upload.sha256, earlier)  # copies
    if isinstance(refused, ResultUploadChanged):
        for entry in lines:
            entry["changed_since_shown"] = entry["line"] in refused.changed
    # The very file imported already changes nothing, wherever its cases are now: nothing to mark.
    moved = {item.line: item for item in upload_moved(upload)} if earlier is None else {}
    if isinstance(refused, ResultUploadMoved):
        moved.update({item.line: item for item in refused.moved if item.line not in moved})
    return {
        "lines": _marked(lines, list(moved.values())),
        "overlapping": result_uploads_overlapping(upload),
        "moved": len(moved),
    }


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
        refused = _act(request, upload)
        if refused is None:
            return redirect("result_upload_detail", upload_id=upload.pk)
        upload.refresh_from_db()  # the kept match as it is now (another 係長 may have checked it again)
    else:
        refused = None
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
        "unchecked": upload.state == ResultUpload.State.PENDING and upload.checked_at is None,
        **_changes(upload, refused),
    }
    # Applying is refused until the file is matched again: the page says so as an alert and offers
    # 再照合する first (QA walk, 2026-12-06: a plain sentence under 「反映する」 as the primary button).
    context["must_recheck"] = upload.state == ResultUpload.State.PENDING and bool(
        context["unchecked"] or context["moved"]
    )
    office = upload.uploaded_by.office
    context["uploading_office"] = office.name if office else "―"
    # The mark of the lines shown: 反映する is of them (a page gone stale is shown again, 400).
    mark = preview_mark(context["lines"])
    form = ResultUploadDecisionForm(initial={"shown": mark})
    if refused is not None:  # the next 反映する is of the lines shown now
        form = ResultUploadDecisionForm({"shown": mark})
        form.is_valid()
        form.add_error(None, str(refused))
    context["form"] = form
    return render(request, "cases/results/upload.html", context, status=400 if refused else 200)
