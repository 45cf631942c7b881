"""PostgreSQL fast path, the common parts: the import's lock, COPY of ready-made text or of values,
temporary staging tables for the set-based statements, ids drawn ahead. Row-by-row saves manage ~1,100
rows/s here; with these the loaders (pg_apply.py) take 300,000 rows in seconds.
"""

import logging
import time
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model
from psycopg.copy import QueuedLibpqWriter

from cases.common.identifiers.kana import katakana_each
from cases.registry.imports.columns import Choice, Column, Date, Integer, Kana
from cases.registry.imports.validation import Spec

logger = logging.getLogger(__name__)

# pg_advisory_xact_lock keys: two imports of the same kind never interleave.
LOCK_KEYS = {"residents": 7_331_001, "income": 7_331_002}
COPY_WRITE_CHARS = 1 << 20  # characters per write to the COPY stream
STAGE_WORK_MEM = "64MB"  # per import transaction, for the staging joins (stage)
# COPY text format: these four characters must be escaped inside a value.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SPECIAL = ("\\", "\t", "\n", "\r")


def lock(kind: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEYS[kind]])


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table_of(model: type[Model]) -> str:
    return quote(model._meta.db_table)


def columns_of(model: type[Model], fields: Sequence[str]) -> list[str]:
    return [quote(model._meta.get_field(field).column) for field in fields]


def run_step(cursor, step: str, sql: str, params: Sequence = ()) -> None:
    started = time.perf_counter()
    cursor.execute(sql, params)
    logger.debug("import step %s: %d rows in %.2f s", step, cursor.rowcount, time.perf_counter() - started)


