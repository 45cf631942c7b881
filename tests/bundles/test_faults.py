"""Exactly-once when a job dies halfway, in-process (the same with a real worker: test_worker_faults),
with exemptions and 障害基礎年金 claims in the same bundle."""

import pytest
from django.utils import timezone

from cases.submission import bundle_collect
from cases.submission import bundle_seal as bundle_seal_module
from cases.submission import bundles as svc
from cases.submission.archive import archive_verify
from cases.submission.faults import ENV, InjectedFault
from cases.submission.models import BundleItem, SubmissionBundle
from cases.submission.storage import archive_read
from tests.bundles.consistency import assert_consistent, assert_exactly_once
from workflows.submission import bundle_seal as seal

pytestmark = [pytest.mark.pg, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def five(make_ready, no_render_on_approval):
    """Three exemptions and two 障害基礎年金 claims approved in the same week."""
    cases = make_ready(3, claims_too=2)
    assert sorted({case.case_type for case in cases}) == ["disability", "exemption"]
    return cases


@pytest.mark.parametrize("threads", [1, 3])
def test_a_seal_that_dies_halfway_finishes_on_the_next_run_and_repeats_nothing(
    threads, five, supervisor, monkeypatch
):
    bundle = svc.bundle_build(cutoff_at=timezone.now())
    monkeypatch.setattr(bundle_seal_module, "SEAL_BATCH", 2)
    monkeypatch.setattr(bundle_seal_module, "SEAL_THREADS", threads)
    monkeypatch.setenv(ENV, "bundle.seal:3:raise")
    with pytest.raises(InjectedFault):
        seal(bundle=bundle, by=supervisor)
    bundle.refresh_from_db()
    assert (
        bundle.state == SubmissionBundle.State.SEALED and "封緘処理が途中で止まりました" in bundle.job_error
    )
    assert not bundle.manifest["sealed"]  # the final ZIP comes after the cases
    sealed = assert_consistent(five)
    if threads == 1:
        # The batch of the third case rolled back whole: neither its tasks nor its stages moved.
        assert sealed == 2 and "2/5 件済" in bundle.job_error
    else:
        assert sealed in (0, 1, 2, 3)  # other batches ran beside it; the failing one rolled back

    monkeypatch.delenv(ENV)
    bundle = seal(bundle=bundle, by=supervisor)
    assert bundle.job_error == "" and bundle.job_done == 5 and bundle.manifest["sealed"]
    assert_exactly_once(five, sealed=True)
    seal(bundle=bundle, by=supervisor)
    assert_exactly_once(five, sealed=True)


def test_a_build_that_dies_while_adding_cases_adds_the_rest_next_time(five, monkeypatch):
    monkeypatch.setattr(bundle_collect, "CHUNK", 2)
    monkeypatch.setenv(ENV, "bundle.collect:4:raise")
    cutoff = timezone.now()
    with pytest.raises(InjectedFault):
        svc.bundle_build(cutoff_at=cutoff)
    assert BundleItem.objects.filter(live=True).count() == 2  # the first chunk was committed

    monkeypatch.delenv(ENV)
    bundle = svc.bundle_build(cutoff_at=cutoff)
    assert SubmissionBundle.objects.count() == 1 and bundle.items.filter(live=True).count() == 5
    assert_exactly_once(five, sealed=False)


def test_a_build_that_dies_while_zipping_is_rebuilt_whole(five, supervisor, monkeypatch):
    monkeypatch.setenv(ENV, "bundle.assemble:2:raise")
    cutoff = timezone.now()
    with pytest.raises(InjectedFault):
        svc.bundle_build(cutoff_at=cutoff)
    bundle = SubmissionBundle.objects.get()
    assert bundle.archive == "" and "ZIP の作成が止まりました" in bundle.job_error

    monkeypatch.delenv(ENV)
    bundle = svc.bundle_build(cutoff_at=cutoff)
    assert archive_verify(archive_read(name=bundle.archive, number=bundle.number)) == []
    assert bundle.manifest["counts"]["cases"] == 5 and bundle.job_error == ""
    seal(bundle=bundle, by=supervisor)
    assert_exactly_once(five, sealed=True)
