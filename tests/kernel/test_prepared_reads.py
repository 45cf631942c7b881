"""`cases.common.prepared.PreparedRead`: the same statement and the same objects as the queryset it
stands for, compiled once (the reads every step makes: a task with its process and case, a case with
what its documents print)."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from cases.common.prepared import PreparedRead
from cases.kernel.models import Case
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

TASK_WITH_CASE = PreparedRead(lambda: Task.objects.select_related("process__case"))
CASE_WITH_STAFF = PreparedRead(
    lambda: Case.objects.select_related("resident__pension", "office", "received_by", "inputter", "exemption")
)


def _values(obj, paths):
    """Every concrete field of `obj` and of the related objects on `paths` (as loaded, no query)."""
    out = {}
    for path in ("", *paths):
        target = obj
        for name in filter(None, path.split("__")):
            target = getattr(target, name)
        out[path] = {f.attname: getattr(target, f.attname) for f in target._meta.concrete_fields}
    return out


@pytest.fixture
def case(clerk):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    h.enter(case, clerk, spouse=spouse)
    return case


def test_a_prepared_read_gives_the_querysets_objects_with_their_related_rows(case):
    task = Task.objects.filter(process_id=case.process_id).order_by("-pk").first()
    expected = Task.objects.select_related("process__case").get(pk=task.pk)
    with CaptureQueriesContext(connection) as reads:
        found = TASK_WITH_CASE.get(task.pk)
        assert _values(found, ["process", "process__case"]) == _values(expected, ["process", "process__case"])
    assert len(reads) == 1  # the related rows came with it: no query while comparing
    paths = ["resident", "resident__pension", "office", "received_by", "inputter", "exemption"]
    expected = Case.objects.select_related(*paths[1:]).get(pk=case.pk)
    assert _values(CASE_WITH_STAFF.get(str(case.pk)), paths) == _values(expected, paths)


def test_the_statement_is_the_one_get_runs_with_the_value_swapped_in(case):
    with CaptureQueriesContext(connection) as orm:
        Case.objects.select_related(
            "resident__pension", "office", "received_by", "inputter", "exemption"
        ).get(pk=case.pk)
    CASE_WITH_STAFF.get(case.pk)  # compiled once already or now
    with CaptureQueriesContext(connection) as prepared:
        CASE_WITH_STAFF.get(case.pk)
    assert prepared[0]["sql"] == orm[0]["sql"]
    other = h.start_case(clerk=case.received_by, resident=applicant_with_household()[0])
    with CaptureQueriesContext(connection) as orm:
        Case.objects.select_related(
            "resident__pension", "office", "received_by", "inputter", "exemption"
        ).get(pk=other.pk)
    with CaptureQueriesContext(connection) as prepared:
        assert CASE_WITH_STAFF.get(other.pk).number == other.number
    assert prepared[0]["sql"] == orm[0]["sql"]


def test_a_missing_row_raises_does_not_exist():
    with pytest.raises(Task.DoesNotExist):
        TASK_WITH_CASE.get(987_654_321)


def test_a_read_that_is_not_one_row_by_an_integer_key_is_refused():
    with pytest.raises(ValueError, match="unique integer key"):
        PreparedRead(lambda: Case.objects.all(), lookup="stage").get(1)
    with pytest.raises(ValueError, match="plain rows"):
        PreparedRead(lambda: Case.objects.select_for_update()).get(1)


@pytest.mark.django_db(transaction=True)
def test_each_thread_reads_on_its_own_connection(clerk):
    """The seal's threads share the compiled SQL, never a connection."""
    case = h.start_case(clerk=clerk, resident=applicant_with_household()[0])
    CASE_WITH_STAFF.get(case.pk)
    seen = []

    def read():
        try:
            seen.append((CASE_WITH_STAFF.get(case.pk).number, connections["default"].connection is not None))
        finally:
            connections.close_all()

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    assert seen == [(case.number, True)]
