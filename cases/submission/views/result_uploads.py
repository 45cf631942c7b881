"""Step 2 of the 処理結果一覧表 (issue 11 H1): a second 係長 reads what each line would change and
applies the upload, or refuses it. The uploader sees the same page but cannot apply."""

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
from cases.security.scope import user_acts_for
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_confirm import (
    PERMISSION,
    ResultUploadError,
    result_upload_apply,
    result_upload_reject,
)


def _act(request: HttpRequest, upload: ResultUpload) -> None:
    action = request.POST.get("action")
    try:
        if action == "apply":
            result = result_upload_apply(upload=upload, by=request.user, request=request)
            messages.success(
                request,
                _("反映しました (取込番号 %(no)s): 突合済 %(matched)s件、不一致 %(diff)s件")
                % {"no": result.pk, "matched": result.matched, "diff": result.discrepancies},
            )
        elif action == "reject":
            result_upload_reject(
                upload=upload, by=request.user, reason=request.POST.get("reason", ""), request=request
            )
            messages.success(request, _("この取込を却下しました。案件は変わりません。"))
    except PermissionDenied as exc:  # one's own upload, another office's: a refusal, logged
        refusal_record(request, message=str(exc))
        messages.error(request, str(exc) or _("この操作はできません。"))
    except ResultUploadError as exc:
        messages.error(request, str(exc))
    except ImportRejected as exc:
        # One message a line (they ran together in one paragraph), the first 20 and how many more.
        for error in exc.errors[:20]:
            messages.error(request, str(error))
        if len(exc.errors) > 20:
            messages.error(request, _("ほか %(count)s 行") % {"count": len(exc.errors) - 20})


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def result_upload_detail(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = get_object_or_404(ResultUpload.objects.select_related("uploaded_by", "decided_by"), pk=upload_id)
    if request.method == "POST":
        _act(request, upload)
        return redirect("result_upload_detail", upload_id=upload.pk)
    audit_record(action=AuditAction.VIEW, request=request, target=f"result_upload:{upload.pk}")
    context = {
        "upload": upload,
        # The second 係長 of the uploader's office (the 本庁's, for any): a branch 係長 was offered
        # 「反映する」 for a 本庁 file whose every line they may not apply (exploratory test, 2026-12-05).
        "may_decide": upload.state == ResultUpload.State.PENDING
        and upload.uploaded_by_id != request.user.pk
        and user_acts_for(request.user, upload.uploaded_by.office_id),
    }
    return render(request, "cases/results/upload.html", context)
