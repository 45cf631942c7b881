"""The screen language: Japanese unless the user chose English with the switch at the foot.

Django's LocaleMiddleware would also follow the browser's Accept-Language, so a PC set up in
English would show the desk in English without anyone choosing it. At a city counter the default
must be the office's language; only the explicit choice (the language cookie) changes it.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread goes back to the office's language: code run after this request in the
            # same thread (an in-process job, a test) must not inherit the user's choice.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
