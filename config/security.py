"""Response headers every page carries, whatever produced it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Content-Security-Policy on every response (settings.NENKIN_CONTENT_SECURITY_POLICY).

    Scripts and styles come only from our own static files: an injected <script> or on*= handler in a
    resident's name or address would not run even if escaping were ever forgotten.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.NENKIN_CONTENT_SECURITY_POLICY)
        return response
