"""Switching the screen language (日本語 / English) from the top bar and the login screen. Beside the
sign-in views: it is offered before the login, and it reads the access matrix (which URLs take no GET)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import check_for_language, gettext
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from cases.security.access_matrix import URLS

# A URL that takes no GET, by the page it belongs to (its keyword argument → that page's URL name).
_OWNER_PAGES = (("case_id", "case_detail"), ("resident_id", "resident_detail"))


@login_not_required  # the login screen offers the switch too
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    # Django's own view: it only follows a ``next`` on this host and stores the choice in a cookie.
    # Documents for 日本年金機構 stay Japanese whatever is chosen here.
    response = set_language(request)
    elsewhere = _instead_of_post_only(response)
    if elsewhere is None:
        return response
    # The page switched from answered a sent form on a URL that takes no GET (the bulk actions' preview,
    # a refusal shown again): fetched again it is the browser's bare 405. The language is set all the same.
    response["Location"] = elsewhere
    # Only a language of ours is activated: Django caches each one activated for the life of the process,
    # so any posted value would grow every worker's memory (set_language itself checks it the same way).
    asked = request.POST.get("language") or ""
    language = asked if check_for_language(asked) else translation.get_language()
    with translation.override(language):
        messages.info(
            request,
            gettext("表示言語を切り替えました。前の画面は送信したフォームの結果のため開き直せません。"),
        )
    return response


def _instead_of_post_only(response: HttpResponse) -> str | None:
    """Where to go instead of the Referer set_language returns to, when that is a URL of this site the
    access matrix lists as taking no GET (URLS[name].get is None); None otherwise."""
    target = response.get("Location", "")
    parts = urlsplit(target)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    access = URLS.get(match.view_name)
    if access is None or access.get is not None:
        return None
    for argument, page in _OWNER_PAGES:
        if argument in match.kwargs:
            return reverse(page, kwargs={argument: match.kwargs[argument]})
    return reverse("home")
