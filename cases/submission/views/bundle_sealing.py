"""Sealing a bundle and recording its hand-over to 機構 (送付日). Every action is re-checked by its
service (permission and state)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.submission import bundles as svc
from cases.submission.forms.bundles import HandOverForm, SealForm
from cases.submission.models import SubmissionBundle
from cases.submission.selectors.bundles import bundle_form_counts
from cases.submission.views.bundle_common import SEAL, _bundle, _citywide, _posted, _zip_problem


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
