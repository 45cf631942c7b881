"""A bundle job that stops on a BundleError (a name the data file cannot carry, a draft whose adding
stopped) has recorded why on the bundle, which the bundle page shows: an expected outcome, logged at WARNING
by the task and not raised. With in-process jobs (the demo: no REDIS_URL, CELERY eager) a raise reached
the 係長's request and answered HTTP 500 (QA walk 2026-12-07); in a worker Celery logged it at ERROR with
its message, which names the character of the person's name."""

import datetime as dt
import logging

import pytest

from cases.kernel.models import Case
from cases.registry.models.residents import Resident
from cases.submission import bundles as svc
from cases.submission.bundle_common import weekly_cutoff
from cases.submission.models import SubmissionBundle
from tasks import bundles as jobs

pytestmark = pytest.mark.django_db

UNCARRIED = "ヰノウエ ハナコ"  # ヰ has no half-width form: the data record cannot carry it
PROBLEM = "半角で表せない文字「ヰ」"


def uncarried(make_ready, **kwargs) -> Case:
    [case] = make_ready(**kwargs)
    Resident.objects.filter(pk=case.resident_id).update(kana_name=UNCARRIED)
    return case


def warned(caplog, bundle: SubmissionBundle) -> list[logging.LogRecord]:
    records = [r for r in caplog.records if r.name == "tasks.bundles"]
    assert [r.levelno for r in records] == [logging.WARNING]
    assert f"bundle {bundle.pk}" in records[0].getMessage()
    assert (
        "ヰ" not in records[0].getMessage() and UNCARRIED not in records[0].getMessage()
    )  # no personal data
    return records


@pytest.mark.parametrize(
    ("url", "approved_before"),
    [("/bundles/build/off-cycle/", None), ("/bundles/build/", "weekly")],
    ids=["off_cycle", "weekly"],
)
def test_the_screens_buttons_answer_the_bundle_list_and_the_bundle_shows_its_error(
    client, make_ready, supervisor, django_capture_on_commit_callbacks, caplog, url, approved_before
):
    approved_at = weekly_cutoff() - dt.timedelta(hours=1) if approved_before else None
    case = uncarried(make_ready, approved_at=approved_at)
    client.force_login(supervisor)

    with django_capture_on_commit_callbacks(execute=True):  # the job runs in-process, as in the demo
        response = client.post(url)

    assert response.status_code == 302 and response.url == "/bundles/"
    bundle = SubmissionBundle.objects.get()
    assert PROBLEM in bundle.job_error and bundle.archive == "" and bundle.job == ""
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "前回の処理でエラーがありました" in page and f"整理番号 {case.number}" in page
    warned(caplog, bundle)


def test_the_tasks_called_directly_return_and_warn(make_ready, supervisor, caplog):
    uncarried(make_ready)
    cutoff = dt.datetime.now(dt.UTC).isoformat()

    assert jobs.bundle_build_off_cycle(cutoff, supervisor.pk) == ""
    bundle = SubmissionBundle.objects.get()
    warned(caplog, bundle)

    caplog.clear()
    assert jobs.bundle_assemble(bundle.pk) == ""  # 「ZIP を再作成」 with the name still not given
    warned(caplog, bundle)

    caplog.clear()
    assert jobs.bundle_collect(bundle.pk, supervisor.pk) == ""  # 「案件の追加を再開」, then its ZIP
    warned(caplog, bundle)
    bundle.refresh_from_db()
    assert PROBLEM in bundle.job_error


def test_the_weekly_task_warns_with_its_bundle(make_ready, caplog):
    cutoff_at = weekly_cutoff()
    uncarried(make_ready, approved_at=cutoff_at - dt.timedelta(hours=1))
    assert jobs.bundle_build_weekly(cutoff_at.isoformat()) == ""
    warned(caplog, SubmissionBundle.objects.get())


def test_any_other_exception_still_fails_the_task(make_ready, supervisor, monkeypatch):
    """Only the outcome the bundle records is the task's to swallow: a crash stays a failed task (the
    worker's ERROR, the redelivery) and the in-process request's error page."""
    uncarried(make_ready)
    bundle = svc.bundle_build_off_cycle(by=supervisor, assemble=False)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(svc, "bundle_assemble", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        jobs.bundle_assemble(bundle.pk)


def test_the_seal_job_records_a_record_check_that_fails_and_warns(
    make_ready, supervisor, django_capture_on_commit_callbacks, caplog
):
    """The seal's own record check (`_seal_precheck`) stops on a name given after the 係長 pressed
    「封緘する」: the job records it on the bundle (job cleared, job_error set) as the other jobs do,
    rather than leaving job="seal" until the bundle is seen as stalled, and the task returns with a
    WARNING (QA walk 2026-12-07)."""
    [case] = make_ready()
    bundle = svc.bundle_build_off_cycle(by=supervisor)  # its ZIP made: the seal is offered
    with django_capture_on_commit_callbacks(execute=False):  # the seal queued, not yet run
        svc.bundle_seal_request(bundle=bundle, by=supervisor)
    bundle.refresh_from_db()
    assert bundle.job == "seal"
    Resident.objects.filter(pk=case.resident_id).update(kana_name=UNCARRIED)

    assert jobs.bundle_seal(bundle.pk, supervisor.pk) == ""

    bundle.refresh_from_db()
    assert bundle.job == "" and PROBLEM in bundle.job_error and bundle.state == "draft"
    assert Case.objects.get(pk=case.pk).stage == case.stage  # nothing sealed
    warned(caplog, bundle)
