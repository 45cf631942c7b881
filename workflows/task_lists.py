"""The inbox and the queue as their pages read them: counted up to a cap and sliced to a page, from SQL
compiled once per shape of list (cases/common/shaped.py, docs/decisions.md 50).

The querysets are `selectors.tasks_of_shape`'s, the very ones `inbox_for` and `queue_for` return; only their
compiling is kept. A page reads its rows as the values `list_rows.task_rows` takes.
"""

from django.db import connection
from viewflow.workflow.models import Task

from cases.common.shaped import ShapedQuery, rows_of
from cases.security.models.users import User
from workflows.list_rows import COLUMNS
from workflows.selectors import ListShape, TaskFilter, list_shape_of, tasks_of_shape, tasks_sorted

_ROWS = ShapedQuery(lambda shape, **values: tasks_of_shape(shape, **values).values_list(*COLUMNS))


def _page_rows(key: tuple[ListShape, int, int], **values):
    """A page's rows: its ids picked by the list's own statement (the task table and its sub-selects) in a
    sub-select, the case, resident, office and owner joined for those ids only. As one statement, PostgreSQL
    spent 4 ms of every page searching join orders over six tables with the list's filters among them, then
    ran the plan in 1.6 ms; with the ids fenced off it plans in about 2 ms (EXPLAIN on the bench's 555,000
    tasks, 2026-12-07). Compiled once per page up to the cap (LIMIT and OFFSET are part of Django's text)."""
    shape, start, stop = key
    ids = tasks_of_shape(shape, **values).values("pk")[start:stop]
    return tasks_sorted(Task.objects.filter(pk__in=ids), shape.sort).values_list(*COLUMNS)


_PAGE = ShapedQuery(_page_rows)
# Only the ids, which PostgreSQL reads from the task index alone.
_IDS = ShapedQuery(lambda shape, **values: tasks_of_shape(shape, **values).order_by().values("pk"))


class TaskList:
    """A user's inbox or queue for a paginator: `count()` up to `cap` + 1 (more is 「… 件以上」) and a
    slice is a page's rows."""

    ordered = True  # sorted by the shape's order, ids last (Paginator warns of unordered lists)

    def __init__(self, *, mode: str, user: User, filters: TaskFilter, cap: int) -> None:
        self.shape, self.values = list_shape_of(user, filters, None, mode=mode)
        self.cap = cap

    def count(self) -> int:
        statement = None if self.shape.nothing else _IDS.statement(self.shape, **self.values)
        if statement is None:
            return 0
        sql, params, _compiler = statement
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT %s) counted", [*params, self.cap + 1])
            return cursor.fetchone()[0]

    def __getitem__(self, page: slice) -> list[tuple]:
        if self.shape.nothing or page.stop <= page.start:
            return []
        # A list narrowed to an office (a clerk's queue, a 係長's chosen office), up to the cap: ids first
        # (_page_rows). The inbox and the unscoped queue plan as fast in one statement, and measured 1 ms
        # slower with the sub-select (the bench, codes in turn per request, 2026-12-07).
        if self.shape.scoped and page.start < self.cap:
            statement = _PAGE.statement((self.shape, page.start, page.stop), **self.values)
            return [] if statement is None else rows_of(statement)
        # Otherwise, and past the cap (the list says 「… 件以上」), one statement with the offset as a
        # parameter, so the pages nobody reads do not each keep a compiled statement.
        statement = _ROWS.statement(self.shape, **self.values)
        if statement is None:
            return []
        return rows_of(statement, suffix=" LIMIT %s OFFSET %s", extra=(page.stop - page.start, page.start))
