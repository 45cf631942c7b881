"""Column-wise validation of an extract.

A column is first checked as a whole with builtins that loop in C (``str.isdigit`` on the joined
column, ``set`` containment, ``map(int, …)``); only a column that fails that quick check is walked
value by value to say which line is wrong and why. 300,000 rows take a second or two this way,
where one function call per field would take ten times as long.
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop

from cases.registry.imports.duplicates import duplicate_errors as duplicate_errors  # re-exported
from cases.registry.imports.errors import RowError, message
from cases.registry.imports.spec import Spec  # its own module; the importers import it from here too

if TYPE_CHECKING:
    from cases.registry.imports.csvio import Table


@dataclass
class Columns:
    """A validated file, column by column."""

    typed: dict[str, list]  # field → converted values
    texts: dict[str, list[str]]  # field → the values as written in the file, without surrounding spaces
    lines: list[int]  # file line of each row
    errors: list[RowError]
    settled: list[bool] | None = None  # per row: identical to a stored row, not checked again
    joined: list[str] = dataclasses.field(default_factory=list)  # per row: the digest's input (joined_fields)

    def records(self, fields: Sequence[str]) -> list[tuple | None]:
        """Each row's typed values in ``fields`` order; None for a settled row (nothing reads it)."""
        columns = [self.typed[field] for field in fields]
        if not self.settled or not any(self.settled):
            return list(zip(*columns, strict=True))
        records: list[tuple | None] = [None] * len(self.lines)
        for position in compress(range(len(records)), map(not_, self.settled)):
            records[position] = tuple(column[position] for column in columns)
        return records


# (texts by field, joined texts per row) → per row, True for a settled row.
Settle = Callable[[dict[str, list[str]], list[str]], list[bool]]


def validate_columns(
    spec: Spec,
    header: Sequence[str],
    rows: list[list[str]] | None,
    lines: list[int],
    *,
    chunk_size: int = 20_000,
    progress: Callable[[int], None] | None = None,
    columns: list[list[str]] | None = None,
    joined_fields: Sequence[str] = (),
    settle: Settle | None = None,
) -> Columns:
    """Checks every value of every row, except in rows ``settle`` says are settled.

    Rows with the wrong number of fields are reported and left out. A column whose header is
    optional and absent comes back blank. ``columns`` (Table.columns), when given, replaces
    ``rows``: the same data already split column by column, every row of the header's width.

    ``joined_fields``: each row's texts in that order, joined by U+001F (the input of the row
    digest), come back as ``Columns.joined``.

    ``settle`` gets every column's texts and the joined rows and returns, per row, True for a row
    identical to one already stored, which was checked when it was stored: its values are not
    checked again. Such a row's typed values are its texts where a valid value is stored as written
    (``Column.as_written``), the converted value in the spec's ``key_fields`` (the checks across
    rows need them) and None elsewhere.
    """
    errors: list[RowError] = []
    if columns is None:
        columns, lines = _split_rows(header, rows or [], lines, errors)
    position = {name: index for index, name in enumerate(header)}
    texts: dict[str, list[str]] = {}
    for column in spec.columns:
        index = position.get(column.name)
        texts[column.field] = [""] * len(lines) if index is None else _stripped(columns[index])
    del columns
    joined = list(map("\x1f".join, zip(*(texts[field] for field in joined_fields), strict=True)))
    settled = settle(texts, joined) if settle else None
    typed = _converted(spec, texts, lines, errors, settled, chunk_size, progress)
    return Columns(typed=typed, texts=texts, lines=list(lines), errors=errors, settled=settled, joined=joined)


def _stripped(values: list[str]) -> list[str]:
    """The values without surrounding whitespace. A column with no whitespace anywhere (most are
    digits, codes and dates) is taken as it is: one scan of the joined column instead of a call per
    value. ``str.split()`` and ``str.strip()`` agree on what whitespace is."""
    whole = "".join(values)
    if whole.split() == [whole]:
        return list(values)
    return list(map(str.strip, values))


def _split_rows(
    header: Sequence[str], rows: list[list[str]], lines: list[int], errors: list[RowError]
) -> tuple[list[list[str]], list[int]]:
    """Rows → columns, leaving out (and reporting) every row of the wrong width."""
    width = len(header)
    if set(map(len, rows)) - {width}:
        good, good_lines = [], []
        for row, line in zip(rows, lines, strict=True):
            if len(row) == width:
                good.append(row)
                good_lines.append(line)
            else:
                errors.append(
                    RowError(
                        line,
                        "",
                        message(
                            gettext_noop(
                                "列の数が見出し行と違います (見出し %(header)d列、この行 %(row)d列)"
                            ),
                            header=width,
                            row=len(row),
                        ),
                    )
                )
        rows, lines = good, good_lines
    if not rows:
        return [[] for _ in range(width)], list(lines)
    return [list(column) for column in zip(*rows, strict=True)], list(lines)


def _converted(
    spec: Spec,
    texts: dict[str, list[str]],
    lines: list[int],
    errors: list[RowError],
    settled: list[bool] | None,
    chunk_size: int,
    progress: Callable[[int], None] | None,
) -> dict[str, list]:
    """Every column converted a chunk at a time (progress after each chunk)."""
    typed: dict[str, list] = {column.field: [] for column in spec.columns}
    total = len(lines)
    for start in range(0, total, chunk_size):
        end = min(start + chunk_size, total)
        chunk_lines = lines[start:end]
        # Positions (within the chunk) of the rows to check; None: all of them.
        open_rows = None
        if settled is not None and any(settled[start:end]):
            open_rows = [offset for offset, done in enumerate(settled[start:end]) if not done]
        for column in spec.columns:
            values = texts[column.field][start:end]
            if open_rows is None or column.field in spec.key_fields:
                typed[column.field].extend(column.convert(values, chunk_lines, errors))
                continue
            out = list(values) if column.as_written else [None] * (end - start)
            if open_rows:
                checked = column.convert(
                    [values[offset] for offset in open_rows],
                    [chunk_lines[offset] for offset in open_rows],
                    errors,
                )
                for offset, value in zip(open_rows, checked, strict=True):
                    out[offset] = value
            typed[column.field].extend(out)
        if progress:
            progress(end)
    return typed


def validate_table(
    spec: Spec,
    table: "Table",
    *,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = 20_000,
    joined_fields: Sequence[str] = (),
    settle: Settle | None = None,
) -> Columns:
    """validate_columns for a read file: column by column when the reader could split it so."""
    return validate_columns(
        spec,
        table.header,
        None if table.columns is not None else table.rows,
        table.lines,
        progress=progress,
        chunk_size=chunk_size,
        columns=table.columns,
        joined_fields=joined_fields,
        settle=settle,
    )


@dataclass
class PlanCounts:
    """What either kind's plan holds in common, and what the runner reports of it."""

    new: list[int]  # positions in Validated of rows not on file yet
    changed: list[tuple]  # ROW_FIELDS
    unchanged: int
    existing_count: int

    @property
    def inserted(self) -> int:
        return len(self.new)

    @property
    def updated(self) -> int:
        return len(self.changed)
