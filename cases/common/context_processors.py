from django.conf import settings
from django.http import HttpRequest


def desk(request: HttpRequest) -> dict:
    return {"city_name": settings.NENKIN_CITY_NAME}


def security(request: HttpRequest) -> dict:
    # idle.js blanks the screen after the same time the server ends the session.
    return {"idle_timeout": settings.NENKIN_IDLE_TIMEOUT_SECONDS}
