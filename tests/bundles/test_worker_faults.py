"""Exactly-once on PostgreSQL with a real Celery worker and Redis: the worker dies in the middle of
building or sealing (os._exit, as if killed), the job runs again, and no case is lost or doubled.

Two ways a job runs again: with the prefork pool only the child dies, and the parent requeues the
message (acks_late + reject_on_worker_lost) for another child; with the solo pool the whole worker
dies, the message stays unacknowledged, and someone runs the job again on a fresh worker.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from cases.submission import bundles as svc
from cases.submission.archive import archive_verify
from cases.submission.faults import ENV, EXIT_CODE
from cases.submission.models import SubmissionBundle
from cases.submission.storage import archive_read
from tasks.bundles import bundle_build_weekly, bundle_seal
from tasks.celery import app
from tests.bundles.consistency import assert_consistent, assert_exactly_once

pytestmark = [pytest.mark.pg, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
CASES = 12  # more than one batch (bundle_collect.CHUNK is 10; the worker's settings make SEAL_BATCH 10)
CLAIMS = 5  # of them 障害基礎年金 claims, the rest exemptions


def wait_for(predicate, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


class Worker:
    def __init__(self, *, workdir: Path, pool: str, fault: str = "", name: str = "w") -> None:
        # The worker must see this test's database and media directory, both chosen at run time.
        shim = workdir / "bundle_worker_settings.py"
        shim.write_text(
            f"from config.settings.test import *  # noqa\nMEDIA_ROOT = {str(settings.MEDIA_ROOT)!r}\n"
            "NENKIN_SEAL_BATCH = 10\n",  # several batches, so a kill lands between two
            encoding="utf-8",
        )
        database = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bundle_worker_settings",
            "DATABASE_URL": database.geturl(),
            "REDIS_URL": settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PYTHONPATH": f"{workdir}{os.pathsep}{ROOT}",
        }
        env.pop(ENV, None)
        if fault:
            env[ENV] = fault
        self.log = workdir / f"worker-{name}.log"
        command = [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "tasks.celery",
            "worker",
            "--loglevel=INFO",
            f"--pool={pool}",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            f"--hostname={name}@%h",
        ]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        ready = wait_for(lambda: b" ready." in self.log.read_bytes() or self.process.poll() is not None, 60)
        assert ready and self.process.poll() is None, f"worker did not start:\n{self.output()}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def workers(private_tmp):
    assert connection.vendor == "postgresql"
    broker = settings.CELERY_BROKER_URL
    assert broker.startswith("redis://")
    redis.Redis.from_url(broker).flushdb()  # this test's own Redis db: no stale jobs
    started: list[Worker] = []

    def start(**kwargs) -> Worker:
        worker = Worker(workdir=private_tmp, **kwargs)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def send(task, *args) -> None:
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            task.apply_async(args=list(args), connection=conn)
    finally:
        app.conf.task_always_eager = eager


@pytest.fixture
def cases(make_ready, no_render_on_approval):
    """Exemptions and 障害基礎年金 claims of the same week, across more than one batch."""
    return make_ready(CASES - CLAIMS, claims_too=CLAIMS)


def sealed_everything(bundle: SubmissionBundle) -> bool:
    bundle.refresh_from_db()
    return bundle.state == "sealed" and not bundle.job and bundle.job_done == CASES


@pytest.mark.parametrize("point", ["bundle.collect", "bundle.assemble"])
def test_build_killed_halfway_is_redelivered_and_completes_once(point, cases, workers, private_tmp):
    marker = private_tmp / "fault-fired"
    worker = workers(pool="prefork", fault=f"{point}:11:exit:{marker}", name="build")
    send(bundle_build_weekly, timezone.now().isoformat())

    def built() -> bool:
        bundle = SubmissionBundle.objects.first()
        return bundle is not None and bool(bundle.archive) and not bundle.job

    assert wait_for(built), worker.output()
    assert marker.exists(), "the fault never fired"
    assert f"exitcode {EXIT_CODE}" in worker.output()  # the child really died mid-job
    bundle = SubmissionBundle.objects.get()
    assert bundle.items.filter(live=True).count() == CASES
    assert archive_verify(archive_read(name=bundle.archive, number=bundle.number)) == []
    assert_exactly_once(cases, sealed=False)


def test_seal_killed_halfway_is_redelivered_and_seals_each_case_once(cases, workers, supervisor, private_tmp):
    bundle = svc.bundle_build(cutoff_at=timezone.now())
    marker = private_tmp / "fault-fired"
    worker = workers(pool="prefork", fault=f"bundle.seal:11:exit:{marker}", name="seal")
    send(bundle_seal, bundle.pk, supervisor.pk)
    assert wait_for(lambda: sealed_everything(bundle)), worker.output()
    assert marker.exists() and f"exitcode {EXIT_CODE}" in worker.output()
    assert_exactly_once(cases, sealed=True)

    send(bundle_seal, bundle.pk, supervisor.pk)  # run again by hand: nothing left to do
    assert wait_for(lambda: worker.output().count("] succeeded in") >= 2), worker.output()
    assert_exactly_once(cases, sealed=True)


def test_seal_whose_whole_worker_died_is_finished_by_running_it_again(
    cases, workers, supervisor, private_tmp
):
    bundle = svc.bundle_build(cutoff_at=timezone.now())
    dying = workers(pool="solo", fault="bundle.seal:11:exit", name="dying")
    send(bundle_seal, bundle.pk, supervisor.pk)
    assert wait_for(lambda: dying.process.poll() is not None), dying.output()
    assert dying.process.returncode == EXIT_CODE
    bundle.refresh_from_db()
    assert bundle.state == "sealed" and bundle.job == "seal"  # the screen shows where it stopped
    # Batches run side by side; the one it died in was rolled back whole, so no case is half done.
    assert assert_consistent(cases) < CASES

    fresh = workers(pool="solo", name="fresh")
    send(bundle_seal, bundle.pk, supervisor.pk)
    assert wait_for(lambda: sealed_everything(bundle)), fresh.output()
    assert_exactly_once(cases, sealed=True)
