"""Redis down (the cache and the job queue): the desk keeps serving pages, its controls keep working
from the database, and a job that cannot be queued is logged for the sweeps, not a 500 after the
step was saved. Found by the operations walk: every signed-in page answered 500."""

import logging
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from kombu.exceptions import OperationalError

from cases.common.jobs import job_send
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.totp import _key, totp_check, totp_code, totp_secret_new

pytestmark = pytest.mark.django_db
CLOSED_PORT = "redis://127.0.0.1:6390/0"  # nothing listens there


@pytest.fixture
def redis_down(settings):
    """The production cache backend, pointed at a port nothing answers."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}
    yield
    cache.close()


def test_the_desk_serves_its_pages_while_the_cache_is_unreachable(client, clerk, redis_down, caplog):
    client.force_login(clerk)
    with caplog.at_level(logging.WARNING, logger="cases.common.cache"):
        assert client.get("/desk/").status_code == 200
        assert client.get("/").status_code == 302  # home sends a clerk to the desk
    assert any("Redis" in record.getMessage() for record in caplog.records)  # said once, for the operator


def test_the_idle_timeout_still_ends_the_session_from_the_session_itself(client, clerk, settings, redis_down):
    client.force_login(clerk)
    client.get("/desk/")
    session = client.session
    session["nenkin_last_seen"] = time.time() - settings.NENKIN_IDLE_TIMEOUT_SECONDS - 5
    session.save()
    response = client.get("/desk/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_refusal_is_still_logged_while_the_cache_is_unreachable(client, clerk, redis_down):
    client.force_login(clerk)
    assert client.get("/imports/").status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=clerk.pk).exists()


def test_a_totp_code_is_used_once_without_the_cache(supervisor, redis_down):
    """RFC 6238 §5.2: a code accepted once is refused after; kept on the user's row, not in Redis."""
    secret = totp_secret_new()
    now = time.time()
    code = totp_code(_key(secret), int(now // 30))
    assert totp_check(user=supervisor, secret=secret, code=code, at=now)
    assert not totp_check(user=supervisor, secret=secret, code=code, at=now)


def test_a_totp_code_replayed_after_the_cache_was_emptied_is_refused(supervisor):
    """A Redis restart (it keeps nothing on disk) emptied the replay markers: the code worked twice."""
    secret = totp_secret_new()
    now = time.time()
    code = totp_code(_key(secret), int(now // 30))
    assert totp_check(user=supervisor, secret=secret, code=code, at=now)
    cache.clear()
    assert not totp_check(user=supervisor, secret=secret, code=code, at=now)


def test_a_job_that_cannot_be_queued_is_logged_and_the_request_goes_on(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broker_down(*args):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr("cases.common.jobs._queue", broker_down)
    with (
        caplog.at_level(logging.ERROR, logger="cases.common.jobs"),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        job_send("documents.render", 12345)
    [record] = [r for r in caplog.records if r.name == "cases.common.jobs"]
    assert "documents.render" in record.getMessage() and "12345" in record.getMessage()
