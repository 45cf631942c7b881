"""CSRF on every POST, and error pages that show neither personal data nor debug detail."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path

from cases.security.access_rules import ADMIN_NAMESPACE
from cases.security.authz import url_routes
from cases.security.models.audit import AuditAction, AuditEntry
from tests.security.matrix_client import concrete_path

pytestmark = pytest.mark.django_db

NUMBER, NAME, KANA = "123456789018", "神楽道子", "カグラミチコ"


def _fail(request, number: str = ""):
    raise RuntimeError(f"個人番号 {NUMBER} の {NAME} で失敗")


def _refuse(request):
    raise PermissionDenied(f"{NAME} ({NUMBER}) は他の事務所の宛名です")


# Used as ROOT_URLCONF by the error-page tests: the real URLs plus two views that fail on purpose.
urlpatterns = [
    path("boom/<str:number>/", _fail),
    path("refuse/", _refuse),
    path("ok/", lambda request: HttpResponse("ok")),
    path("", include("config.urls")),
]


def _all_paths() -> list[tuple[str, str]]:
    values = {
        name: 1
        for name in (
            "case_id",
            "task_id",
            "document_id",
            "bundle_id",
            "batch_id",
            "discrepancy_id",
            "transfer_id",
            "inquiry_id",
            "resident_id",
            "upload_id",
            "list_id",
            "object_id",
            "id",
            "content_type_id",
        )
    }
    values["kind"] = "receipt"
    paths = []
    for route in url_routes():
        if not route.route or "(?P<" in route.route:
            continue  # the admin's app list and catch-all are regexes; their pages take no POST anyway
        paths.append((route.key, concrete_path(route, values)))
    return paths


def test_a_post_without_a_csrf_token_is_refused_everywhere(clerk, supervisor, admin_user):
    """Every URL pattern, desk and admin, for a signed-in user and an anonymous one."""
    paths = _all_paths()
    assert len(paths) > 100
    accepted = []
    for who in (None, supervisor, admin_user):
        client = Client(enforce_csrf_checks=True)
        if who is not None:
            client.force_login(who)
        for key, url in paths:
            if who is admin_user and not key.startswith(ADMIN_NAMESPACE + ":"):
                continue
            response = client.post(url, {"username": "x", "password": "y", "reason": "r"})
            if response.status_code != 403 or "送信できませんでした" not in response.content.decode():
                accepted.append(f"{key} {url} as {who}: {response.status_code}")
    assert accepted == []
    # Nothing happened: still signed in (the logout was refused too), no login attempt recorded.
    client = Client(enforce_csrf_checks=True)
    client.force_login(supervisor)
    client.post("/logout/")
    assert client.get("/desk/").status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).exists()


def _assert_clean(response, *secrets: str) -> str:
    text = response.content.decode()
    for secret in (NUMBER, NAME, KANA, *secrets):
        assert secret not in text
    for debug in ("Traceback", "RuntimeError", "Django", "settings.py", "DEBUG", "Request Method"):
        assert debug not in text
    return text


@pytest.mark.urls(__name__)
def test_error_pages_do_not_echo_the_address_or_the_exception(client, clerk, operator):
    client.force_login(clerk)
    not_found = client.get(f"/cases/999999/?name={NAME}&number={NUMBER}")
    assert not_found.status_code == 404
    assert "ページが見つかりません" in _assert_clean(not_found)
    unknown = client.get(f"/residents/search/{NUMBER}/{NAME}/")
    assert unknown.status_code == 404
    _assert_clean(unknown)

    refused = client.get("/refuse/")
    assert refused.status_code == 403
    assert "この操作を行う権限がありません" in _assert_clean(refused)
    other = Client()
    other.force_login(operator)
    forbidden = other.get(f"/cases/1/?q={NUMBER}")
    assert forbidden.status_code == 403
    _assert_clean(forbidden)


@pytest.mark.urls(__name__)
def test_a_server_error_page_shows_no_detail(clerk, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(clerk)
    response = client.get(f"/boom/{NUMBER}/")
    assert response.status_code == 500
    assert "システムでエラーが発生しました" in _assert_clean(response)
    assert response["Content-Security-Policy"]
    # The traceback is logged (for the administrator), with the number redacted.
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert logged and logged[0].exc_info
    assert "RuntimeError" in caplog.text and NUMBER not in caplog.text


def test_the_csrf_failure_page_is_japanese_and_plain(client):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": NAME, "password": NUMBER})
    assert response.status_code == 403
    assert "画面を開き直してから" in _assert_clean(response)