def copy_values(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY of Python values (psycopg adapts them); used for the staging tables."""
    started = time.perf_counter()
    # The driver's own cursor is used for COPY; the wrapper turns its errors into Django's.
    with (
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        write = copy.write_row
        for row in rows:
            write(row)
    logger.debug("import step copy %s: %.2f s", table, time.perf_counter() - started)


def copy_lines(cursor, table: str, columns: Sequence[str], pieces: Iterable[str]) -> None:
    """COPY of ready-made text (whole lines, one or many per piece), sent in large writes: a few
    times cheaper per row than letting the driver adapt every value, and the rows are prepared
    while the server inserts the previous ones (psycopg's QueuedLibpqWriter sends from a thread of its
    own: the next piece is prepared while the socket takes the last; decision 51)."""
    started = time.perf_counter()
    with (
        connection.wrap_database_errors,
        cursor.cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN", writer=QueuedLibpqWriter(cursor.cursor)
        ) as copy,
    ):
        buffer: list[str] = []
        size = 0
        for piece in pieces:
            buffer.append(piece)
            size += len(piece)
            if size >= COPY_WRITE_CHARS:
                copy.write("".join(buffer))
                buffer.clear()
                size = 0
        if buffer:
            copy.write("".join(buffer))
    logger.debug("import step copy %s: %.2f s", table, time.perf_counter() - started)


def _escaped(value: str) -> str:
    return value.translate(_ESCAPES) if any(ch in value for ch in _SPECIAL) else value


def escaped_column(texts: list[str]) -> list[str]:
    whole = "".join(texts)
    if any(ch in whole for ch in _SPECIAL):
        return [text.translate(_ESCAPES) for text in texts]
    return texts


def _literal(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return _escaped(str(value))


def _copy_column(column: Column, texts: list[str]) -> list[str]:
    """A column as COPY text: the file's own text (ISO dates and plain digits are valid input; a カナ氏名
    in katakana), with blanks spelled the way the column stores them."""
    if isinstance(column, Date | Integer):
        if "" not in texts:  # the usual column, every value given: its text is the COPY text
            return texts
        blank = "\\N" if isinstance(column, Date) else str(column.blank)
        return [text or blank for text in texts]
    if isinstance(column, Choice):
        literals = {code: _literal(value) for code, value in {**column.codes, "": column.blank}.items()}
        return list(map(literals.__getitem__, texts))
    if isinstance(column, Kana):  # stored in katakana, as the generic path stores the converted value
        return escaped_column(katakana_each(texts))
    return escaped_column(texts)


def copy_rows(
    spec: Spec,
    fields: Sequence[str],
    texts: dict[str, list[str]],
    indexes: list[int],
    *,
    before: Sequence[Sequence[str]] = (),
    after: Sequence[Sequence[str]] = (),
) -> str:
    """The COPY text of ``fields`` for the rows at ``indexes``, with ready-made columns ``before``
    and ``after`` them: one string of whole lines, built column-wise (no Python loop per row)."""
    by_field = {column.field: column for column in spec.columns}
    if indexes and indexes[-1] - indexes[0] + 1 == len(indexes):  # a run of consecutive rows
        first, end = indexes[0], indexes[-1] + 1
        selected = {field: texts[field][first:end] for field in fields}
    else:
        selected = {field: [texts[field][index] for index in indexes] for field in fields}
    columns = [*before, *(_copy_column(by_field[field], selected[field]) for field in fields), *after]
    return "\n".join(map("\t".join, zip(*columns, strict=True))) + "\n"


def stage_table(
    cursor,
    name: str,
    model: type[Model],
    fields: Sequence[str],
    extra: Sequence[str],
    rows,
    *,
    keys: Sequence[str],
) -> None:
    """A temporary table with ``fields`` typed as in ``model`` plus text ``extra`` columns, filled;
    ``keys`` are the columns the statements join it on."""
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    # The statements join the staging table to the whole table by hash; with the default 4 MB a
    # 28,000-row stage of wide rows split both sides into 16 batches written to disk (EXPLAIN
    # ANALYZE of a 10% resident file: 474 ms of a 594 ms history insert). Only this transaction.
    cursor.execute(f"SET LOCAL work_mem = '{STAGE_WORK_MEM}'")
    types = [model._meta.get_field(field).db_type(connection) for field in fields]
    ddl = [f"{quote(field)} {kind}" for field, kind in zip(fields, types, strict=True)]
    ddl += [f"{quote(field)} text" for field in extra]
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({', '.join(ddl)}) ON COMMIT DROP")
    copy_values(cursor, name, [quote(field) for field in (*fields, *extra)], rows)
    # Temporary tables have no statistics until analysed; without them the joins below go nested-loop.
    # Only the join keys: the planner needs the row count and the keys' distinct values, and sampling
    # every column of 28,000 wide rows took ten times as long (0.34 s against 0.035 s).
    cursor.execute(f"ANALYZE {name} ({', '.join(quote(key) for key in keys)})")


def reserve_ids(cursor, model: type[Model], count: int, *, table_locked: bool) -> list[int]:
    """``count`` fresh primary keys. With the table locked exclusively nobody else can insert, so
    the sequence is moved on in one step; otherwise every id is drawn (a few µs each)."""
    table = model._meta.db_table
    if table_locked:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
        return list(range(last - count + 1, last + 1))
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
    )
    return [row[0] for row in cursor.fetchall()]


def lines_note(cursor, model: type[Model], keys: Sequence[str], pairs: list[tuple]) -> None:
    """The line each unchanged row was read from this time (lines.py), in one UPDATE; the row's
    ``updated_at`` stays, as nothing of its values changed."""
    if not pairs:
        return
    stage = "import_line_stage"
    rows = ((*key, line) if isinstance(key, tuple) else (key, line) for key, line in pairs)
    stage_table(cursor, stage, model, [*keys, "line_digest"], (), rows, keys=keys)
    match = " AND ".join(f"t.{column} = s.{column}" for column in columns_of(model, keys))
    run_step(
        cursor,
        "note lines",
        f"UPDATE {table_of(model)} t SET line_digest = s.line_digest FROM {stage} s WHERE {match}",
    )
    cursor.execute(f"DROP TABLE {stage}")
