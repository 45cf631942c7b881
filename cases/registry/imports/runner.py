"""One import from start to finish: read, check every row not already on file as it is, then write
everything or nothing."""

import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext_noop

from cases.registry.imports import (
    income,
    income_generic,
    income_plan,
    pg,
    pg_apply,
    residents,
    residents_generic,
    residents_plan,
)
from cases.registry.imports.csvio import Table, parse, read_source
from cases.registry.imports.errors import ImportRejected, RowError, message
from cases.registry.imports.lines import Lines, Sorted, lines_sort, lines_split
from cases.registry.imports.validation import Spec
from cases.registry.models.imports import ImportBatch

logger = logging.getLogger(__name__)

STORED_ERRORS = 1_000  # the batch row keeps this many; error_count is always exact
PROGRESS_EVERY = 20_000


@dataclass(frozen=True)
class Kind:
    spec: Spec
    validate: Callable[..., Any]
    # (stored rows by key, line digest → key of the row read from that line)
    existing: Callable[[], tuple[Any, dict[str, Any]]]
    plan: Callable[[Any, Any], Any]
    apply_generic: Callable[..., None]  # (validated, plan, *, batch_id)
    apply_pg: Callable[..., None]


KINDS: dict[str, Kind] = {
    ImportBatch.Kind.RESIDENTS: Kind(
        residents.SPEC,
        residents.residents_validate,
        residents.residents_existing,
        residents_plan.residents_plan,
        residents_generic.residents_apply_generic,
        pg_apply.residents_apply_pg,
    ),
    ImportBatch.Kind.INCOME: Kind(
        income.SPEC,
        income.income_validate,
        income_plan.income_existing,
        income_plan.income_plan,
        income_generic.income_apply_generic,
        pg_apply.income_apply_pg,
    ),
}


def _header_errors(kind: str, header: list[str]) -> list[RowError]:
    errors = KINDS[kind].spec.header_errors(header)
    if errors:
        for other, spec in ((k, v.spec) for k, v in KINDS.items() if k != kind):
            if not spec.header_errors(header):
                hint = message(
                    gettext_noop("このファイルは%(other)sの CSV です。取込の種類を確認してください"),
                    other=ImportBatch.Kind(other).label,
                )
                errors.insert(0, RowError(1, "", hint))
    return errors


class _Clock:
    """Times each phase; one log line per import says where the time went (wall and CPU)."""

    def __init__(self, batch: ImportBatch):
        self.batch_id = batch.pk
        self.last = time.perf_counter()
        self.last_cpu = time.process_time()
        self.laps: list[str] = []

    def lap(self, phase: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.laps.append(f"{phase} {now - self.last:.2f} s ({cpu - self.last_cpu:.2f} s CPU)")
        self.last, self.last_cpu = now, cpu

    def report(self, outcome: str) -> None:
        logger.info("import batch %s %s: %s", self.batch_id, outcome, ", ".join(self.laps) or "-")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The import builds millions of small objects and frees none of them until the end; the cyclic
    collector would walk them all again and again (about a fifth of the run time) for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _save(batch: ImportBatch, **values: Any) -> None:
    values["beat_at"] = timezone.now()  # the heartbeat the screen reads (a dead worker stops it)
    for name, value in values.items():
        setattr(batch, name, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**values)


def _save_progress(batch: ImportBatch, done: int, *, via: BaseDatabaseWrapper | None) -> None:
    """Rows validated so far, and the heartbeat. ``via``: a connection of its own, which commits at
    once, so the screen sees the figure while the import's transaction is still open."""
    if via is None:
        _save(batch, processed_rows=done)
        return
    batch.processed_rows, batch.beat_at = done, timezone.now()
    table = connection.ops.quote_name(ImportBatch._meta.db_table)
    with via.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET processed_rows = %s, beat_at = %s WHERE id = %s",
            [done, batch.beat_at, batch.pk],
        )


@contextmanager
def _progress(batch: ImportBatch, use_pg: bool) -> Iterator[Callable[[int], None]]:
    """The progress callback of a validation inside the import's transaction. On PostgreSQL it writes
    through a second connection; elsewhere (the SQLite demo, where a second writer would wait for the
    first) on the import's own, seen when it commits."""
    via = connections.create_connection(DEFAULT_DB_ALIAS) if use_pg else None
    try:
        yield lambda done: _save_progress(batch, done, via=via)
    finally:
        if via is not None:
            via.close()


