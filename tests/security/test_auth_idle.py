"""Idle timeout: the session ends after the limit (not before) and the screen lock is wired up."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache

from cases.security.middleware import last_seen_cache_key
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.security import LoginAttempt
from tests.security.auth_helpers import last_request_ago, logged_in, login, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def idle_settings(settings):
    settings.NENKIN_IDLE_TIMEOUT_SECONDS = 600


def test_activity_within_the_limit_keeps_the_session(client, clerk):
    login(client, "clerk1")
    last_request_ago(client, 595)
    assert client.get("/desk/").status_code == 200
    # That request counts as activity: another 595 seconds later the session is still there.
    last_request_ago(client, 595)
    assert client.get("/desk/").status_code == 200
    assert logged_in(client)


def test_idle_past_the_limit_logs_out_with_a_message(client, clerk):
    login(client, "clerk1")
    last_request_ago(client, 601)
    response = client.get("/desk/inbox/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/desk/inbox/"
    assert not logged_in(client)
    login_page = client.get(response["Location"])
    assert "一定時間操作がなかったため、ログアウトしました" in page(login_page)
    assert client.get("/desk/")["Location"].startswith("/login/")
    assert LoginAttempt.objects.filter(username="clerk1", reason="idle_logout").exists()
    entry = AuditEntry.objects.get(action=AuditAction.LOGOUT)
    assert entry.actor_id == clerk.pk and entry.detail == {"reason": "idle_logout"}


def test_a_post_after_the_limit_is_not_carried_out(client, clerk):
    login(client, "clerk1")
    last_request_ago(client, 700)
    response = client.post("/consultation/", {"fiscal_year": "2025"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert not logged_in(client)


def test_force_logged_in_sessions_start_counting_at_their_first_request(client, clerk):
    client.force_login(clerk)
    assert client.get("/desk/").status_code == 200
    assert cache.get(last_seen_cache_key(client.session.session_key)) is not None


def test_without_the_cache_the_session_time_still_ends_an_idle_session(client, clerk):
    login(client, "clerk1")
    last_request_ago(client, 601)
    cache.delete(last_seen_cache_key(client.session.session_key))
    assert client.get("/desk/").status_code == 302
    assert not logged_in(client)


def test_the_screen_lock_is_on_every_page_without_inline_script(client, clerk, settings):
    settings.NENKIN_IDLE_TIMEOUT_SECONDS = 420
    client.force_login(clerk)
    body = page(client.get("/desk/"))
    assert 'data-idle-timeout="420"' in body
    assert re.search(r'<script src="[^"]*cases/idle\.js" defer></script>', body)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline script"
    assert 'id="idle-lock"' in body
    assert '<meta http-equiv="refresh" content="425;url=/login/">' in body
    script = Path(finders.find("cases/idle.js")).read_text(encoding="utf-8")
    assert "data-idle-timeout" in script and "location.replace" in script


def test_pages_of_a_session_are_not_cached_by_the_browser(client, clerk):
    client.force_login(clerk)
    response = client.get("/desk/")
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_has_no_screen_lock(client, db):
    body = page(client.get("/login/"))
    assert "data-idle-timeout" not in body and "idle.js" not in body


def test_a_form_sent_after_the_session_ended_says_it_was_not_saved(client, clerk):
    """The clerk's-day test: a 決裁 sent after logging out in another tab went to the login page, and after
    logging in the form came back empty with no word that nothing was saved."""
    login(client, "clerk1")
    client.post("/logout/")
    sent = client.post("/inquiries/new/", {"detail": "電話で照会"}, follow=True)
    assert "/login/" in sent.redirect_chain[-1][0]
    assert "送信した内容は保存されていません" in sent.content.decode()
    # The same after the idle timeout ends the session.
    login(client, "clerk1")
    last_request_ago(client, 601)
    sent = client.post("/inquiries/new/", {"detail": "電話で照会"}, follow=True)
    page = sent.content.decode()
    assert "一定時間操作がなかったため" in page and "送信した内容は保存されていません" in page
    # A plain visit to a page after logging out says nothing of the kind.
    assert "保存されていません" not in client.get("/desk/", follow=True).content.decode()
