"""M4 (issue 11): the 10-minute idle logout fires on the bundle and import pages too (assessment III:
端末画面には長時間特定個人情報を表示させない). Progress pages poll without renewing the session, and a
job whose worker died (no heartbeat) shows as stopped with a resume action instead of "running"
forever. Abandoned uploads (plain 個人番号 on disk) are swept."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from cases.registry.imports.sweep import imports_sweep_abandoned
from cases.registry.models.imports import ImportBatch
from cases.security.middleware import last_seen_cache_key
from cases.security.views.auth import LAST_SEEN_KEY
from cases.submission.models import SubmissionBundle
from tests.security.auth_helpers import last_request_ago

pytestmark = pytest.mark.django_db
POLL = {"HTTP_X_NENKIN_POLL": "1"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def running_bundle(supervisor):
    return SubmissionBundle.objects.create(
        number="S20260102-1500",
        cutoff_at=timezone.now() - dt.timedelta(days=1),
        created_by=supervisor,
        job="assemble",
        job_total=100,
        job_done=10,
        job_beat_at=timezone.now(),
    )


def self_refreshing(page: str) -> bool:
    """A meta refresh that reloads the page (the idle lock's refresh to the login screen is fine)."""
    return any(
        "url=/login/" not in content
        for content in re.findall(r'http-equiv="refresh" content="([^"]*)"', page)
    )


def last_seen(client) -> float:
    session = client.session
    return max(session.get(LAST_SEEN_KEY) or 0, cache.get(last_seen_cache_key(session.session_key)) or 0)


def test_a_bundle_page_left_open_is_logged_out_after_the_idle_timeout(client, supervisor, running_bundle):
    """The attack: the page's auto-refresh renewed the session, so the idle logout never fired."""
    client.force_login(supervisor)
    page = client.get(f"/bundles/{running_bundle.pk}/").content.decode()
    assert not self_refreshing(page)
    assert f'data-poll-url="/bundles/{running_bundle.pk}/progress/"' in page
    last_request_ago(client, 590)
    before = last_seen(client)
    poll = client.get(f"/bundles/{running_bundle.pk}/progress/", **POLL)
    assert poll.status_code == 200 and poll.json()["running"] is True
    assert last_seen(client) == before, "a poll must not renew the session"
    last_request_ago(client, 601)
    expired = client.get(f"/bundles/{running_bundle.pk}/progress/", **POLL)
    assert expired.status_code == 401
    assert client.get(f"/bundles/{running_bundle.pk}/").status_code == 302  # to the login screen


def test_the_list_and_the_import_page_do_not_refresh_themselves(
    client, supervisor, admin_user, running_bundle
):
    client.force_login(supervisor)
    assert not self_refreshing(client.get("/bundles/").content.decode())
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.RESIDENTS, filename="a.csv", beat_at=timezone.now()
    )
    client.force_login(admin_user)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert not self_refreshing(page) and f'data-poll-url="/imports/{batch.pk}/progress/"' in page


def test_a_job_without_a_heartbeat_is_shown_as_stopped_with_a_resume_action(
    client, supervisor, running_bundle, settings
):
    settings.NENKIN_JOB_STALE_SECONDS = 300
    SubmissionBundle.objects.filter(pk=running_bundle.pk).update(
        job_beat_at=timezone.now() - dt.timedelta(hours=1)
    )
    client.force_login(supervisor)
    page = client.get(f"/bundles/{running_bundle.pk}/").content.decode()
    assert "停止しています" in page and f'action="/bundles/{running_bundle.pk}/rebuild/"' in page
    assert "data-poll-url" not in page
    state = client.get(f"/bundles/{running_bundle.pk}/progress/", **POLL).json()
    assert state == {**state, "running": False, "stalled": True}


def test_a_stopped_import_is_resumed_from_its_page(client, admin_user, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "imports").mkdir()
    (tmp_path / "imports" / "x.csv").write_bytes(b"header\n")
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.RESIDENTS,
        filename="a.csv",
        stored_path="imports/x.csv",
        beat_at=timezone.now() - dt.timedelta(hours=1),
        created_by=admin_user,
    )
    queued = []
    monkeypatch.setattr(
        "cases.registry.imports.sweep.job_send", lambda name, *args: queued.append((name, args))
    )
    client.force_login(admin_user)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "停止しています" in page and "再開" in page
    client.post(f"/imports/{batch.pk}/", {"action": "resume"})
    assert queued == [("imports.run", (batch.pk,))]


def test_abandoned_uploads_are_swept_from_disk(settings, tmp_path, admin_user):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "imports").mkdir()
    stale = tmp_path / "imports" / "old.csv"
    fresh = tmp_path / "imports" / "new.csv"
    stale.write_text("plain 個人番号 here\n", encoding="utf-8")
    fresh.write_bytes(b"still running\n")
    old = ImportBatch.objects.create(
        kind=ImportBatch.Kind.RESIDENTS,
        filename="old.csv",
        stored_path="imports/old.csv",
        beat_at=timezone.now() - dt.timedelta(hours=settings.NENKIN_UPLOAD_ABANDON_HOURS + 1),
        created_by=admin_user,
    )
    ImportBatch.objects.create(
        kind=ImportBatch.Kind.RESIDENTS,
        filename="new.csv",
        stored_path="imports/new.csv",
        beat_at=timezone.now(),
        created_by=admin_user,
    )
    assert imports_sweep_abandoned() == 1
    old.refresh_from_db()
    assert not stale.exists() and fresh.exists()
    assert old.status == ImportBatch.Status.REJECTED and old.stored_path == ""
    assert "中断" in old.errors[0]["message"]


def test_the_sweep_is_scheduled():
    from tasks.celery import app
    from tasks.schedules import SCHEDULES

    app.loader.import_default_modules()
    assert any(s.task == "imports.sweep_abandoned" for s in SCHEDULES)
    assert "imports.sweep_abandoned" in app.tasks
