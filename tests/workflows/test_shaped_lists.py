"""The inbox and the queue compiled once per shape (cases/common/shaped.py, docs/decisions.md 50; issue 15:
the desk's lists at p95 ≤ 50 ms): the same rows as the querysets `inbox_for`/`queue_for` return, each user's
own values in the kept SQL, and a shape that leaves out what the SQL depends on caught by the check the
test settings switch on."""

import datetime as dt

import pytest
from django.test import override_settings

from cases.common.shaped import ShapedQuery
from cases.kernel.models import Case, Stage
from cases.security.models.offices import Office
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.list_rows import COLUMNS
from workflows.selectors import TaskFilter, inbox_for, queue_for
from workflows.task_lists import TaskList

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(clerk, clerk2, other_office, django_capture_on_commit_callbacks):
    """Open tasks at two offices: cases at 本人確認 and 照合 here, one at 照合 at 神居 (entered by another
    神居 clerk); returns the 神居 clerk who may cross-check it."""
    kamui, kamui_inputter = (make_user(name, "clerk", other_office) for name in ("kamui1", "kamui2"))
    for who in (clerk, clerk, clerk2, kamui_inputter):
        applicant, spouse = applicant_with_household()
        case = h.start_case(clerk=who, resident=applicant)
        h.verify(case, who)
        with django_capture_on_commit_callbacks(execute=True):
            h.enter(case, who, spouse=spouse)
    applicant, _spouse = applicant_with_household()
    h.start_case(clerk=clerk, resident=applicant)
    return kamui


def _rows(tasks) -> list[tuple]:
    return list(tasks.values_list(*COLUMNS))


