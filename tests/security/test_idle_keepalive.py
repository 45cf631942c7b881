"""The idle lock and a person typing (browser test of the clerk's day): idle.js counted only from the page
load, so a clerk typing into 備考 for the whole timeout was logged out and lost the input. The page now
tells the server about real input through /session/keepalive/ (at most once a minute, and only after
input); that request renews the session like any other. An idle session still ends."""

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from cases.security.models.security import LoginAttempt
from cases.security.models.users import User
from tests.security.auth_helpers import last_request_ago, logged_in, login, page
from tests.security.test_i11_idle_progress import last_seen

pytestmark = pytest.mark.django_db
KEEPALIVE = "/session/keepalive/"


@pytest.fixture(autouse=True)
def idle_settings(settings):
    settings.NENKIN_IDLE_TIMEOUT_SECONDS = 600


def test_the_keepalive_renews_the_idle_window(client, clerk):
    login(client, "clerk1")
    last_request_ago(client, 590)
    response = client.post(KEEPALIVE)
    assert response.status_code == 204 and response.content == b""
    assert time.time() - last_seen(client) < 5
    # The keep-alive counted as the last request: the idle window starts again from it.
    assert client.get("/desk/").status_code == 200
    assert logged_in(client)


def test_a_session_past_the_limit_is_not_revived_by_the_keepalive(client, clerk):
    login(client, "clerk1")
    last_request_ago(client, 601)
    response = client.post(KEEPALIVE)
    assert response.status_code == 401
    assert response.json() == {"logged_out": True}
    assert not logged_in(client)
    assert LoginAttempt.objects.filter(username="clerk1", reason="idle_logout").exists()


def test_without_input_the_session_still_ends(client, clerk):
    """The browser sends nothing while nobody types: the server's limit is unchanged."""
    login(client, "clerk1")
    last_request_ago(client, 601)
    assert client.get("/desk/").status_code == 302
    assert not logged_in(client)


def test_an_anonymous_keepalive_is_refused(client, db):
    response = client.post(KEEPALIVE)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_the_keepalive_is_a_post_with_the_csrf_token(clerk):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(clerk)
    assert browser.get(KEEPALIVE).status_code == 405
    assert browser.post(KEEPALIVE).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page(browser.get("/desk/"))).group(1)
    assert browser.post(KEEPALIVE, HTTP_X_CSRFTOKEN=token).status_code == 204


def test_read_only_roles_keep_their_session_alive_too(auditor):
    browser = Client()
    browser.force_login(auditor)
    assert browser.post(KEEPALIVE).status_code == 204


def test_every_page_carries_the_keepalive_and_the_warning(client, clerk):
    client.force_login(clerk)
    body = page(client.get("/desk/"))
    assert f'data-idle-keepalive="{KEEPALIVE}"' in body
    assert 'id="idle-warning"' in body and "data-idle-countdown" in body
    script = Path(finders.find("cases/idle.js")).read_text(encoding="utf-8")
    for event in ("keydown", "input", "pointerdown", "scroll"):
        assert f'"{event}"' in script, event
    assert "data-idle-keepalive" in script


def test_typing_a_new_password_on_the_forced_change_screen_keeps_the_session(client, clerk, settings):
    """The forced password change lets nothing else through; the keep-alive it must (or the new
    password being typed is taken for idleness and the session ends)."""
    settings.NENKIN_PASSWORD_MAX_AGE_DAYS = 90
    settings.NENKIN_PASSWORD_GRACE_DAYS = 14
    User.objects.filter(pk=clerk.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=91))
    login(client, "clerk1")
    assert client.get("/desk/")["Location"] == "/account/password/"
    assert client.post(KEEPALIVE).status_code == 204
