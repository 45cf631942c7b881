"""PostgreSQL fast path. Row-by-row saves manage ~1,100 rows/s here; this does 300,000 rows in seconds.

* New rows are streamed with COPY straight into their tables, prepared (normalised, digested,
  formatted column by column) a slice at a time while the server inserts the previous slice.
  Resident ids are drawn from the sequence beforehand, so the 個人番号 rows can name them.
* Changed rows go through a temporary staging table and a few set-based statements
  (history snapshot, update, number upsert).
* A load that at least doubles a table (the first import) drops its secondary indexes and its
  foreign keys and puts them back afterwards (_BulkLoad). That takes an exclusive lock until
  commit, so it is only done when the lock is free within a few seconds, and never for an
  everyday update.

Unchanged rows never reach the database, so re-importing a file writes nothing at all.
"""

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.db.models import Model
from django.db.utils import DatabaseError
from django.utils import timezone

from cases.common.identifiers.kana import katakana_each
from cases.registry.imports import income, residents
from cases.registry.imports.columns import Choice, Column, Date, Integer, Kana
from cases.registry.imports.lines import line_digest_of
from cases.registry.imports.validation import Spec
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory

logger = logging.getLogger(__name__)

# pg_advisory_xact_lock keys: two imports of the same kind never interleave.
LOCK_KEYS = {"residents": 7_331_001, "income": 7_331_002}
REBUILD_MIN_ROWS = 50_000
COPY_WRITE_CHARS = 1 << 20  # characters per write to the COPY stream
STREAM_SLICE = 20_000  # rows prepared at a time while the server inserts the previous ones
# COPY text format: these four characters must be escaped inside a value.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SPECIAL = ("\\", "\t", "\n", "\r")


def lock(kind: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEYS[kind]])


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[Model]) -> str:
    return _q(model._meta.db_table)


def _columns(model: type[Model], fields: Sequence[str]) -> list[str]:
    return [_q(model._meta.get_field(field).column) for field in fields]


def _run(cursor, step: str, sql: str, params: Sequence = ()) -> None:
    started = time.perf_counter()
    cursor.execute(sql, params)
    logger.debug("import step %s: %d rows in %.2f s", step, cursor.rowcount, time.perf_counter() - started)


