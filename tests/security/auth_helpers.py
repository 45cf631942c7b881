"""Shared steps for the authentication tests: logging in through the real login screen."""

import datetime as dt
import time

from django.core.cache import cache

from cases.security.middleware import last_seen_cache_key
from cases.security.models.security import LoginAttempt
from cases.security.views.auth import LAST_SEEN_KEY

PASSWORD = "pw-for-tests-only-1"  # tests/conftest.py make_user
WRONG = "not-the-password-1"
INVALID_LOGIN = "ユーザーIDまたはパスワードが正しくありません"
ACCOUNT_LOCKED = "一定回数ログインに失敗したため、このアカウントは一時的にロックされています"
TERMINAL_REFUSED = "この端末からは利用できません"


def login(client, username: str, password: str = PASSWORD, address: str = "127.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def page(response) -> str:
    return response.content.decode()


def attempts_age(*, minutes: int, **filters) -> None:
    """Time travel: every matching login attempt happened `minutes` earlier."""
    for attempt in LoginAttempt.objects.filter(**filters):
        LoginAttempt.objects.filter(pk=attempt.pk).update(at=attempt.at - dt.timedelta(minutes=minutes))


def last_request_ago(client, seconds: float) -> None:
    """Time travel for the idle timeout: the session's last request was `seconds` ago."""
    then = time.time() - seconds
    session = client.session
    session[LAST_SEEN_KEY] = then
    session.save()
    cache.set(last_seen_cache_key(session.session_key), then)


def client_as(user):
    """A test client signed in as `user` (no login screen: for the tests about what a role may reach)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
