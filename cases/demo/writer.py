"""Fast inserts for generated rows (plain dicts keyed by field attname).

Rows get their primary keys before they are written, so children can point at parents without a
round trip. On PostgreSQL the keys come from the table's own sequence and the rows go in with COPY:
bulk_create spent most of a 300,000-resident run preparing parameters (about five times slower).
Other databases (the embedded SQLite demo) use bulk_create.
"""

import enum
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import NOT_PROVIDED, Max, Model
from django.utils import timezone


def _plain(value):
    return value.value if isinstance(value, enum.Enum) else value


class RowWriter:
    def __init__(self, using: str = DEFAULT_DB_ALIAS) -> None:
        # The caller's connection object itself, so a writer thread stays inside its transaction.
        self.db = connections[using]
        self.now = timezone.now()
        self.copy = self.db.vendor == "postgresql"
        self._next_id: dict[type[Model], int] = {}

    def _columns(self, model: type[Model], given: dict) -> list[tuple[str, str, object]]:
        """(column, attname, default) in table order. A column with a database default that the
        rows do not set is left out, so the database fills it in."""
        out = []
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = self.now
            elif f.db_default is not NOT_PROVIDED and f.attname not in given:
                continue
            else:
                default = None if f.primary_key else _plain(f.get_default())
            out.append((f.column, f.attname, default))
        return out

    def _assign_ids(self, model: type[Model], rows: list[dict]) -> None:
        table = model._meta.db_table
        if self.copy:
            with self.db.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, len(rows)],
                )
                ids = [row[0] for row in cursor.fetchall()]
        else:
            if model not in self._next_id:
                top = model.objects.using(self.db.alias).aggregate(top=Max("pk"))["top"]
                self._next_id[model] = (top or 0) + 1
            start = self._next_id[model]
            self._next_id[model] = start + len(rows)
            ids = range(start, start + len(rows))
        for row, pk in zip(rows, ids, strict=True):
            row["id"] = pk

    def write(self, model: type[Model], rows: list[dict]) -> None:
        if not rows:
            return
        self._assign_ids(model, rows)
        for f in model._meta.concrete_fields:
            if f.is_relation and f.name in rows[0]:
                for row in rows:
                    row[f.attname] = row.pop(f.name)["id"]
        columns = self._columns(model, rows[0])
        if not self.copy:
            model.objects.using(self.db.alias).bulk_create([model(**row) for row in rows], batch_size=1_000)
            return
        quote = self.db.ops.quote_name
        names = ", ".join(quote(column) for column, _, _ in columns)
        sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
        defaults = {attname: default for _, attname, default in columns}
        in_table_order = itemgetter(*defaults)
        with self.db.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                # psycopg writes Django's TextChoices/IntegerChoices members as their values.
                copy.write_row(in_table_order({**defaults, **row}))


_PLAIN_INDEXES = """
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexname::regclass)
"""

_FOREIGN_KEYS = """
    SELECT conname FROM pg_constraint
    WHERE contype = 'f' AND condeferrable
      AND (conrelid::regclass::text = ANY(%(tables)s) OR confrelid::regclass::text = ANY(%(tables)s))
"""


@contextmanager
def indexes_built_afterwards(models: list[type[Model]], using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """On PostgreSQL, drops the plain (not unique, not key) indexes of the loaded tables and builds
    them again at the end: one sort per index instead of an insert per row.

    Call inside the loading transaction: DDL is transactional there, so a failed load rolls the
    indexes back with the rows and the schema is never left without them. Until the commit the
    tables are locked against other sessions, which is fine for a demo or benchmark database.
    """
    db = connections[using]
    if db.vendor != "postgresql":
        yield
        return
    with db.cursor() as cursor:
        cursor.execute(_PLAIN_INDEXES, [[m._meta.db_table for m in models]])
        saved = cursor.fetchall()
        for name, _ in saved:
            cursor.execute(f"DROP INDEX {db.ops.quote_name(name)}")
    yield
    with db.cursor() as cursor:
        # Django's foreign keys are checked at commit; CREATE INDEX refuses a table with checks
        # still pending (ours, or a delete earlier in the transaction), so run them now and put
        # the constraints back to deferred afterwards.
        cursor.execute(_FOREIGN_KEYS, {"tables": [m._meta.db_table for m in models]})
        names = ", ".join(db.ops.quote_name(name) for (name,) in cursor.fetchall())
        if names:
            cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
        for _, definition in saved:
            cursor.execute(definition)
        if names:
            cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")


class BackgroundFlush:
    """Runs `flush` for each batch on a second thread, so the database indexes one batch while
    Python builds the next. Only for PostgreSQL; the embedded SQLite demo flushes inline."""

    def __init__(self, writer: RowWriter, flush: Callable[[object], None]) -> None:
        self.writer, self.flush = writer, flush
        self.threaded = writer.copy
        self.error: BaseException | None = None
        self.discard = False
        if self.threaded:
            self.queue: queue.Queue = queue.Queue(maxsize=2)
            writer.db.inc_thread_sharing()
            self.thread = threading.Thread(target=self._run, name="seed-demo-writer", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is None and not self.discard:
                try:
                    self.flush(batch)
                except BaseException as exc:  # handed to the main thread in put()/close()
                    self.error = exc

    def put(self, batch) -> None:
        if not self.threaded:
            self.flush(batch)
            return
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def close(self, *, discard: bool = False) -> None:
        """Waits for the queued batches; with discard (the caller failed) they are dropped."""
        if not self.threaded:
            return
        self.discard = discard
        self.queue.put(None)
        self.thread.join()
        self.writer.db.dec_thread_sharing()
        if self.error is not None and not discard:
            raise self.error
