"""The language switch returns to the Referer (no address in the page). A page that answered a POST on a
URL that takes no GET — the bulk actions' preview and result, a withdrawal refused — cannot be fetched again:
the switch brought the browser's bare 「405」 page (the sixteenth session's walk). It now returns to the
page that URL belongs to (the case's, the resident's) or to the home, and says why."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def switch(client, referer: str):
    return client.post("/language/", {"language": "en"}, HTTP_REFERER=f"http://testserver{referer}")


def test_the_switch_on_the_bulk_preview_goes_home_and_says_why(clerk):
    client = Client()
    client.force_login(clerk)
    response = switch(client, "/desk/tasks/bulk/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/", follow=True)
    assert page.status_code == 200
    assert "sent form" in page.content.decode()  # the English message: the result of a sent form


def test_the_switch_on_a_post_only_case_url_goes_to_the_case(clerk):
    client = Client()
    client.force_login(clerk)
    response = switch(client, "/cases/42/withdraw/")
    assert response.status_code == 302 and response["Location"] == "/cases/42/"


def test_the_switch_on_a_page_that_takes_get_still_returns_to_it(clerk):
    client = Client()
    client.force_login(clerk)
    response = switch(client, "/desk/queue/?page=2")
    assert response["Location"] == "http://testserver/desk/queue/?page=2"
    # a form page shown again with its errors (GET and POST) is fetched again as it was
    response = switch(client, "/intake/")
    assert response["Location"] == "http://testserver/intake/"


def test_an_unknown_or_foreign_referer_is_left_to_django(clerk):
    client = Client()
    client.force_login(clerk)
    assert switch(client, "/no/such/page/")["Location"] == "http://testserver/no/such/page/"
    response = client.post(
        "/language/", {"language": "en"}, HTTP_REFERER="https://evil.example/desk/tasks/bulk/"
    )
    assert "evil.example" not in response["Location"]