def _reject(batch: ImportBatch, errors: list[RowError]) -> None:
    _save(
        batch,
        status=ImportBatch.Status.REJECTED,
        errors=[error.as_dict() for error in errors[:STORED_ERRORS]],
        error_count=len(errors),
        inserted=0,
        updated=0,
        unchanged=0,
        finished_at=timezone.now(),
    )


def import_execute(*, batch: ImportBatch, path: Path | str, use_pg: bool | None = None) -> list[RowError]:
    """Runs ``batch`` on the file at ``path``; returns every error (empty when imported).

    Validation and the writes happen in one transaction, so an unexpected database error leaves
    everything as it was; progress is written through a connection of its own (_progress).
    """
    kind = KINDS[batch.kind]
    if use_pg is None:
        use_pg = connection.vendor == "postgresql"
    clock = _Clock(batch)
    with _gc_paused():
        return _execute(batch, kind, path, use_pg, clock)


def _read(batch: ImportBatch, path: Path | str) -> tuple[Table | None, Lines | None]:
    """The file as a table, or as lines to sort against the stored ones (lines.py) once the
    transaction has read them; the header is checked either way before anything else."""
    source = read_source(path)
    _save(batch, sha256=source.sha256, encoding=source.encoding)
    header_check = partial(_header_errors, batch.kind)
    lines = lines_split(source, kind=batch.kind)
    if lines is None:
        table = parse(source.text, header_check)
        _save(batch, total_rows=len(table.lines))  # not table.rows: that would build every row as a list
        return table, None
    parse(lines.header, header_check, rows_elsewhere=bool(lines.numbers))
    _save(batch, total_rows=len(lines.numbers))
    return None, lines


def _table_of(sorted_lines: Sorted) -> Table:
    """The lines still to read as a table, numbered as in the file."""
    try:
        table = parse(sorted_lines.text, rows_elsewhere=True)
    except ImportRejected as exc:
        raise sorted_lines.renumbered(exc) from exc
    table.lines = list(map(sorted_lines.file_line, table.lines))
    return table


def _execute(batch: ImportBatch, kind: Kind, path: Path | str, use_pg: bool, clock: _Clock) -> list[RowError]:
    try:
        table, lines = _read(batch, path)
        clock.lap("read")
        # Validation runs in the writing transaction, under the import's lock, against the digests
        # read there: a row identical to its stored one is settled without checking its values again,
        # and the same digests decide what the plan writes.
        with transaction.atomic(), _progress(batch, use_pg) as progress:
            if use_pg:
                pg.lock(batch.kind)
            existing, known = kind.existing()
            sorted_lines = None
            if lines is not None:
                sorted_lines = lines_sort(lines, known)
                del lines
                table = _table_of(sorted_lines)
            clock.lap("load digests")
            settled = sorted_lines.settled if sorted_lines else 0
            validated = kind.validate(
                table,
                progress=lambda done: progress(settled + done),
                chunk_size=PROGRESS_EVERY,
                existing=existing,
                sorted_lines=sorted_lines,
            )
            del table
            clock.lap("validate")
            plan = kind.plan(validated, existing)
            plan.unchanged += settled
            clock.lap("plan")
            (kind.apply_pg if use_pg else kind.apply_generic)(validated, plan, batch_id=batch.pk)
            clock.lap("write")
            _save(
                batch,
                status=ImportBatch.Status.DONE,
                inserted=plan.inserted,
                updated=plan.updated,
                unchanged=plan.unchanged,
                processed_rows=batch.total_rows,
                finished_at=timezone.now(),
            )
        clock.lap("commit")
        clock.report(f"done ({plan.inserted} new, {plan.updated} updated, {plan.unchanged} unchanged)")
    except ImportRejected as exc:
        _reject(batch, exc.errors)
        clock.report(f"rejected ({len(exc.errors)} errors)")
        return exc.errors
    except Exception as exc:
        # The message of a database error can quote row values; only the type is kept on the batch.
        logger.exception("import batch %s failed", batch.pk)
        _reject(
            batch,
            [
                RowError(
                    0,
                    "",
                    message(
                        gettext_noop("予期しないエラーのため何も取り込みませんでした (%(error)s)"),
                        error=type(exc).__name__,
                    ),
                )
            ],
        )
        raise
    return []
