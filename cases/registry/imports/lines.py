"""Lines already on file, recognised before they are read as values.

A weekly extract repeats most of its rows byte for byte. Each stored row keeps a keyed digest of the
line it was last imported from (``line_digest``): a line whose digest is on file is that row as it
stands, so it is neither parsed into values nor checked again. It is counted as unchanged, and its
key still takes part in the checks across rows (a 宛名番号 twice in the file is refused as before).
Only the other lines are parsed, validated and compared value by value.

That needs one record per physical line. A file with a quoted field spanning lines, or a bare CR,
is read whole as before, and its rows get no line digest (they are settled by their values).

The digest is keyed (BLAKE2b with a key derived from the lookup key): a 住民記録 line holds a
個人番号, which a plain hash would let anyone holding the table brute-force from the other values.
The key covers the kind, the encoding and the header's bytes, so the same bytes under other columns
are a different line.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import reduce
from hashlib import blake2b
from operator import or_
from typing import Any

from django.db.models import Model, Q

from cases.registry.imports.csvio import Source, decode_lines
from cases.registry.imports.errors import ImportRejected
from cases.security.crypto import import_line_key


@dataclass
class Lines:
    """The data lines of a file as bytes (blank lines left out), with their digests."""

    header: str
    raws: list[bytes]
    numbers: list[int]  # file line of each; the header is line 1
    digests: list[str]
    encoding: str


@dataclass
class Sorted:
    """The lines still to read (as one text, header first) and the keys of the settled ones."""

    text: str
    numbers: list[int]  # file line of each line of ``text`` after the header
    digests: list[str]
    settled_keys: list[Any]
    settled_numbers: list[int]

    @property
    def settled(self) -> int:
        return len(self.settled_keys)

    def file_line(self, line: int) -> int:
        """The file line of ``line`` of ``text`` (1 is the header)."""
        return self.numbers[line - 2] if 2 <= line <= len(self.numbers) + 1 else line

    def renumbered(self, exc: ImportRejected) -> ImportRejected:
        """``exc`` (from reading ``text``) with the file's line numbers."""
        return ImportRejected([replace(error, line=self.file_line(error.line)) for error in exc.errors])


def lines_split(source: Source, *, kind: str) -> Lines | None:
    """The file's lines and their digests, split as bytes (nothing decoded but the header); None
    when a record may span lines."""
    raw = source.body
    crlf = raw.count(b"\r\n")
    if crlf and crlf == raw.count(b"\n") == raw.count(b"\r"):  # the usual extract: CRLF only
        raws = raw.split(b"\r\n")
    elif b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n")
        if b"\r" in raw:
            return None
        raws = raw.split(b"\n")
    else:
        raws = raw.split(b"\n")
    # Neither UTF-8 nor CP932 has a multi-byte character holding 0x0A (or 0x22), so the split is
    # the text's; an even number of quotes on every line means no newline lies inside a field.
    if not raws[0] or (b'"' in raw and any(line.count(b'"') & 1 for line in raws)):
        return None
    header = decode_lines(raws[0], source.encoding, lambda _offset: 1)
    key = import_line_key(b"\x00".join([kind.encode(), source.encoding.encode(), raws[0]]))
    data = raws[1:]
    if all(data):
        numbers = list(range(2, len(data) + 2))
    else:
        numbers = [number for number, line in enumerate(data, start=2) if line]
        data = list(filter(None, data))
    digests = [blake2b(line, key=key, digest_size=16).hexdigest() for line in data]
    return Lines(header=header, raws=data, numbers=numbers, digests=digests, encoding=source.encoding)


def lines_sort(lines: Lines, known: dict[str, Any]) -> Sorted:
    """``known``: line digest → key of the stored row it was read from (the kind's existing)."""
    keys = list(map(known.get, lines.digests))
    if len(set(lines.digests)) != len(lines.digests):
        # A line written twice is read both times, so that the repeat is reported as it always was.
        repeated = {digest for digest, count in Counter(lines.digests).items() if count > 1}
        keys = [None if digest in repeated else key for digest, key in zip(lines.digests, keys, strict=True)]
    if keys.count(None) == len(keys):
        remaining, settled = range(len(keys)), []
    else:
        remaining = [index for index, key in enumerate(keys) if key is None]
        settled = [index for index, key in enumerate(keys) if key is not None]
    numbers = list(map(lines.numbers.__getitem__, remaining))
    data = b"\n".join(map(lines.raws.__getitem__, remaining))

    def line_of(offset: int) -> int:
        return numbers[data.count(b"\n", 0, offset)]

    text = decode_lines(data, lines.encoding, line_of) if numbers else ""
    return Sorted(
        text=lines.header + "\n" + text,
        numbers=numbers,
        digests=list(map(lines.digests.__getitem__, remaining)),
        settled_keys=list(map(keys.__getitem__, settled)),
        settled_numbers=list(map(lines.numbers.__getitem__, settled)),
    )


def line_digest_of(digests: list[str] | None) -> Callable[[int], str]:
    """Row position → that row's line digest; "" for every row of a file read whole (it has none)."""
    return digests.__getitem__ if digests is not None else _no_digest


def _no_digest(_position: int) -> str:
    return ""


def with_settled(sorted_lines: Sorted | None, keys: list, numbers: list[int]) -> tuple[list, list[int]]:
    """``keys`` of the rows read (at file lines ``numbers``) with those of the settled lines, in file
    order, for the checks across rows; as they are when no line was settled."""
    if sorted_lines is None or not sorted_lines.settled:
        return keys, numbers
    every_key, every_number = (
        sorted_lines.settled_keys + list(keys),
        sorted_lines.settled_numbers + list(numbers),
    )
    present = list(filter(None, every_key))
    if len(set(present)) == len(present):  # the usual file: no repeat, order does not matter
        return every_key, every_number
    ordered = sorted(zip(every_number, every_key, strict=True))
    return [key for _number, key in ordered], [number for number, _key in ordered]


def line_digests_store(
    model: type[Model], key_fields: tuple[str, ...], pairs: list[tuple[Any, str]], *, chunk_size: int = 500
) -> None:
    """Any database: notes the line each (key, line digest) row was read from this time, so that the
    next extract settles it by its line (pg.lines_note does the same in one statement)."""
    step = max(1, min(chunk_size, 900 // len(key_fields)))  # under SQLite's 999 parameters a query
    for start in range(0, len(pairs), step):
        wanted = dict(pairs[start : start + step])
        if len(key_fields) == 1:
            found = model.objects.filter(**{f"{key_fields[0]}__in": list(wanted)})
        else:
            found = model.objects.filter(
                reduce(or_, (Q(**dict(zip(key_fields, key, strict=True))) for key in wanted))
            )
        rows = list(found.only("pk", *key_fields))
        for row in rows:
            values = tuple(getattr(row, field) for field in key_fields)
            row.line_digest = wanted[values[0] if len(key_fields) == 1 else values]
        model.objects.bulk_update(rows, ["line_digest"])
