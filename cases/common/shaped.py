"""A list query compiled to SQL once per shape and process, its values swapped in on every call.

The desk's lists (inbox, queue) build the same queryset for every request: the same joins, sub-selects and
IN lists, only the user, the office, a filter's value and today's date differ. Building and compiling it
was a fifth of a queue page's time (py-spy, 2026-12-07: `Query.add_q` 9%, `SQLCompiler.as_sql` 13%) — more
than PostgreSQL took to answer. `ShapedQuery` builds the queryset once per *shape* (what the SQL's text
depends on: the mode, the permissions' IN list, which filters are set), with a sentinel for every value,
finds where each sentinel sits among the parameters, and afterwards only puts the call's values there.

The shape is the caller's to get right: a value the SQL's text depends on and that is not in the shape
would be served another call's SQL. So when `settings.SHAPED_SQL_CHECK` is on (the test settings) every
call also builds and compiles its own queryset and fails loudly unless both statements and parameters are
the same; the suite runs every list through that check (docs/decisions.md 50).
"""

import copy
import datetime as dt
import threading
from collections.abc import Callable, Hashable

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

_INT_MARK = -7_315_919_204_000  # integers no key takes, one per value
_DATE_MARK = dt.date(1111, 1, 1)  # a date no case has, one day apart per value


def _sentinel(name: str, value, index: int):
    """A stand-in of the value's type that no real value equals and no other sentinel equals."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"{name}: a shaped value is an int, str or date; put a flag in the shape")
    if isinstance(value, int):
        return _INT_MARK - index
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _DATE_MARK + dt.timedelta(days=index)
    if isinstance(value, str):
        return f"\x1eshaped:{name}\x1e"
    raise TypeError(f"{name}: a shaped value is an int, str or date, not {type(value).__name__}")


class ShapedQuery:
    """`make(shape, **values)` builds the queryset; `statement(shape, **values)` is its compiled
    (sql, params, compiler) with the values in place, compiled once per (shape, database)."""

    def __init__(self, make: Callable[..., QuerySet]) -> None:
        self.make = make
        self._compiled: dict[tuple, tuple] = {}
        self._lock = threading.Lock()

    def _compile(self, shape: Hashable, values: dict, alias: str) -> tuple:
        marks = {name: _sentinel(name, value, i) for i, (name, value) in enumerate(sorted(values.items()))}
        compiler = self.make(shape, **marks).query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. an IN list of nothing: no row whatever the values
            return None
        # A date may reach the parameters adapted by the backend (SQLite's: 'YYYY-MM-DD' text), so its
        # mark is looked for in that form too and the call's date is adapted alike (`adapted` below).
        adapt = connections[alias].ops.adapt_datefield_value
        by_mark = {mark: (name, False) for name, mark in marks.items()}
        by_mark |= {
            adapt(mark): (name, True)
            for name, mark in marks.items()
            if isinstance(mark, dt.date) and adapt(mark) != mark
        }
        slots = tuple((i, *by_mark[p]) for i, p in enumerate(params) if _hashable(p) and p in by_mark)
        missing = set(marks) - {name for _i, name, _adapted in slots}
        if missing:
            # A value the builder turned into something else (or dropped): it cannot be swapped in.
            raise ValueError(f"shaped values not found among the parameters: {sorted(missing)}")
        return sql, tuple(params), slots, compiler

    def statement(
        self, shape: Hashable, *, using: str = "default", **values
    ) -> tuple[str, list, object] | None:
        """None when the shape selects no row whatever the values (Django's EmptyResultSet)."""
        key = (shape, tuple(sorted(values)), using)
        if key not in self._compiled:
            with self._lock:
                if key not in self._compiled:
                    self._compiled[key] = self._compile(shape, values, using)
        if self._compiled[key] is None:
            return None
        sql, kept, slots, compiler = self._compiled[key]
        params = list(kept)
        adapt = connections[using].ops.adapt_datefield_value
        for index, name, adapted in slots:
            params[index] = adapt(values[name]) if adapted else values[name]
        if getattr(settings, "SHAPED_SQL_CHECK", False):
            fresh_sql, fresh_params = self.make(shape, **values).query.get_compiler(using=using).as_sql()
            if (fresh_sql, list(fresh_params)) != (sql, params):
                raise AssertionError(f"shaped SQL differs from the queryset's for {shape!r}")
        return sql, params, compiler


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def rows_of(statement: tuple[str, list, object], *, using: str = "default", suffix: str = "", extra=()):
    """Runs a shaped statement (with `suffix` SQL and its `extra` parameters after it) and returns its
    rows as the queryset's `values_list()` would: Django's converters applied by the kept compiler."""
    sql, params, template = statement
    compiler = copy.copy(template)  # its converters read the connection: this thread's
    compiler.connection = connections[using]
    with compiler.connection.cursor() as cursor:
        cursor.execute(sql + suffix, [*params, *extra])
        rows = cursor.fetchall()
    return list(compiler.results_iter(results=[rows], tuple_expected=True))
