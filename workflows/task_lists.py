"""The inbox and the queue as their pages read them: counted up to a cap and sliced to a page, from SQL
compiled once per shape of list (cases/common/shaped.py, docs/decisions.md 50).

The querysets are `selectors.tasks_of_shape`'s, the very ones `inbox_for` and `queue_for` return; only their
compiling is kept. A page reads its rows as the values `list_rows.task_rows` takes.
"""

from django.db import connection

from cases.common.shaped import ShapedQuery, rows_of
from cases.security.models.users import User
from workflows.list_rows import COLUMNS
from workflows.selectors import TaskFilter, list_shape_of, tasks_of_shape

_ROWS = ShapedQuery(lambda shape, **values: tasks_of_shape(shape, **values).values_list(*COLUMNS))
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
        statement = None if self.shape.nothing else _ROWS.statement(self.shape, **self.values)
        if statement is None or page.stop <= page.start:
            return []
        return rows_of(statement, suffix=" LIMIT %s OFFSET %s", extra=(page.stop - page.start, page.start))
