"""Requesting URLs as each role and naming the outcome the way cases/security/access_matrix.py does."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cases.security.access_rules import ALLOW, ANONYMOUS, DENY, LOGIN, NOT_FOUND
from cases.security.authz import Route

METHOD_NOT_ALLOWED = "method_not_allowed"
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def concrete_path(route: Route, values: dict[str, object]) -> str:
    """The route with each <converter:name> replaced by values[name]."""
    missing = [name for name in _CONVERTER.findall(route.route) if name not in values]
    if missing:
        raise KeyError(f"{route.key}: no fixture value for {', '.join(missing)} (tests/security/world.py)")
    return "/" + _CONVERTER.sub(lambda m: str(values[m.group(1)]), route.route)


def classify(response) -> str:
    status = response.status_code
    if status == 403:
        return DENY
    if status == 404:
        return NOT_FOUND
    if status == 405:
        return METHOD_NOT_ALLOWED
    if 300 <= status < 400:
        location = urlsplit(response["Location"])
        if location.path in (reverse("login"), reverse("admin:login")) and "next=" in location.query:
            return LOGIN
        return ALLOW
    if status >= 500:
        return f"server error {status}"
    return ALLOW


class RoleClients:
    """One logged-in test client per role (plus an anonymous one). Every request runs in a savepoint
    that is rolled back, so a POST that changes something changes it for that request only."""

    def __init__(self, users: dict[str, object]) -> None:
        self.users = users
        self.clients: dict[str, Client] = {ANONYMOUS: Client()}
        for role in users:
            self._login(role)

    def _login(self, role: str) -> None:
        client = Client()
        client.force_login(self.users[role])
        self.clients[role] = client

    def request(self, role: str, method: str, path: str, data: dict | None = None):
        client = self.clients[role]
        with transaction.atomic():
            response = client.get(path) if method == "GET" else client.post(path, data or {})
            transaction.set_rollback(True)
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        if role != ANONYMOUS and (cookie is None or not cookie.value):
            self._login(role)  # the request logged the client out (logout)
        return response

    def outcome(self, role: str, method: str, path: str) -> str:
        try:
            response = self.request(role, method, path)
        except Exception as exc:  # the test client re-raises what a view lets through
            return f"exception {type(exc).__name__}: {exc}"[:300]
        result = classify(response)
        if result == LOGIN and role != ANONYMOUS:
            # The admin sends a logged-in non-staff user to its login step, which must refuse them.
            follow = urlsplit(response["Location"])
            second = self.request(role, "GET", f"{follow.path}?{follow.query}")
            return classify(second)
        return result


def post_everywhere(client: Client, world, values: dict, data: dict, *, skip=lambda route: False) -> dict:
    """POSTs `data` to every URL that takes a POST (the role's READ_ONLY_POSTS aside), each with the
    world's ids (`values`; the bundle's removal names the case in the bundle); {path: status}."""
    from cases.security.access_matrix import URLS
    from cases.security.access_rules import READ_ONLY_POSTS
    from cases.security.authz import url_routes

    answers = {}
    for route in url_routes():
        access = URLS.get(route.key)
        if access is None or access.post is None or route.key in READ_ONLY_POSTS or skip(route):
            continue
        ids = {**values, "case_id": world.ready_case.pk} if route.key == "bundle_remove_case" else values
        path = concrete_path(route, ids)
        answers[path] = client.post(path, data).status_code
    return answers
