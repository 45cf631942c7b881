"""The admin site's sign-in, sign-out and password pages, sent to the desk's own.

Signing in to the admin goes through the desk's own login, so the lockout, expiry, two-factor and
terminal rules apply there too.
"""

from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from cases.security.refusals import refusal_record
from cases.security.views.auth import DeskLogoutView


@login_not_required
def _admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    if request.user.is_authenticated and admin.site.has_permission(request):
        return redirect("admin:index")
    if request.user.is_authenticated:
        # Logged in but not staff: sending them to the login screen would loop straight back. The
        # refusal is logged under the page asked for (the admin's redirect put it in `next`), once.
        refusal_record(request, reason="permission", path=_asked_path(request))
        raise PermissionDenied
    # The desk's login view checks that `next` stays on this site.
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


def _asked_path(request: HttpRequest) -> str:
    """The path in `next` if it stays on this site (it is the user's to write), else this page's."""
    asked = request.GET.get("next", "")
    if asked and url_has_allowed_host_and_scheme(asked, allowed_hosts={request.get_host()}):
        path = urlsplit(asked).path
        if path.startswith("/"):
            return path
    return request.path


def _admin_logout(request: HttpRequest, extra_context=None) -> HttpResponse:
    return DeskLogoutView.as_view()(request)


def _admin_password_change(request: HttpRequest, extra_context=None) -> HttpResponse:
    return redirect("password_change")


admin.site.login = _admin_login
admin.site.logout = _admin_logout
admin.site.password_change = _admin_password_change
