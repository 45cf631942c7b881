"""A view that forgets its permission check fails `manage.py check` (nenkin.E101) and this test."""

import pytest
from django.contrib.auth.decorators import login_not_required, login_required, permission_required
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.http import HttpResponse
from django.urls import include, path

from cases.security.authz import permission_any, unguarded_routes, view_guard


def forgotten(request):
    return HttpResponse("everyone")


@login_required
def only_logged_in(request):
    return HttpResponse("any role")


@login_required
@permission_required("cases.view_case", raise_exception=True)
def guarded(request):
    return HttpResponse("ok")


@permission_any("documents.download_document", "documents.output_reports")
def guarded_any(request):
    return HttpResponse("ok")


@login_not_required
def sneaky_public(request):
    return HttpResponse("no login")


urlpatterns = [
    path("forgotten/", forgotten, name="forgotten"),
    path("only-logged-in/", only_logged_in, name="only_logged_in"),
    path("guarded/", guarded, name="guarded"),
    path("guarded-any/", guarded_any, name="guarded_any"),
    path("sneaky/", sneaky_public, name="sneaky_public"),
    path("", include("config.urls")),
]


def test_every_view_of_the_desk_declares_who_may_use_it():
    assert unguarded_routes() == []


def test_the_guard_reads_the_decorators():
    assert view_guard(guarded).all_of == ("cases.view_case",)
    assert view_guard(guarded_any).any_of == ("documents.download_document", "documents.output_reports")
    assert not view_guard(forgotten).declared and not view_guard(only_logged_in).declared
    assert view_guard(sneaky_public).public


@pytest.mark.urls(__name__)
def test_a_forgotten_permission_is_reported_by_name():
    problems = "\n".join(unguarded_routes())
    assert "forgotten (tests.security.test_view_guard.forgotten) に権限の確認がありません" in problems
    assert "only_logged_in" in problems  # logging in is not a permission
    assert "sneaky_public" in problems and "PUBLIC にありません" in problems
    assert "guarded " not in problems and "guarded_any" not in problems
    with pytest.raises(SystemCheckError, match=r"nenkin\.E101"):
        call_command("check")


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_login_is_the_default_even_for_a_forgotten_view(client, operator):
    response = client.get("/forgotten/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    # ...but any role gets in once logged in: that is what the check above is for.
    client.force_login(operator)
    assert client.get("/forgotten/").status_code == 200
    assert client.get("/guarded/").status_code == 403
