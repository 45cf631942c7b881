"""Reads run on every step of every case, compiled to SQL once per process instead of once per call.

Django compiles a queryset to SQL each time it runs it. For a row read with its related rows
(`select_related`) the compiling is most of the cost: a task read with its process and case took 1.0–1.1
ms of CPU, 0.9 of it compiling, and 0.35 ms compiled once; a case read with the ten related rows its
approval documents print 3.2–3.5 ms, and 0.9–1.2 ms compiled once (the city-year bench's data,
2026-12-06). A `PreparedRead` compiles its queryset the first
time, keeps the SQL and where the looked-up value sits among its parameters, and afterwards only
swaps that value in, runs the SQL and builds the objects with Django's own populators: the same
statement and the same objects as the queryset (tests/kernel/test_prepared_reads.py compares both).

Only for one row by a unique integer key (a primary key or a one-to-one id: the SQL does not depend
on the value) and querysets without annotations, prefetches or row locks; it refuses the others.
"""

import copy
import functools
import threading
from collections.abc import Callable

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import MAX_GET_RESULTS, ModelIterable, get_related_populators
from django.db.models.sql.constants import MULTI

# Stands for the looked-up value while compiling: an integer no key takes, found among the parameters.
_MARK = -7_315_919_203_411
_INTEGER_KEYS = ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField")


class PreparedRead:
    """`read.get(value)` is `make().get(**{lookup: value})`. `make` builds the queryset without the
    lookup (called once per database alias, and once for the model)."""

    def __init__(self, make: Callable[[], QuerySet], lookup: str = "pk") -> None:
        self.make, self.lookup = make, lookup
        self._prepared: dict[str, tuple] = {}
        self._lock = threading.Lock()

    @functools.cached_property
    def model(self) -> type[Model]:
        return self.make().model

    def get(self, value) -> Model:
        found = self._rows(value)
        if not found:
            raise self.model.DoesNotExist(f"{self.model.__name__} matching query does not exist.")
        return found[0]  # a unique key (checked when compiling): one row at the most

    # --- compiling once --------------------------------------------------------------------------

    def _queryset(self, value) -> QuerySet:
        # What QuerySet.get() runs: no ordering, at most MAX_GET_RESULTS rows.
        return self.make().filter(**{self.lookup: value}).order_by()[:MAX_GET_RESULTS]

    def _prepare(self, alias: str) -> tuple:
        model = self.model
        field = (
            model._meta.pk if self.lookup == "pk" else model._meta.get_field(self.lookup.removesuffix("_id"))
        )
        if not (
            field.unique and field.get_internal_type() in (*_INTEGER_KEYS, "ForeignKey", "OneToOneField")
        ):
            raise ValueError(f"PreparedRead looks up one row by a unique integer key, not by {self.lookup}")
        queryset = self._queryset(_MARK)
        query = queryset.query
        if (
            not issubclass(queryset._iterable_class, ModelIterable)
            or getattr(queryset, "_coerced", False)  # viewflow's tasks turned into their subclasses
            or query.annotations
            or query.select_for_update
            or queryset._prefetch_related_lookups
            or query.extra
        ):
            raise ValueError("PreparedRead reads plain rows (with select_related) only")
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        at = [index for index, param in enumerate(params) if param == _MARK]
        if len(at) != 1:
            raise ValueError(f"the looked-up value must be one parameter of the SQL, not {len(at)}")
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, alias)  # they keep no state of a row
        return compiler, sql, tuple(params), at[0], (start, end, init_list, klass_info["model"], populators)

    def _rows(self, value) -> list[Model]:
        value = int(value)  # as the integer field's lookup would (a str "12" reads row 12)
        alias = router.db_for_read(self.model)
        if alias not in self._prepared:
            with self._lock:
                if alias not in self._prepared:
                    self._prepared[alias] = self._prepare(alias)
        template, sql, params, at, (start, end, init_list, model, populators) = self._prepared[alias]
        compiler = copy.copy(template)  # this call's: the thread's connection, this value
        compiler.connection = connections[alias]
        values = list(params)
        values[at] = value
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(values))
        found = []
        for row in compiler.results_iter(compiler.execute_sql(MULTI)):
            obj = model.from_db(alias, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            found.append(obj)
        return found
