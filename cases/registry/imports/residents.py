"""住民記録 extract → Resident (宛名情報), ResidentHistory and MyNumber (docs/formats/residents.md)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import compress

from django.db import connection
from django.utils.translation import gettext_noop

from cases.common.codes import REMOVAL_REASONS, ChangeReason, Sex
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.registry.imports.columns import Choice, Date, Kana, MyNumberColumn, Text
from cases.registry.imports.csvio import Table
from cases.registry.imports.errors import ImportRejected, RowError, message
from cases.registry.imports.lines import Sorted, with_settled
from cases.registry.imports.stored import stored_columns
from cases.registry.imports.validation import Spec, duplicate_errors, validate_table
from cases.registry.models.residents import Resident
from cases.security.crypto import mynumber_lookup_hashes

MYNUMBER = "mynumber"

SPEC = Spec(
    kind="residents",
    title="住民記録",
    columns=(
        Text("宛名番号", "atena_no", max_length=20, digits=True, required=True),
        Text("世帯番号", "household_no", max_length=20, digits=True, required=True),
        Choice("世帯主", "is_householder", codes={"1": True, "0": False}, required=True),
        Text("続柄", "relationship", max_length=30),
        Kana("カナ氏名", "kana_name", max_length=100, required=True),
        Text("漢字氏名", "kanji_name", max_length=100, required=True),
        Date("生年月日", "birth_date", required=True, not_future=True),
        Choice("性別", "sex", codes={code: code for code in Sex.values}, required=True),
        Text("現住所", "address", max_length=200),
        Text("前住所", "previous_address", max_length=200),
        Text("転入前住所", "address_before_move_in", max_length=200),
        Text("転出先住所", "address_after_move_out", max_length=200),
        Date("住定日", "resided_on"),
        Date("消除日", "removed_on"),
        Date("異動日", "changed_on"),
        Choice("異動事由", "change_reason", codes={code: code for code in ChangeReason.values}),
        Text("国籍", "nationality", max_length=40),
        MyNumberColumn("個人番号", MYNUMBER, header_optional=True),
    ),
)

# Resident columns filled from the file, in the order a validated record holds them.
FIELDS: tuple[str, ...] = tuple(column.field for column in SPEC.columns if column.field != MYNUMBER)
DERIVED = ("kana_search", "kanji_search", "row_digest", "line_digest")
SEALED = ("ciphertext", "key_id", "lookup_hash")
# A changed row is FIELDS + DERIVED + SEALED (the sealed part is None when the number stays).
ROW_FIELDS = FIELDS + DERIVED + SEALED
_KANA, _KANJI = FIELDS.index("kana_name"), FIELDS.index("kanji_name")
CHANGED_ON, REASON = FIELDS.index("changed_on"), FIELDS.index("change_reason")
SEALED_AT = len(FIELDS) + len(DERIVED)


@dataclass
class Validated:
    records: list[tuple | None]  # values in FIELDS order (None: a settled row)
    joined: list[str]  # each row's texts in FIELDS order, joined: what the digest covers
    texts: dict[str, list[str]]  # field → values as written (the COPY path builds its lines from them)
    numbers: list[str]  # 12 digits, or "" when the row carries none
    lines: list[int]
    settled: list[bool] | None = None  # per row: identical to the stored row (its values not checked again)
    line_digests: list[str] | None = None  # per row: its line's digest (lines.py); None: not known


def column_label(column_field: str) -> str:
    return next(column.name for column in SPEC.columns if column.field == column_field)


def _row_checks(columns: dict[str, list], lines: list[int], errors: list[RowError]) -> None:
    bad_lines = {error.line for error in errors}
    births = columns["birth_date"]
    for field in ("resided_on", "removed_on", "changed_on"):
        name = column_label(field)
        for line, born, day in zip(lines, births, columns[field], strict=True):
            if day is not None and born is not None and day < born and line not in bad_lines:
                errors.append(RowError(line, name, message(gettext_noop("生年月日より前の日付です"))))
    labels = dict(ChangeReason.choices)
    for line, reason, removed in zip(lines, columns["change_reason"], columns["removed_on"], strict=True):
        if reason in REMOVAL_REASONS and removed is None and line not in bad_lines:
            errors.append(
                RowError(
                    line,
                    column_label("removed_on"),
                    message(
                        gettext_noop("異動事由が「%(reason)s」のときは消除日が必要です"),
                        reason=labels[reason],
                    ),
                )
            )


def residents_validate(
    table: Table,
    *,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = 20_000,
    existing: dict[str, str] | None = None,
    sorted_lines: Sorted | None = None,
) -> Validated:
    """Every value of every row; raises ImportRejected with all the problems found.

    With ``existing`` (residents_existing, read in the transaction that writes), a row whose digest
    matches its stored one is settled: it was checked when it was stored and nothing of it changes,
    so its values are not checked again (the weekly extract is mostly such rows). ``sorted_lines``: the
    file's lines already on file were taken out of ``table`` (lines.py); their 宛名番号 still count
    in the check for duplicates."""
    checked = validate_table(
        SPEC,
        table,
        progress=progress,
        chunk_size=chunk_size,
        joined_fields=FIELDS,
        settle=partial(_settled, existing=existing) if existing else None,
    )
    columns, lines, errors = checked.typed, checked.lines, checked.errors
    _row_checks(columns, lines, errors)
    errors += duplicate_errors(
        *with_settled(sorted_lines, columns["atena_no"], lines), column_label("atena_no")
    )
    errors += duplicate_errors(
        columns[MYNUMBER],
        lines,
        column_label(MYNUMBER),
        lambda _number, first: message(gettext_noop("%(first)d行目と同じ個人番号です"), first=first),
    )
    if errors:
        raise ImportRejected(SPEC.sort_errors(errors))
    return Validated(
        records=checked.records(FIELDS),
        joined=checked.joined,
        texts=checked.texts,
        numbers=columns[MYNUMBER],
        lines=lines,
        settled=checked.settled,
        line_digests=sorted_lines.digests if sorted_lines is not None else None,
    )


def _settled(texts: dict[str, list[str]], joined: list[str], *, existing: dict[str, str]) -> list[bool]:
    """Per row: its digest is the stored one. Only a number written as 12 ASCII digits (or none) can
    match without being normalised first; any other spelling is checked and compared in the plan.
    Written with map and compress (loops in C): this runs over every row of every weekly extract."""
    atenas, numbers = texts["atena_no"], texts[MYNUMBER]
    settled = [False] * len(atenas)
    stored = list(map(existing.get, atenas))
    positions = list(compress(range(len(atenas)), stored))  # on file (a row without a digest never matches)
    written = list(map(numbers.__getitem__, positions))
    every = "".join(written)
    if not (every.isascii() and every.isdigit() and set(map(len, written)) <= {0, 12}):
        keep = [
            not number or (len(number) == 12 and number.isascii() and number.isdigit()) for number in written
        ]
        positions, written = list(compress(positions, keep)), list(compress(written, keep))
    hashed = iter(mynumber_lookup_hashes(filter(None, written)))
    hashes = [next(hashed) if number else "" for number in written]
    digests = map(row_digest, map(joined.__getitem__, positions), hashes)
    for position, digest, stored_digest in zip(
        positions, digests, map(stored.__getitem__, positions), strict=True
    ):
        if digest == stored_digest:
            settled[position] = True
    return settled


def residents_existing() -> tuple[dict[str, str], dict[str, str]]:
    """宛名番号 → row digest of the last import, and line digest → 宛名番号 for the rows read from a
    known line (lines.py): one pass over the table. The stored numbers' lookup hashes are read later,
    only for the rows that need them (_stored_hashes, _holders)."""
    columns = stored_columns(
        connection.ops.quote_name(Resident._meta.db_table), ["atena_no", "row_digest", "line_digest"]
    )
    if columns is None:
        return {}, {}
    # Built with zip and dict (loops in C): this reads the whole table on every import.
    atenas, digests, lines = columns
    known = dict(zip(lines, atenas, strict=True))
    known.pop("", None)  # rows read from no known line
    return dict(zip(atenas, digests, strict=True)), known


def row_digest(joined: str, hashed: str) -> str:
    """SHA-256 of the row's trimmed values in documented column order (so the column order of the
    file does not matter). It covers the keyed lookup hash, never the number itself: a plain hash
    of a row would let anyone with the table brute-force the 12 digits from the other columns."""
    return hashlib.sha256((joined + "\x1f" + hashed).encode()).hexdigest()


_SEPARATOR = "\x00"  # the parser refuses files containing NUL, so no value can contain it


def normalized_each(function: Callable[[str], str], values: list[str]) -> list[str]:
    """``[function(value) for value in values]`` as one call on the joined values, which is many
    times faster. Valid for the name normalisers of cases.common.identifiers.kana: they work character by
    character (NFKC combines marks only within a name, NUL stops it), which tests check."""
    if not values:
        return []
    out = function(_SEPARATOR.join(values)).split(_SEPARATOR)
    if len(out) != len(values):  # a normaliser that touched the separator: do it one by one
        return [function(value) for value in values]
    return out


def search_names(validated: Validated, positions: list[int]) -> tuple[list[str], list[str]]:
    """kana_search and kanji_search of the rows at ``positions``."""
    records = validated.records
    kana = normalized_each(normalize_kana, [records[p][_KANA] for p in positions])
    kanji = normalized_each(normalize_kanji, [records[p][_KANJI] for p in positions])
    return kana, kanji
