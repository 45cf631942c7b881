"""Reading an extract: bytes → text (UTF-8 with or without BOM, else CP932) → header and rows."""

import codecs
import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path

from django.utils.translation import gettext_noop

from cases.registry.imports.errors import ImportRejected, RowError, message

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP932 = "cp932"


@dataclass
class Source:
    text: str
    sha256: str
    encoding: str
    body: bytes = b""  # the bytes ``text`` was decoded from (without a BOM)


class Table:
    """The header and data rows of a file. When every row has the header's width and nothing is
    quoted oddly, the data also comes column by column (``columns``), split at C speed."""

    def __init__(
        self,
        header: list[str],
        lines: list[int],
        rows: list[list[str]] | None = None,
        columns: list[list[str]] | None = None,
    ):
        self.header = header
        self.lines = lines  # file line each row starts on; the header is line 1
        self._rows = rows
        self.columns = columns

    @property
    def rows(self) -> list[list[str]]:
        if self._rows is None:
            self._rows = [list(row) for row in zip(*self.columns, strict=True)] if self.columns else []
        return self._rows


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name). A BOM settles the question; otherwise UTF-8 is tried before CP932."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportRejected(
            [
                RowError(
                    1,
                    "",
                    message(
                        gettext_noop(
                            "UTF-16 のファイルには対応していません。UTF-8 か Shift_JIS (CP932) で保存してください"
                        )
                    ),
                )
            ]
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode(UTF8), UTF8_BOM
        except UnicodeDecodeError as exc:
            raise ImportRejected(
                [
                    RowError(
                        _line_of(data, exc.start + 3),
                        "",
                        message(gettext_noop("UTF-8 として読めない文字があります")),
                    )
                ]
            ) from exc
    try:
        return data.decode(UTF8), UTF8
    except UnicodeDecodeError:
        pass
    return decode_lines(data, CP932, lambda offset: _line_of(data, offset)), CP932


def decode_lines(data: bytes, encoding: str, line_of: Callable[[int], int]) -> str:
    """``data`` in ``encoding`` (the file's, as decode found it); a byte that is not one of its
    characters is reported on the file line ``line_of(offset)`` gives."""
    try:
        return data.decode(UTF8 if encoding == UTF8_BOM else encoding)
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [
                RowError(
                    line_of(exc.start),
                    "",
                    message(
                        gettext_noop(
                            "文字コードを判別できません。UTF-8 か Shift_JIS (CP932) の CSV で保存してください"
                        )
                    ),
                )
            ]
        ) from exc


def read_source(path: Path | str) -> Source:
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    # Decoded whole even when the import will read only some lines (lines.py): a byte of neither
    # encoding anywhere is named as such, rather than as a garbled header.
    text, encoding = decode(data)
    body = data[len(codecs.BOM_UTF8) :] if encoding == UTF8_BOM else data
    return Source(text=text, sha256=digest, encoding=encoding, body=body)


def _split_simple(text: str) -> Table | None:
    """The table without the csv module, when nothing in the text needs it.

    The common extract has no quoting at all, or quotes every field with no quote inside: both split
    at C speed, and straight into columns when every row has the header's width. Anything else
    (quotes inside fields, fields spanning lines, bare CR) returns None.
    """
    body = text.replace("\r\n", "\n")
    if "\r" in body:
        return None
    physical = body.split("\n")
    numbers = [number for number, line in enumerate(physical, start=1) if line]
    content = [line for line in physical if line]
    if not content:
        return Table(header=[], lines=[], rows=[])
    separator = ","
    if '"' in body:
        if not all(
            line[0] == '"' and line[-1] == '"' and line.count('"') == 2 * line.count('","') + 2
            for line in content
        ):
            return None
        content = [line[1:-1] for line in content]
        separator = '","'
    header, data = content[0].split(separator), content[1:]
    lines = numbers[1:]
    if numbers[0] != 1:
        return Table(header=[], lines=[], rows=[])
    width = len(header)
    if data and set(map(methodcaller("count", separator), data)) == {width - 1}:
        flat = separator.join(data).split(separator)
        return Table(header=header, lines=lines, columns=[flat[index::width] for index in range(width)])
    return Table(header=header, lines=lines, rows=[line.split(separator) for line in data])


def _split_csv(text: str) -> tuple[list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    add_row, add_line = rows.append, lines.append
    start = 1
    try:
        for row in reader:
            if row:
                add_row(row)
                add_line(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRejected(
            [
                RowError(
                    reader.line_num or 1,
                    "",
                    message(gettext_noop('CSV として読めません (引用符「"」の対応などを確認してください)')),
                )
            ]
        ) from exc
    return rows, lines


def parse(
    text: str,
    header_errors: Callable[[list[str]], list[RowError]] | None = None,
    *,
    rows_elsewhere: bool = False,
) -> Table:
    """Splits the text into rows; completely empty lines are skipped. ``header_errors(header)``: the
    file's own check of its header, made before a file without data lines is refused, so that a
    wrong header is named even then (it was reported only as 「データ行がありません」).
    ``rows_elsewhere``: the file's other lines were taken out beforehand (lines.py), so a text
    without data lines is not an empty file."""
    if "\x00" in text:
        raise ImportRejected(
            [
                RowError(
                    1,
                    "",
                    message(gettext_noop("CSV ファイルではありません (バイナリデータが含まれています)")),
                )
            ]
        )
    table = _split_simple(text)
    if table is None:
        rows, lines = _split_csv(text)
        if rows and lines[0] == 1:
            table = Table(header=rows[0], lines=lines[1:], rows=rows[1:])
        else:
            table = Table(header=[], lines=[], rows=[])
    if not table.header:
        raise ImportRejected(
            [RowError(1, "", message(gettext_noop("ファイルが空です (1行目に見出しが必要です)")))]
        )
    table.header = [name.strip() for name in table.header]
    errors = header_errors(table.header) if header_errors is not None else []
    if errors:
        raise ImportRejected(errors)
    if not table.lines and not rows_elsewhere:
        raise ImportRejected([RowError(2, "", message(gettext_noop("データ行がありません")))])
    return table
