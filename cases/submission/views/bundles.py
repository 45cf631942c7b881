"""The weekly bundle screens. Every action is re-checked by its service (permission and state)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.common.date_display import date_show
from cases.common.progress import job_stalled
from cases.kernel.access import case_get_for_user
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.refusals import refusal_record
from cases.security.scope import citywide_check, user_acts_citywide
from cases.submission import bundles as svc
from cases.submission.forms.bundles import HandOverForm, RemoveCaseForm, SealForm
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

VIEW = "cases.view_submissionbundle"
SEAL = "cases.seal_bundle"
PAGE_SIZE = 100


def _citywide(view):
    """The bundle holds every office's cases: only the 本庁's 係長 build, change, seal, hand over or
    download it (decisions §17); a branch 係長 sees it (403, in the access log, otherwise)."""

    @wraps(view)
    def acting(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        citywide_check(request.user)
        return view(request, *args, **kwargs)

    return acting


def _posted(request: HttpRequest):
    # An empty POST (an unticked confirmation box) must still bind the form and show its error.
    return request.POST if request.method == "POST" else None


def _bundle(bundle_id: int) -> SubmissionBundle:
    return get_object_or_404(
        SubmissionBundle.objects.select_related("sealed_by", "handed_over_by"), pk=bundle_id
    )


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


def _when_done(
    request: HttpRequest, bundle: SubmissionBundle, *, sealing: bool = False, handing_over: bool = False
) -> HttpResponse | None:
    """A bookmarked seal or hand-over page of a bundle already sent (or, for the seal page, already
    sealed, empty or not fully built): its own page, saying so, instead of a form whose POST could only
    be refused (the POST itself is refused by the service)."""
    if request.method != "GET":
        return None
    try:
        svc.bundle_sent_check(bundle)
        if sealing:
            svc.bundle_sealed_check(bundle)
    except svc.BundleError as exc:
        messages.info(request, str(exc))
        return redirect("bundle_detail", bundle_id=bundle.pk)
    if handing_over:
        try:  # a draft (not sealed yet): the form's POST could only be refused (QA walk)
            svc.check_transition(bundle, SubmissionBundle.State.SENT)
        except svc.BundleError as exc:
            messages.error(request, str(exc))
            return redirect("bundle_detail", bundle_id=bundle.pk)
    if sealing:
        try:  # an empty draft, or one whose adding stopped: no form whose POST could only be refused
            svc.bundle_sealable_check(bundle)
        except svc.BundleError as exc:
            messages.error(request, str(exc))
            return redirect("bundle_detail", bundle_id=bundle.pk)
    return None


def _zip_problem(bundle: SubmissionBundle) -> str:
    """Why the seal is not offered for this draft's ZIP as it stands ("" when it is)."""
    try:
        svc.bundle_zip_check(bundle)
    except svc.BundleError as exc:
        return str(exc)
    return ""


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
@permission_required(SEAL, raise_exception=True)
@_citywide
@require_http_methods(["GET", "POST"])
def bundle_remove_case(request: HttpRequest, bundle_id: int, case_id: int) -> HttpResponse:
    bundle = _bundle(bundle_id)
    case = case_get_for_user(user=request.user, case_id=case_id)
    if request.method == "GET":
        try:
            svc.bundle_removal_check(bundle)
        except svc.BundleError as exc:  # a bookmarked page of a sealed bundle: no form to fill in vain
            messages.error(request, str(exc))
            return redirect("bundle_detail", bundle_id=bundle.pk)
    form = RemoveCaseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            svc.bundle_remove_case(
                bundle=bundle, case=case, by=request.user, reason=form.cleaned_data["reason"]
            )
        except svc.BundleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("案件 %(number)s を送付から除外しました。ZIP を作り直しています。")
                % {"number": case.number},
            )
            return redirect("bundle_detail", bundle_id=bundle.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "cases/bundles/remove.html", {"bundle": bundle, "case": case, "form": form}, status=status
    )


@login_required
@permission_required(SEAL, raise_exception=True)
@_citywide
@require_http_methods(["GET", "POST"])
def bundle_seal(request: HttpRequest, bundle_id: int) -> HttpResponse:
    bundle = _bundle(bundle_id)
    if (redirected := _when_done(request, bundle, sealing=True)) is not None:
        return redirected
    form = SealForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            svc.bundle_seal_request(bundle=bundle, by=request.user, reviewed=form.cleaned_data["reviewed"])
        except svc.BundleChanged as exc:
            # The counts below are today's: the next confirmation is of them, ticked afresh.
            form = SealForm({"reviewed": svc.bundle_contents_mark(svc.live_case_ids(bundle))})
            form.is_valid()
            form.add_error(None, str(exc))
        except svc.BundleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("送付 %(number)s の封緘を開始しました。") % {"number": bundle.number})
            return redirect("bundle_detail", bundle_id=bundle.pk)
    if not form.is_bound:
        form.initial["reviewed"] = svc.bundle_contents_mark(svc.live_case_ids(bundle))
    context = {
        "bundle": bundle,
        "form": form,
        "form_counts": bundle_form_counts(bundle=bundle),
        "zip_problem": _zip_problem(bundle),
    }
    return render(
        request, "cases/bundles/seal.html", context, status=400 if request.method == "POST" else 200
    )


@require_POST
@login_required
@permission_required(SEAL, raise_exception=True)
@_citywide
def bundle_rebuild(request: HttpRequest, bundle_id: int) -> HttpResponse:
    """「ZIP を再作成」, and 「案件の追加を再開」 for a draft whose adding stopped: the step that did not
    finish, then what follows it (bundle_resume_request)."""
    bundle = _bundle(bundle_id)
    try:
        job = svc.bundle_resume_request(bundle=bundle, by=request.user)
    except svc.BundleSealedError as exc:  # sealed: no button offers it, so a POST by hand (or a stale tab)
        refusal_record(request, reason="bundle_sealed", message=str(exc))
        messages.error(request, str(exc))
    except svc.BundleError as exc:
        messages.error(request, str(exc))
    else:
        if job == "collect":
            messages.success(request, _("案件の追加を再開しました。続けて ZIP を作成します。"))
        else:
            messages.success(request, _("ZIP の再作成を開始しました。"))
    return redirect("bundle_detail", bundle_id=bundle.pk)


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


@login_required
@permission_required(SEAL, raise_exception=True)
@_citywide
@require_http_methods(["GET", "POST"])
def bundle_hand_over(request: HttpRequest, bundle_id: int) -> HttpResponse:
    bundle = _bundle(bundle_id)
    if (redirected := _when_done(request, bundle, handing_over=True)) is not None:
        return redirected
    form = HandOverForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            svc.bundle_hand_over(
                bundle=bundle,
                by=request.user,
                sent_on=data["sent_on"],
                medium=data["medium"],
                received_by=data["received_by"],
            )
        except svc.BundleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("送付 %(number)s の送付日を記録しました。") % {"number": bundle.number}
            )
            return redirect("bundle_detail", bundle_id=bundle.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/bundles/hand_over.html", {"bundle": bundle, "form": form}, status=status)