def _copy(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
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


def _copy_lines(cursor, table: str, columns: Sequence[str], pieces: Iterable[str]) -> None:
    """COPY of ready-made text (whole lines, one or many per piece), sent in large writes: a few
    times cheaper per row than letting the driver adapt every value, and the rows are prepared
    while the server inserts the previous ones."""
    started = time.perf_counter()
    with (
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
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


def _escaped_column(texts: list[str]) -> list[str]:
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
    if isinstance(column, Date):
        return [text or "\\N" for text in texts]
    if isinstance(column, Integer):
        blank = str(column.blank)
        return [text or blank for text in texts]
    if isinstance(column, Choice):
        literals = {code: _literal(value) for code, value in {**column.codes, "": column.blank}.items()}
        return list(map(literals.__getitem__, texts))
    if isinstance(column, Kana):  # stored in katakana, as the generic path stores the converted value
        return _escaped_column(katakana_each(texts))
    return _escaped_column(texts)


def _copy_rows(
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


def _stage(
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
    types = [model._meta.get_field(field).db_type(connection) for field in fields]
    ddl = [f"{_q(field)} {kind}" for field, kind in zip(fields, types, strict=True)]
    ddl += [f"{_q(field)} text" for field in extra]
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({', '.join(ddl)}) ON COMMIT DROP")
    _copy(cursor, name, [_q(field) for field in (*fields, *extra)], rows)
    # Temporary tables have no statistics until analysed; without them the joins below go nested-loop.
    # Only the join keys: the planner needs the row count and the keys' distinct values, and sampling
    # every column of 28,000 wide rows took ten times as long (0.34 s against 0.035 s).
    cursor.execute(f"ANALYZE {name} ({', '.join(_q(key) for key in keys)})")


def _reserve_ids(cursor, model: type[Model], count: int, *, table_locked: bool) -> list[int]:
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


class _BulkLoad:
    """For a load that at least doubles some tables: their secondary indexes, unique constraints
    and own foreign keys are dropped, and put back once the rows are in (PostgreSQL manual, 14.4
    "Populating a Database"). A sorted index build is several times cheaper than 300,000 random
    insertions, and one validating join replaces 300,000 foreign-key checks of a row each. Only
    the primary key stays. Putting a unique constraint back checks every row, so a duplicate that
    got past the validation still fails the import (the loaders check for them beforehand); a
    unique constraint another table's foreign key depends on cannot be dropped, and then nothing is.

    ``dropped`` says whether that happened, i.e. whether this transaction holds the tables
    exclusively (until it ends). It is only tried when the tables are free within 3 seconds.
    """

    def __init__(self, cursor, models: Sequence[type[Model]], *, enabled: bool):
        self.cursor = cursor
        self.indexes: dict[str, list[str]] = {}
        self.constraints: dict[str, list[tuple[str, str]]] = {}
        self.dropped = False
        if enabled:
            self._drop([model._meta.db_table for model in models])

    def _drop(self, tables: list[str]) -> None:
        cursor = self.cursor
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL lock_timeout = '3s'")
                cursor.execute(f"LOCK TABLE {', '.join(map(_q, tables))} IN ACCESS EXCLUSIVE MODE")
                cursor.execute(
                    "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, "
                    "pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                    "ORDER BY 2",
                    [tables],
                )
                indexes = cursor.fetchall()
                cursor.execute(
                    "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                    "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f') "
                    "ORDER BY c.contype DESC, 2",
                    [tables],
                )
                constraints = cursor.fetchall()
                for _table_name, name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
                for table_name, name, _definition in constraints:
                    cursor.execute(f"ALTER TABLE {table_name} DROP CONSTRAINT {_q(name)}")
                cursor.execute("SET LOCAL lock_timeout = DEFAULT")
        except DatabaseError:
            logger.info(
                "import: indexes and keys left in place (the tables are busy, or another table depends on them)"
            )
            return
        self.dropped = True
        for table_name, _name, definition in indexes:
            self.indexes.setdefault(table_name, []).append(definition)
        # Unique constraints ('u') sort before foreign keys ('f'), and are put back first.
        for table_name, name, definition in constraints:
            self.constraints.setdefault(table_name, []).append((name, definition))

    def restore(self, model: type[Model]) -> None:
        """Puts back what was dropped on ``model``'s table: call it once its rows are in."""
        table = model._meta.db_table
        indexes = self.indexes.pop(table, [])
        constraints = self.constraints.pop(table, [])
        if not indexes and not constraints:
            return
        started = time.perf_counter()
        cursor = self.cursor
        # CREATE INDEX and ALTER TABLE refuse a table with deferred checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            # Adding a key checks every row in one join (or one sort for UNIQUE); a broken
            # reference or a duplicate fails the import.
            cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        logger.debug(
            "import step restore %s (%d indexes, %d constraints): %.2f s",
            table,
            len(indexes),
            len(constraints),
            time.perf_counter() - started,
        )


def _lines_note(cursor, model: type[Model], keys: Sequence[str], pairs: list[tuple]) -> None:
    """The line each unchanged row was read from this time (lines.py), in one UPDATE; the row's
    ``updated_at`` stays, as nothing of its values changed."""
    if not pairs:
        return
    stage = "import_line_stage"
    rows = ((*key, line) if isinstance(key, tuple) else (key, line) for key, line in pairs)
    _stage(cursor, stage, model, [*keys, "line_digest"], (), rows, keys=keys)
    match = " AND ".join(f"t.{column} = s.{column}" for column in _columns(model, keys))
    _run(
        cursor,
        "note lines",
        f"UPDATE {_table(model)} t SET line_digest = s.line_digest FROM {stage} s WHERE {match}",
    )
    cursor.execute(f"DROP TABLE {stage}")


def residents_apply_pg(validated: residents.Validated, plan: residents.Plan, *, batch_id: int) -> None:
    with connection.cursor() as cursor:
        # Changed rows first: they may release numbers that new rows of the same file take.
        if plan.changed:
            _residents_changed(cursor, plan, batch_id)
        if plan.new:
            _residents_new(cursor, validated, plan)
        _lines_note(cursor, Resident, ["atena_no"], plan.relined)


def _residents_changed(cursor, plan: residents.Plan, batch_id: int) -> None:
    stage = "import_resident_stage"
    resident, history, mynumber = _table(Resident), _table(ResidentHistory), _table(MyNumber)
    written = residents.FIELDS + residents.DERIVED
    _stage(cursor, stage, Resident, written, residents.SEALED, plan.changed, keys=["atena_no"])
    fields = _columns(Resident, residents.FIELDS)
    old = ", ".join(f"'{field}', r.{column}" for field, column in zip(residents.FIELDS, fields, strict=True))
    _run(
        cursor,
        "history",
        f"INSERT INTO {history} (resident_id, snapshot, changed_on, change_reason, recorded_at, batch_id) "
        f"SELECT r.id, jsonb_build_object({old}), s.changed_on, s.change_reason, now(), %s "
        f"FROM {stage} s JOIN {resident} r ON r.atena_no = s.atena_no "
        f"WHERE ({', '.join('r.' + f for f in fields)}) IS DISTINCT FROM ({', '.join('s.' + f for f in fields)})",
        [batch_id],
    )
    assignments = ", ".join(f"{column} = s.{column}" for column in _columns(Resident, written))
    _run(
        cursor,
        "update residents",
        f"UPDATE {resident} r SET {assignments}, updated_at = now() FROM {stage} s WHERE r.atena_no = s.atena_no",
    )
    if any(row[residents.SEALED_AT] for row in plan.changed):
        # Free the hashes first so a number can move between two people of one file.
        _run(
            cursor,
            "free number hashes",
            f"UPDATE {mynumber} m SET lookup_hash = NULL FROM {stage} s JOIN {resident} r "
            "ON r.atena_no = s.atena_no WHERE s.lookup_hash IS NOT NULL AND m.resident_id = r.id",
        )
        _run(
            cursor,
            "store changed numbers",
            f"INSERT INTO {mynumber} (resident_id, ciphertext, key_id, lookup_hash, registered_at) "
            f"SELECT r.id, s.ciphertext, s.key_id, s.lookup_hash, now() FROM {stage} s "
            f"JOIN {resident} r ON r.atena_no = s.atena_no WHERE s.lookup_hash IS NOT NULL "
            "ON CONFLICT (resident_id) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, "
            "key_id = EXCLUDED.key_id, lookup_hash = EXCLUDED.lookup_hash, purged_at = NULL",
        )
    cursor.execute(f"DROP TABLE {stage}")


def _residents_new(cursor, validated: residents.Validated, plan: residents.Plan) -> None:
    """Residents first, then their 個人番号. While the server builds the residents' indexes again,
    a second thread seals the numbers (the driver lets go of the interpreter while it waits), so
    the two CPUs work at once on the two longest steps."""
    stamp = timezone.now().isoformat()
    # The digests need the numbers' lookup hashes, and a number someone else holds is refused
    # before anything is written.
    hashes = residents.new_hashes(validated, plan)
    residents.check_new_claims(validated, plan, hashes)
    rebuild = len(plan.new) >= max(REBUILD_MIN_ROWS, plan.existing_count)
    bulk = _BulkLoad(cursor, [Resident, MyNumber], enabled=rebuild)
    ids = _reserve_ids(cursor, Resident, len(plan.new), table_locked=bulk.dropped)

    def rows() -> Iterator[str]:
        # Prepared a slice at a time, so the server inserts one slice while the next is built.
        digest, joined = residents.row_digest, validated.joined
        for start in range(0, len(plan.new), STREAM_SLICE):
            positions = plan.new[start : start + STREAM_SLICE]
            kana, kanji = residents.search_names(validated, positions)
            digests = [
                digest(joined[index], hashed)
                for index, hashed in zip(positions, hashes[start : start + len(positions)], strict=True)
            ]
            stamps = [stamp] * len(positions)
            before = (list(map(str, ids[start : start + len(positions)])), stamps, stamps)
            after = (
                _escaped_column(kana),
                _escaped_column(kanji),
                digests,
                list(map(line_digest_of(validated.line_digests), positions)),
            )
            yield _copy_rows(
                residents.SPEC, residents.FIELDS, validated.texts, positions, before=before, after=after
            )

    fields = ["id", "created_at", "updated_at", *residents.FIELDS, *residents.DERIVED]
    _copy_lines(cursor, _table(Resident), _columns(Resident, fields), rows())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-seal") as pool:
        sealing = pool.submit(lambda: list(residents.sealed_new(validated, plan, hashes)))
        bulk.restore(Resident)
        sealed = sealing.result()
    lines = (
        f"{ids[position]}\t{ciphertext}\t{key_id}\t{hashed}\t{stamp}\n"
        for position, ciphertext, key_id, hashed in sealed
    )
    columns = _columns(MyNumber, ["resident", "ciphertext", "key_id", "lookup_hash", "registered_at"])
    _copy_lines(cursor, _table(MyNumber), columns, lines)
    bulk.restore(MyNumber)


def income_apply_pg(validated: income.Validated, plan: income.Plan, *, batch_id: int) -> None:
    table = _table(IncomeRecord)
    with connection.cursor() as cursor:
        if plan.changed:
            stage = "import_income_stage"
            _stage(
                cursor, stage, IncomeRecord, income.ROW_FIELDS, (), plan.changed, keys=income.ROW_FIELDS[:2]
            )
            assignments = ", ".join(f"{c} = s.{c}" for c in _columns(IncomeRecord, income.ROW_FIELDS[2:]))
            _run(
                cursor,
                "update income",
                f"UPDATE {table} t SET {assignments}, updated_at = now() FROM {stage} s "
                "WHERE t.personal_code = s.personal_code AND t.tax_year = s.tax_year",
            )
            cursor.execute(f"DROP TABLE {stage}")
        if plan.new:
            stamp = timezone.now().isoformat()
            joined, digest = validated.joined, income.row_digest

            def lines() -> Iterator[str]:
                for start in range(0, len(plan.new), STREAM_SLICE):
                    indexes = plan.new[start : start + STREAM_SLICE]
                    stamps = [stamp] * len(indexes)
                    digests = [digest(joined[index]) for index in indexes]
                    yield _copy_rows(
                        income.SPEC,
                        income.FIELDS,
                        validated.texts,
                        indexes,
                        before=(stamps, stamps),
                        after=(digests, list(map(line_digest_of(validated.line_digests), indexes))),
                    )

            rebuild = len(plan.new) >= max(REBUILD_MIN_ROWS, plan.existing_count)
            bulk = _BulkLoad(cursor, [IncomeRecord], enabled=rebuild)
            columns = _columns(IncomeRecord, ["created_at", "updated_at", *income.ROW_FIELDS])
            _copy_lines(cursor, table, columns, lines())
            bulk.restore(IncomeRecord)
        _lines_note(cursor, IncomeRecord, ["personal_code", "tax_year"], plan.relined)
