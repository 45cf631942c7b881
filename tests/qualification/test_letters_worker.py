"""The 勧奨状 batch with a real Celery worker on Redis: the worker process dies in the middle (os._exit, as if
killed), the job is delivered again, and every letter is printed exactly once."""

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from cases.kernel.models import CaseType
from cases.qualification.lists import list_import, list_start
from cases.qualification.models import QualificationList, QualificationListRow
from cases.submission.faults import EXIT_CODE
from tasks.qualification import qualification_letters
from tests.bundles.test_worker_faults import Worker, send, wait_for
from tests.qualification.helpers import person
from tests.qualification.test_letters import assert_each_letter_once
from workflows.start import case_start

pytestmark = [pytest.mark.pg, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
LETTERS = 12


@pytest.fixture
def private_tmp():
    path = Path(tempfile.mkdtemp(prefix="nenkin-letters-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def media_root(settings, private_tmp):
    settings.MEDIA_ROOT = private_tmp / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def workers(private_tmp):
    assert connection.vendor == "postgresql"
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    started: list[Worker] = []

    def start(**kwargs) -> Worker:
        worker = Worker(workdir=private_tmp, **kwargs)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def test_a_letter_batch_whose_worker_is_killed_is_redelivered_and_prints_each_letter_once(
    clerk, workers, private_tmp
):
    people = [person(kana_name=f"コロサレ {name}") for name in "アイウエオカキクケコサシ"[:LETTERS]]
    lines = [
        f"{p.pension.basic_pension_no},{p.kana_name},{p.birth_date},{timezone.localdate() - dt.timedelta(days=2)}"
        for p in people
    ]
    data = ("基礎年金番号,カナ氏名,生年月日,事由発生日\n" + "\n".join(lines) + "\n").encode()
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS, filename="w.csv", data=data, by=clerk
    )
    list_start(
        qlist=qlist,
        by=clerk,
        start=lambda i: case_start(case_type=CaseType.QUALIFICATION, intake=i, receipt=False),
    )

    marker = private_tmp / "fault-fired"
    worker = workers(pool="prefork", fault=f"letters.prepare:11:exit:{marker}", name="letters")
    send(qualification_letters, qlist.pk, clerk.pk)

    def printed() -> bool:
        qlist.refresh_from_db()
        issued = qlist.rows.filter(letter=QualificationListRow.Letter.ISSUED).count()
        return issued == LETTERS and not qlist.job

    assert wait_for(printed), worker.output()
    assert marker.exists() and f"exitcode {EXIT_CODE}" in worker.output()  # the child really died mid-batch
    assert_each_letter_once(qlist, LETTERS)
