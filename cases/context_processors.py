from django.conf import settings
from django.http import HttpRequest


def desk(request: HttpRequest) -> dict:
    return {"city_name": settings.NENKIN_CITY_NAME}
