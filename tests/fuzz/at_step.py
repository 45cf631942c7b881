"""Cases waiting at a given step, with the task in the hands of the person who may do it."""

from viewflow.workflow.models import Task

from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine


def take(case, node_name: str, user) -> Task:
    task = h.open_task(case, node_name)
    if task.owner_id != user.pk:
        if task.owner_id:
            engine.task_release(task_id=task.pk, user=task.owner)
        engine.task_claim(task_id=task.pk, user=user)
    task.refresh_from_db()
    return task


def case_at(step: str, *, clerk, clerk2, supervisor, capture):
    """(case, task, user) with the case waiting at ``step`` and ``user`` holding its task."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    if step == "verify_identity":
        return case, take(case, step, clerk), clerk
    if step == "await_documents":
        h.verify(case, clerk, documents=())
        return case, take(case, step, clerk), clerk
    h.verify(case, clerk)
    if step == "enter_data":
        return case, take(case, step, clerk), clerk
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    if step == "cross_check":
        return case, take(case, step, clerk2), clerk2
    h.cross_check(case, clerk2)
    if step == "approve":
        return case, take(case, step, supervisor), supervisor
    raise ValueError(step)
