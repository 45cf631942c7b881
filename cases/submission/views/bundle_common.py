"""What the bundle screens share: their permissions, the 本庁-only guard, the bundle by id, the seal's
ZIP check."""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from cases.security.scope import citywide_check
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle

VIEW = "cases.view_submissionbundle"
SEAL = "cases.seal_bundle"


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


def _zip_problem(bundle: SubmissionBundle) -> str:
    """Why the seal is not offered for this draft's ZIP as it stands ("" when it is)."""
    try:
        svc.bundle_zip_check(bundle)
    except svc.BundleError as exc:
        return str(exc)
    return ""
