"""Switching the screen language (日本語 / English) from the top bar and the login screen."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


@login_not_required  # the login screen offers the switch too
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    # Django's own view: it only follows a ``next`` on this host and stores the choice in a cookie.
    # Documents for 日本年金機構 stay Japanese whatever is chosen here.
    return set_language(request)
