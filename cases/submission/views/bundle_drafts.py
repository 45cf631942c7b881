"""Changing a draft bundle: a case taken out, its ZIP made again or its adding of cases resumed. Every
action is re-checked by its service (permission and state)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.kernel.access import case_get_for_user
from cases.security.refusals import refusal_record
from cases.submission import bundles as svc
from cases.submission.forms.bundles import RemoveCaseForm
from cases.submission.views.bundle_common import SEAL, _bundle, _citywide, _posted


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
