"""Column-wise validation of an extract.

A column is first checked as a whole with builtins that loop in C (``str.isdigit`` on the joined
column, ``set`` containment, ``map(int, …)``); only a column that fails that quick check is walked
value by value to say which line is wrong and why. 300,000 rows take a second or two this way,
where one function call per field would take ten times as long.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from cases.registry.imports.columns import Column
from cases.registry.imports.errors import RowError, shown

if TYPE_CHECKING:
    from cases.registry.imports.csvio import Table


@dataclass(frozen=True)
class Spec:
    """The columns of one kind of extract, in the order their values are stored."""

    kind: str
    title: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def sort_errors(self, errors: list[RowError]) -> list[RowError]:
        """By line, then in the order the columns are documented; whole-row problems first."""
        order = {name: index for index, name in enumerate(self.names)}
        return sorted(errors, key=lambda error: (error.line, order.get(error.column, -1)))

    def header_errors(self, header: Sequence[str]) -> list[RowError]:
        errors: list[RowError] = []
        known = set(self.names)
        seen: set[str] = set()
        for name in header:
            if name in seen:
                errors.append(RowError(1, name, _("同じ名前の列が2つ以上あります")))
            elif name not in known:
                label = name or _("(空欄)")
                errors.append(
                    RowError(
                        1, label, _("不明な列です (%(title)sの列名ではありません)") % {"title": self.title}
                    )
                )
            seen.add(name)
        for column in self.columns:
            if column.name not in seen and not column.header_optional:
                errors.append(RowError(1, column.name, _("必須の列がありません")))
        return errors


@dataclass
class Columns:
    """A validated file, column by column."""

    typed: dict[str, list]  # field → converted values
    texts: dict[str, list[str]]  # field → the values as written in the file, without surrounding spaces
    lines: list[int]  # file line of each row
    errors: list[RowError]

    def joined(self, fields: Sequence[str]) -> list[str]:
        """Each row's texts in ``fields`` order joined by U+001F: the input of the row digest."""
        return list(map("\x1f".join, zip(*(self.texts[field] for field in fields), strict=True)))


def validate_columns(
    spec: Spec,
    header: Sequence[str],
    rows: list[list[str]] | None,
    lines: list[int],
    *,
    chunk_size: int = 20_000,
    progress: Callable[[int], None] | None = None,
    columns: list[list[str]] | None = None,
) -> Columns:
    """Checks every value of every row.

    Rows with the wrong number of fields are reported and left out. A column whose header is
    optional and absent comes back blank. ``columns`` (Table.columns), when given, replaces
    ``rows``: the same data already split column by column, every row of the header's width.
    """
    if columns is not None:
        return _validate_split_columns(spec, header, columns, lines, chunk_size, progress)
    errors: list[RowError] = []
    width = len(header)
    position = {name: index for index, name in enumerate(header)}
    typed: dict[str, list] = {column.field: [] for column in spec.columns}
    texts: dict[str, list[str]] = {column.field: [] for column in spec.columns}
    kept_lines: list[int] = []
    strip = str.strip
    for start in range(0, len(rows), chunk_size):
        chunk = rows[start : start + chunk_size]
        chunk_lines = lines[start : start + chunk_size]
        if set(map(len, chunk)) != {width}:
            good = []
            good_lines = []
            for row, line in zip(chunk, chunk_lines, strict=True):
                if len(row) == width:
                    good.append(row)
                    good_lines.append(line)
                else:
                    errors.append(
                        RowError(
                            line,
                            "",
                            _("列の数が見出し行と違います (見出し %(header)d列、この行 %(row)d列)")
                            % {"header": width, "row": len(row)},
                        )
                    )
            chunk, chunk_lines = good, good_lines
        kept_lines.extend(chunk_lines)
        for column in spec.columns:
            index = position.get(column.name)
            if index is None:
                texts[column.field].extend([""] * len(chunk))
                typed[column.field].extend([column.blank_value()] * len(chunk))
                continue
            values = list(map(strip, map(itemgetter(index), chunk)))
            texts[column.field].extend(values)
            typed[column.field].extend(column.convert(values, chunk_lines, errors))
        if progress:
            progress(min(start + chunk_size, len(rows)))
    return Columns(typed=typed, texts=texts, lines=kept_lines, errors=errors)


def validate_table(
    spec: Spec, table: "Table", *, progress: Callable[[int], None] | None = None, chunk_size: int = 20_000
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
    )


def _validate_split_columns(
    spec: Spec,
    header: Sequence[str],
    columns: list[list[str]],
    lines: list[int],
    chunk_size: int,
    progress: Callable[[int], None] | None,
) -> Columns:
    errors: list[RowError] = []
    position = {name: index for index, name in enumerate(header)}
    typed: dict[str, list] = {column.field: [] for column in spec.columns}
    texts: dict[str, list[str]] = {column.field: [] for column in spec.columns}
    strip = str.strip
    total = len(lines)
    for start in range(0, total, chunk_size):
        end = min(start + chunk_size, total)
        chunk_lines = lines[start:end]
        for column in spec.columns:
            index = position.get(column.name)
            if index is None:
                texts[column.field].extend([""] * (end - start))
                typed[column.field].extend([column.blank_value()] * (end - start))
                continue
            values = list(map(strip, columns[index][start:end]))
            texts[column.field].extend(values)
            typed[column.field].extend(column.convert(values, chunk_lines, errors))
        if progress:
            progress(end)
    return Columns(typed=typed, texts=texts, lines=list(lines), errors=errors)


def duplicate_errors(
    keys: Sequence[Any], lines: Sequence[int], column: str, message: Callable[[Any, int], str] | None = None
) -> list[RowError]:
    """Every repeat of a key, pointing back at the line that had it first. Blank keys are skipped."""
    present = [key for key in keys if key]
    if len(set(present)) == len(present):
        return []
    first: dict[Any, int] = {}
    errors: list[RowError] = []
    for key, line in zip(keys, lines, strict=True):
        if not key:
            continue
        seen = first.setdefault(key, line)
        if seen != line:
            text = (
                message(key, seen)
                if message
                else _("%(key)sは%(first)d行目と重複しています")
                % {
                    "key": shown(str(key)),
                    "first": seen,
                }
            )
            errors.append(RowError(line, column, text))
    return errors
