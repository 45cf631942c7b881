"""A worker killed while a bundle's cases are being added (exploratory report, 臨時送付 with
NENKIN_JOB_STALE_SECONDS=30): the stopped job's page offered only 「ZIP を再作成」, which zipped the empty
draft, and the empty bundle could then be sealed while its five cases were in no bundle. The page's button
now re-runs the step that stopped (the adding, then the ZIP), skipping what is done; a bundle whose cases
were never all added is neither zipped nor sealed, and an empty bundle is never offered for sealing."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.submission import bundle_collect
from cases.submission import bundles as svc
from cases.submission.models import BundleItem, SubmissionBundle
from tests.bundles.conftest import live_items
from tests.bundles.consistency import assert_exactly_once

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What kill -9 leaves: no except clause of the job runs (Exception does not catch this)."""


def kill_at(monkeypatch, case_no: int) -> None:
    """The worker dies when it reaches its `case_no`-th case of the adding (the chunk rolls back)."""

    def fault(point: str, count: int) -> None:
        if point == "bundle.collect" and count == case_no:
            raise WorkerKilled

    monkeypatch.setattr(bundle_collect, "fault_point", fault)


def build(kind: str, supervisor) -> None:
    cutoff = timezone.now()
    if kind == "off_cycle":
        svc.bundle_build_off_cycle(by=supervisor, cutoff_at=cutoff)
    else:
        svc.bundle_build(cutoff_at=cutoff)  # the beat's Friday job: no user


def killed_while_adding(kind, supervisor, monkeypatch, *, at: int = 1) -> SubmissionBundle:
    kill_at(monkeypatch, at)
    with pytest.raises(WorkerKilled):
        build(kind, supervisor)
    monkeypatch.undo()
    # Its heartbeat went silent long ago: the page shows the job as stopped.
    SubmissionBundle.objects.update(job_beat_at=timezone.now() - dt.timedelta(hours=1))
    return SubmissionBundle.objects.get()


@pytest.mark.parametrize("kind", ["off_cycle", "weekly"])
def test_a_build_killed_while_adding_cases_is_resumed_from_its_page_with_every_case(
    kind, client, make_ready, supervisor, django_capture_on_commit_callbacks, monkeypatch
):
    five = make_ready(5)
    bundle = killed_while_adding(kind, supervisor, monkeypatch)
    assert bundle.job == "collect" and live_items(bundle) == []

    client.force_login(supervisor)
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "「案件の追加」の処理が応答なく停止しています" in page and "0 / 5" in page
    assert "案件の追加を再開" in page and f'action="/bundles/{bundle.pk}/rebuild/"' in page
    # Nothing to zip, seal or download before every case is in.
    assert "ZIP を再作成" not in page and f"/bundles/{bundle.pk}/seal/" not in page
    assert f"/bundles/{bundle.pk}/download/" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bundles/{bundle.pk}/rebuild/", follow=True)
    assert "案件の追加を再開しました" in response.content.decode()
    bundle.refresh_from_db()
    assert live_items(bundle) == sorted(case.number for case in five)
    assert bundle.job == "" and bundle.job_error == "" and bundle.collected_at is not None
    assert bundle.manifest["counts"]["cases"] == 5 and bundle.archive
    assert_exactly_once(five, sealed=False)
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert f"/bundles/{bundle.pk}/seal/" in page and "案件の追加を再開" not in page

    # The resume asked twice (a double click, a redelivered job) adds nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bundles/{bundle.pk}/rebuild/")
    assert_exactly_once(five, sealed=False)


def test_a_resume_after_a_partial_adding_skips_what_was_added(
    make_ready, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    five = make_ready(5)
    monkeypatch.setattr(bundle_collect, "CHUNK", 2)
    kill_at(monkeypatch, 3)
    with pytest.raises(WorkerKilled):
        svc.bundle_build_off_cycle(by=supervisor, cutoff_at=timezone.now())
    monkeypatch.undo()
    bundle = SubmissionBundle.objects.get()
    assert len(live_items(bundle)) == 2  # the first chunk was committed

    with django_capture_on_commit_callbacks(execute=True):
        assert svc.bundle_resume_request(bundle=bundle, by=supervisor) == "collect"
    bundle.refresh_from_db()
    assert len(live_items(bundle)) == 5 and bundle.manifest["counts"]["cases"] == 5
    assert_exactly_once(five, sealed=False)


def test_a_bundle_whose_cases_were_never_all_added_is_neither_zipped_nor_sealed(
    client, make_ready, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    make_ready(5)
    monkeypatch.setattr(bundle_collect, "CHUNK", 2)
    kill_at(monkeypatch, 3)
    with pytest.raises(WorkerKilled):
        svc.bundle_build_off_cycle(by=supervisor, cutoff_at=timezone.now())
    monkeypatch.undo()
    bundle = SubmissionBundle.objects.get()
    assert len(live_items(bundle)) == 2  # not empty, but not the bundle the 係長 asked for

    with pytest.raises(svc.BundleStateError, match="案件の追加が完了していません"):
        svc.bundle_assemble(bundle_id=bundle.pk)
    with pytest.raises(svc.BundleStateError, match="案件の追加が完了していません"):
        svc.bundle_seal_request(bundle=bundle, by=supervisor)

    client.force_login(supervisor)
    response = client.get(f"/bundles/{bundle.pk}/seal/", follow=True)
    assert response.redirect_chain == [(f"/bundles/{bundle.pk}/", 302)]
    page = response.content.decode()
    assert "案件の追加が完了していません" in page and 'name="reviewed"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": "2-x"})
    assert response.status_code in (302, 400)
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT and bundle.sealed_at is None
    assert bundle.archive == "" and len(live_items(bundle)) == 2


def test_an_empty_bundle_is_never_offered_for_sealing_and_its_seal_is_refused(
    client, make_ready, supervisor, django_capture_on_commit_callbacks
):
    (case,) = make_ready(1)
    bundle = svc.bundle_build(cutoff_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        svc.bundle_remove_case(bundle=bundle, case=case, by=supervisor, reason="書類の不備")
    assert not BundleItem.objects.filter(bundle=bundle, live=True).exists()

    client.force_login(supervisor)
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert f"/bundles/{bundle.pk}/seal/" not in page
    response = client.get(f"/bundles/{bundle.pk}/seal/", follow=True)
    assert response.redirect_chain == [(f"/bundles/{bundle.pk}/", 302)]
    page = response.content.decode()
    assert "空の送付は封緘できません" in page and 'name="reviewed"' not in page

    mark = svc.bundle_contents_mark([])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": mark})
    assert response.status_code == 400 and "空の送付は封緘できません" in response.content.decode()
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT and bundle.job == "" and bundle.sealed_at is None
