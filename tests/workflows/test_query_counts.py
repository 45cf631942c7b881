"""The inbox, queue and case detail run a fixed number of queries however many tasks there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15
# The exemption case page reads two things more than a list: the 法定免除 rows over the months applied for
# (国民年金法89条1項, cases/exemption/statutory.py) and the 住民税 records as they are now, to say when the
# attachment is out of date (cases/exemption/income_attachment.attachment_stale_names).
CASE_DETAIL_MAX_QUERIES = MAX_QUERIES + 2


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_cases(clerk, count):
    cases = []
    for _ in range(count):
        applicant, _spouse = applicant_with_household()
        cases.append(h.start_case(clerk=clerk, resident=applicant))
    return cases


@pytest.mark.parametrize("url", ["/desk/inbox/", "/desk/queue/", "/desk/"])
def test_desk_pages_are_constant(client, clerk, clerk2, url):
    client.force_login(clerk)
    # Each batch leaves some verify_identity tasks in the inbox and await_documents tasks in the queue.
    first = add_cases(clerk, 2)
    h.verify(first[0], clerk, documents=[])
    few = queries_for(client, url)
    more = add_cases(clerk, 8)
    for case in more[:4]:
        h.verify(case, clerk, documents=[])
    many = queries_for(client, url)
    assert few == many
    assert many <= MAX_QUERIES


def test_case_detail_is_constant(client, clerk, clerk2, django_capture_on_commit_callbacks):
    from workflows import engine

    client.force_login(clerk)
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    short = queries_for(client, f"/cases/{case.pk}/")
    task = h.open_task(case, "cross_check")
    for _ in range(5):  # a longer timeline, with more actors on it
        engine.task_claim(task_id=task.pk, user=clerk2)
        engine.task_release(task_id=task.pk, user=clerk2)
    long = queries_for(client, f"/cases/{case.pk}/")
    assert case.events.count() >= 14
    assert long == short
    assert long <= CASE_DETAIL_MAX_QUERIES


def test_a_step_opens_no_savepoint_of_its_own_under_the_flow_lock(
    clerk, clerk2, django_capture_on_commit_callbacks
):
    """Issue 15: the engine's atomic() under the flow lock (claim and completion) and viewflow's
    savepoint around the If gate's condition were six statements a step. What remains: the flow
    lock's own transaction for the claim and for the completion (savepoints here only because the
    test runs inside a transaction) and the stage service's own atomic (it is callable alone)."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):  # the income job moves it to 照合
        h.enter(case, clerk, spouse=spouse)
    with CaptureQueriesContext(connection) as ctx:
        h.cross_check(case, clerk2)
    savepoints = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert case.stage == "approval"
    assert len(savepoints) == 3, savepoints
