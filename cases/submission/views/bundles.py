"""The weekly bundle screens: the list, building a bundle, its page and progress, the ZIP's download.
Every action is re-checked by its service (permission and state); changing a draft is in bundle_drafts,
sealing and handing over in bundle_sealing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.common.date_display import date_show
from cases.common.progress import job_stalled
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.scope import user_acts_citywide
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle
from cases.submission.selectors.bundles import (
    bundle_form_counts,
    bundle_items_for,
    bundle_progress,
    bundle_removed_items,
    bundle_upcoming,
    bundles_list,
    cases_sent_late,
)
from cases.submission.storage import BundleFileError
from cases.submission.views.bundle_common import SEAL, VIEW, _bundle, _citywide, _zip_problem

PAGE_SIZE = 100


@login_required
@permission_required(VIEW, raise_exception=True)
def bundle_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(bundles_list(), 50).get_page(request.GET.get("page"))
    running = any(bundle.job and not job_stalled(bundle.job_beat_at) for bundle in page)
    cutoff_at = svc.next_cutoff()
    upcoming = bundle_upcoming(user=request.user)
    context = {
        "page": page,
        "running": running,
        "next_cutoff": cutoff_at,
        "next_cutoff_day": svc.sent_late_before(cutoff_at),  # a 送付期限 before it is missed
        "upcoming": upcoming[:UPCOMING_SHOWN],
        "upcoming_count": upcoming.count(),
        "late": cases_sent_late(user=request.user, cutoff_at=cutoff_at)[:UPCOMING_SHOWN],
        "today": timezone.localdate(),
        "acts_citywide": user_acts_citywide(request.user),
    }
    return render(request, "cases/bundles/list.html", context)


UPCOMING_SHOWN = 100


@require_POST
@login_required
@permission_required(SEAL, raise_exception=True)
@_citywide
def bundle_build(request: HttpRequest) -> HttpResponse:
    try:
        cutoff_at = svc.bundle_build_request(by=request.user)
    except svc.BundleNothingToSend as exc:
        messages.warning(request, str(exc))
        return redirect("bundle_list")
    messages.success(
        request,
        _("締切 %(cutoff)s の送付の作成を開始しました。") % {"cutoff": date_show(cutoff_at)},
    )
    return redirect("bundle_list")


@require_POST
@login_required
@permission_required(SEAL, raise_exception=True)
@_citywide
def bundle_build_off_cycle(request: HttpRequest) -> HttpResponse:
    """臨時送付: every case approved by now, on any day (e.g. to keep 則9条's 14 days)."""
    try:
        cutoff_at = svc.bundle_off_cycle_request(by=request.user)
    except svc.BundleNothingToSend as exc:
        messages.warning(request, str(exc))
        return redirect("bundle_list")
    messages.success(
        request,
        _("臨時送付 (締切 %(cutoff)s) の作成を開始しました。")
        % {"cutoff": date_show(timezone.localtime(cutoff_at))},
    )
    return redirect("bundle_list")


@login_required
@permission_required(VIEW, raise_exception=True)
def bundle_detail(request: HttpRequest, bundle_id: int) -> HttpResponse:
    bundle = _bundle(bundle_id)
    items, hidden = bundle_items_for(bundle=bundle, user=request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        target=f"bundle:{bundle.number}",
        detail={"bundle": bundle.number, "page": page.number},
    )
    progress = bundle_progress(bundle)
    stalled = bool(progress and progress["stalled"])
    context = {
        "bundle": bundle,
        "page": page,
        "hidden": hidden,
        "removed": bundle_removed_items(bundle=bundle, user=request.user),
        "form_counts": bundle_form_counts(bundle=bundle),
        # A stopped job is not shown as running: the page offers to resume it instead.
        "progress": None if stalled else progress,
        "stalled": progress if stalled else None,
        "is_draft": bundle.state == SubmissionBundle.State.DRAFT,
        # A draft whose adding of cases stopped: its button resumes the adding, nothing is zipped or sealed.
        "collecting": bundle.state == SubmissionBundle.State.DRAFT and bundle.collected_at is None,
        "empty": not page.paginator.count and not hidden,
        "is_sealed": bundle.state == SubmissionBundle.State.SEALED,
        "sealed_complete": bool((bundle.manifest or {}).get("sealed")) and not bundle.job,
        "resume_seal": stalled and bundle.job == "seal",
        "zip_problem": _zip_problem(bundle),  # a draft's only: the 「封緘する」 button is not offered
        "acts_citywide": user_acts_citywide(request.user),  # a branch 係長 sees the bundle, acts on none
    }
    return render(request, "cases/bundles/detail.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def bundle_progress_json(request: HttpRequest, bundle_id: int) -> JsonResponse:
    """What the detail page polls (X-Nenkin-Poll: the poll does not count as activity)."""
    bundle = _bundle(bundle_id)
    progress = bundle_progress(bundle)
    return JsonResponse(
        {
            "running": bool(progress and not progress["stalled"]),
            "stalled": bool(progress and progress["stalled"]),
            "done": bundle.job_done,
            "total": bundle.job_total,
        }
    )


@login_required
@permission_required("cases.download_bundle", raise_exception=True)
@_citywide
def bundle_download(request: HttpRequest, bundle_id: int) -> HttpResponse:
    bundle = _bundle(bundle_id)
    try:
        data = svc.bundle_archive_for_download(bundle=bundle, by=request.user, request=request)
    except (svc.BundleError, BundleFileError) as exc:
        messages.error(request, str(exc))
        return redirect("bundle_detail", bundle_id=bundle.pk)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{bundle.number}.zip"'
    response["Cache-Control"] = "no-store"
    return response
