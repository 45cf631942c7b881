"""seed_demo with a broker configured and no worker running: the demo's results still end their flows.

Applying 機構's list commits the cases' stages and queues the completion of each flow's 結果待ち for a
worker (cases/submission/results_flows.py). With a broker set (REDIS_URL, so no in-process jobs) and no
worker reading it, those jobs never ran: the demo's 結果受領 cases stayed at 結果待ち, the 返戻 case never
reached its inputter's 入力 again, until the sweep found them with a worker started. The demo completes
them itself, in-process (the jobs are safe to run twice), and says so.
"""

import datetime as dt
from io import StringIO

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.kernel.models import Case, Stage
from cases.kernel.stages import WAIT_RESULT
from cases.submission.models import ResultLine
from tasks.celery import app
from workflows.resume import flows_waiting
from workflows.selectors import open_tasks_of_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_without_worker(reference_data):
    """Jobs go to this run's own Redis db, which no worker reads (on commit, as in production)."""
    broker = settings.CELERY_BROKER_URL
    assert broker.startswith("redis://")
    queue = redis.Redis.from_url(broker)
    queue.flushdb()
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = eager
        queue.flushdb()


def test_the_demo_results_flows_end_where_the_demo_says_without_a_worker(broker_without_worker):
    out = StringIO()
    call_command("seed_demo", residents=401, seed=7, as_of=timezone.localdate(), stdout=out)
    assert broker_without_worker.llen("celery") > 0  # the jobs were queued, and nobody took them
    answered = Case.objects.filter(pk__in=ResultLine.objects.exclude(case=None).values("case_id"))
    assert answered.filter(stage=Stage.CLOSED).exists() and answered.filter(stage=Stage.INPUT).exists()
    # No flow still waits for a result its case already has.
    assert flows_waiting(WAIT_RESULT, stages=(Stage.CLOSED, Stage.INPUT), older_than=dt.timedelta(0)) == []
    for case in answered.filter(stage=Stage.INPUT):  # a 返戻: back at its 入力
        names = [task.flow_task.name for task in open_tasks_of_case(process_id=case.process_id)]
        assert names == ["enter_data"], (case.number, names)
    for case in answered.filter(stage=Stage.CLOSED):
        assert case.process.status == PROCESS.DONE, case.number
    said = [line for line in out.getvalue().splitlines() if "結果待ちのフローを完了" in line]
    assert len(said) == 2 and "その場で実行" in said[0]  # exemptions and 障害基礎年金 claims
    assert sum(int(line.split()[0]) for line in said) == answered.count()
