"""workflows/bulk.py writes, for many cases at once, exactly the rows viewflow's own completion writes:
the same two kinds of cases are moved on one by one through viewflow (handle_run) and in bulk, and every
task, `previous` link and process row compared (ids and clock times aside)."""

import pytest
from django.db.models import F
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from cases.kernel.models import Case, Stage
from cases.kernel.stages import WAIT_DISPATCH, WAIT_RESULT
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.bulk import handles_complete
from workflows.engine import handle_run
from workflows.flows.exemption import ExemptionFlow

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    def make(count: int) -> list[Case]:
        cases = []
        for _ in range(count):
            applicant, spouse = applicant_with_household()
            case = h.start_case(clerk=clerk, resident=applicant)
            h.verify(case, clerk)
            with django_capture_on_commit_callbacks(execute=True):
                h.enter(case, clerk, spouse=spouse)
            h.cross_check(case, clerk2)
            h.approve(case, supervisor)
            cases.append(case)
        return cases

    return make


def rows(case: Case) -> dict:
    """Everything viewflow keeps of a case's flow, without ids and clock times."""
    tasks = Task.objects.filter(process_id=case.process_id).order_by("created", "id")
    names = {task.pk: task.flow_task.name for task in tasks}
    shape = []
    for task in tasks:
        previous = sorted(names[p] for p in task.previous.values_list("pk", flat=True))
        shape.append(
            (
                task.flow_task.name,
                task.flow_task_type,
                task.status,
                str(task.token),
                task.owner_id,
                task.owner_permission,
                task.data,
                task.assigned is not None,
                task.started is not None,
                task.finished is not None,
                previous,
            )
        )
    process = Process.objects.get(pk=case.process_id)
    return {"tasks": shape, "process": (process.status, process.finished is not None)}


def _set_stage(cases, stage) -> None:
    # What the seal and the results import write before the flows move (a set-based stage update).
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(stage=stage, stage_since=timezone.now())


def test_the_seals_bulk_completion_writes_what_viewflow_writes(ready):
    one_by_one, in_bulk = ready(2), ready(2)
    _set_stage(one_by_one + in_bulk, Stage.SENT)
    for case in one_by_one:
        assert handle_run(process_id=case.process_id, node=ExemptionFlow.await_dispatch)
    assert handles_complete([c.pk for c in in_bulk], WAIT_DISPATCH) == 2
    assert rows(in_bulk[0]) == rows(one_by_one[0]) == rows(in_bulk[1]) == rows(one_by_one[1])
    assert handles_complete([c.pk for c in in_bulk], WAIT_DISPATCH) == 0  # a repeat changes nothing
    assert rows(in_bulk[0]) == rows(one_by_one[0])


def test_closing_after_the_result_writes_what_viewflow_writes_and_a_return_falls_back(ready):
    closed_one, closed_bulk, returned_one, returned_bulk = (ready(1) for _ in range(4))
    everyone = closed_one + closed_bulk + returned_one + returned_bulk
    _set_stage(everyone, Stage.SENT)
    assert handles_complete([c.pk for c in everyone], WAIT_DISPATCH) == 4
    _set_stage(closed_one + closed_bulk, Stage.CLOSED)
    _set_stage(returned_one + returned_bulk, Stage.INPUT)  # 返戻: back to 入力 (a human step)
    for case in closed_one + returned_one:
        assert handle_run(process_id=case.process_id, node=ExemptionFlow.await_result)
    assert handles_complete([c.pk for c in closed_bulk + returned_bulk], WAIT_RESULT) == 2
    assert rows(closed_bulk[0]) == rows(closed_one[0])
    assert rows(closed_bulk[0])["process"] == ("DONE", True)
    assert rows(returned_bulk[0]) == rows(returned_one[0])
    assert rows(returned_bulk[0])["tasks"][-1][:3] == ("enter_data", "HUMAN", "ASSIGNED")


def test_the_bulk_path_takes_a_handful_of_queries_whatever_the_number_of_cases(
    ready, django_assert_max_num_queries
):
    cases = ready(6)
    _set_stage(cases, Stage.SENT)
    with django_assert_max_num_queries(12):
        assert handles_complete([c.pk for c in cases], WAIT_DISPATCH) == 6
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(stage=Stage.CLOSED, stage_since=F("stage_since"))
    with django_assert_max_num_queries(14):
        assert handles_complete([c.pk for c in cases], WAIT_RESULT) == 6