FILTERS = [
    TaskFilter(),
    TaskFilter(stage=Stage.CROSS_CHECK),
    TaskFilter(case_type="exemption", sort="-received"),
    TaskFilter(overdue=True, sort="deadline"),
    TaskFilter(sort="number"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f"{f.stage}{f.case_type}{f.overdue}{f.sort}")
def test_the_compiled_lists_read_what_the_querysets_read(clerk, clerk2, supervisor, work, filters):
    for user in (clerk, clerk2, supervisor, work):
        for mode, queryset in (("inbox", inbox_for), ("queue", queue_for)):
            compiled = TaskList(mode=mode, user=user, filters=filters, cap=1000)
            expected = _rows(queryset(user=user, filters=filters))
            assert compiled[0:50] == expected and compiled.count() == len(expected), (user, mode)


def test_each_user_is_served_their_own_values_from_the_kept_sql(clerk, clerk2, work):
    """Office scope and the separation of duties (法令 of the kernel: the 入力者 does not 照合 their own
    input) come from the call's values, not from whoever compiled the shape first."""
    lists = {
        user: TaskList(mode="queue", user=user, filters=TaskFilter(), cap=1000) for user in (clerk, work)
    }
    assert lists[clerk].shape == lists[work].shape  # one compiled statement serves both
    mine, kamui = lists[clerk][0:50], lists[work][0:50]
    assert mine and kamui and not set(mine) & set(kamui)
    offices = {row[COLUMNS.index("process__case__office__name")] for row in kamui}
    assert offices == {Office.objects.get(code="kamui").name}
    # clerk entered two of the three cases at 照合: those are clerk2's to cross-check, not theirs.
    at_cross_check = [row for row in mine if row[COLUMNS.index("process__case__stage")] == Stage.CROSS_CHECK]
    theirs = TaskList(mode="queue", user=clerk2, filters=TaskFilter(stage=Stage.CROSS_CHECK), cap=1000)
    assert len(at_cross_check) == 1 and len(theirs[0:50]) == 2


def test_a_page_and_the_cap(office):
    """A page is a LIMIT/OFFSET of the kept statement; the count stops at the cap + 1."""
    user = make_user("pager", "clerk", office)
    for _ in range(3):
        applicant, _spouse = applicant_with_household()
        h.start_case(clerk=user, resident=applicant)
    listed = TaskList(mode="inbox", user=user, filters=TaskFilter(), cap=1)
    everything = _rows(inbox_for(user=user))
    assert listed.count() == 2 and len(everything) == 3
    assert listed[1:3] == everything[1:3] and listed[3:3] == []


def test_a_value_the_builder_transforms_cannot_be_shaped(office):
    """`name__startswith` puts 'value%' among the parameters: the value cannot be swapped in."""
    shaped = ShapedQuery(lambda shape, name: Office.objects.filter(name__startswith=name))
    with pytest.raises(ValueError, match="not found among the parameters"):
        shaped.statement("any", name="本庁")


@override_settings(SHAPED_SQL_CHECK=True)
def test_the_check_catches_a_shape_that_leaves_out_what_the_sql_depends_on(office):
    """A builder whose SQL's text depends on a value (here: whether the id is positive) and whose shape
    does not say so would serve the SQL of the first call to every other: the check compiles afresh."""

    def make(shape, office_id):
        found = Office.objects.filter(pk=office_id)
        return found if office_id > 0 else found.filter(code="none")

    shaped = ShapedQuery(make)
    with pytest.raises(AssertionError, match="shaped SQL differs"):
        shaped.statement("one shape", office_id=office.pk)
    assert ShapedQuery(lambda shape, today: Case.objects.filter(received_on=today)).statement(
        "dates", today=dt.date(2026, 12, 7)
    )


def _dates_as_text(monkeypatch):
    """The default connection's dates adapted as SQLite's backend adapts them (the demo's database):
    'YYYY-MM-DD' text among the parameters, where PostgreSQL's keeps the date."""
    from django.db import connection

    monkeypatch.setattr(connection.ops, "adapt_datefield_value", lambda value: value and str(value))


@override_settings(SHAPED_SQL_CHECK=True)
def test_a_date_is_shaped_where_the_backend_adapts_it_to_text(office, monkeypatch):
    """The queue's 「期限を過ぎたものだけ」 filter shapes today's date; on the SQLite demo the date is a
    parameter as text, and the shape's sentinel was looked for as a date: every overdue list was a 500
    (found by the regression walk)."""
    _dates_as_text(monkeypatch)
    applicant, _spouse = applicant_with_household()
    h.start_case(clerk=make_user("dated", "clerk", office), resident=applicant)
    received = Case.objects.get().received_on
    shaped = ShapedQuery(lambda shape, today: Case.objects.filter(received_on=today).values_list("pk"))
    _sql, params, _compiler = shaped.statement("dates as text", today=received)
    assert str(received) in params
    assert shaped.statement("dates as text", today=received + dt.timedelta(days=1))[1] != params


def test_the_page_reads_its_returns_where_distinct_on_is_missing(clerk, monkeypatch):
    """DISTINCT ON is PostgreSQL's: on the SQLite demo the inbox and the queue were a 500 for every
    page with a task on it (found by the regression walk; tests/demo/test_sqlite_demo_seed.py failed).
    The connection is made to answer as SQLite's does, nothing compiled kept."""
    from django.db import connection
    from django.db.backends.base.operations import BaseDatabaseOperations

    from workflows import list_rows

    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    on_postgresql = list_rows.page_entries([case.pk])
    monkeypatch.setattr(list_rows._LATEST_MOVES, "_compiled", {})
    monkeypatch.setattr(connection.features, "can_distinct_on_fields", False)
    monkeypatch.setattr(
        connection.ops, "distinct_sql", BaseDatabaseOperations.distinct_sql.__get__(connection.ops)
    )
    without = list_rows.page_entries([case.pk])
    assert on_postgresql.keys() == without.keys() == {case.pk}
    assert on_postgresql[case.pk].pk == without[case.pk].pk


def test_a_page_picks_its_ids_before_it_joins(office, supervisor):
    """Issue 15 (the queue's p95 ≤ 50 ms): a list narrowed to an office joins the case, the resident, the
    office and the owner for the page's own ids only, picked by the list's statement in a sub-select — so
    PostgreSQL does not search join orders over six tables with the office's sub-select among them (4 ms a
    page on the bench's 555,000 tasks, more than running the plan). Every page reads what the queryset
    reads, in its order; pages past the cap (the rare case) and unscoped lists take the one statement."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user("pager2", "clerk", office)
    for _ in range(5):
        applicant, _spouse = applicant_with_household()
        h.start_case(clerk=user, resident=applicant)
    filters = TaskFilter(office_id=office.pk, everyone=True, sort="-number")
    everything = _rows(queue_for(user=supervisor, filters=filters))
    listed = TaskList(mode="queue", user=supervisor, filters=filters, cap=3)
    assert listed.shape.scoped and len(everything) == 5
    with CaptureQueriesContext(connection) as ctx:
        pages = [listed[0:2], listed[2:4]]
    assert pages == [everything[0:2], everything[2:4]]
    for query in ctx.captured_queries:
        inner = query["sql"].split(" IN (SELECT ", 1)
        # The outer statement's only condition is the page's ids; the office is the sub-select's.
        assert inner[0].endswith('WHERE "viewflow_task"."id"') and '"office_id" = ' in inner[1], query["sql"]
    assert listed[4:6] == everything[4:6]  # past the cap
