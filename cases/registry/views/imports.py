from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.registry.forms.imports import ImportUploadForm
from cases.registry.imports.batches import importbatch_upload
from cases.registry.imports.errors import message_worded
from cases.registry.imports.sweep import importbatch_resume, importbatch_stalled
from cases.registry.models.imports import ImportBatch
from cases.registry.selectors.imports import importbatch_list_recent


@login_required
@permission_required("cases.import_records", raise_exception=True)
@require_http_methods(["GET", "POST"])
def imports_index(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = importbatch_upload(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user
        )
        return redirect("imports_detail", batch_id=batch.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "batches": importbatch_list_recent()}
    return render(request, "cases/imports/index.html", context, status=status)


@login_required
@permission_required("cases.import_records", raise_exception=True)
@require_http_methods(["GET", "POST"])
def imports_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=batch_id)
    stalled = importbatch_stalled(batch)
    if request.method == "POST":
        if request.POST.get("action") == "resume" and importbatch_resume(
            batch=batch, by=request.user, request=request
        ):
            messages.success(request, _("取込を再開しました。"))
        else:
            messages.error(request, _("この取込は再開できません。もう一度アップロードしてください。"))
        return redirect("imports_detail", batch_id=batch.pk)
    context = {
        "batch": batch,
        "running": batch.status == ImportBatch.Status.RUNNING and not stalled,
        "stalled": stalled,
        # Worded for this reader: the import ran in a worker, in Japanese (errors.Message).
        "errors": [{**error, "message": message_worded(error)} for error in batch.errors],
        "hidden_errors": max(batch.error_count - len(batch.errors), 0),
        "percent": int(100 * batch.processed_rows / batch.total_rows) if batch.total_rows else 0,
    }
    return render(request, "cases/imports/detail.html", context)


@login_required
@permission_required("cases.import_records", raise_exception=True)
def imports_progress_json(request: HttpRequest, batch_id: int) -> JsonResponse:
    """What the import page polls (X-Nenkin-Poll: the poll does not count as activity)."""
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    stalled = importbatch_stalled(batch)
    return JsonResponse(
        {
            "running": batch.status == ImportBatch.Status.RUNNING and not stalled,
            "stalled": stalled,
            "done": batch.processed_rows,
            "total": batch.total_rows,
        }
    )
