"""住民記録 extract → Resident (宛名情報), ResidentHistory and MyNumber (docs/formats/residents.md)."""

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import compress
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_noop

from cases.common.codes import REMOVAL_REASONS, ChangeReason, Sex
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.registry.imports.columns import Choice, Date, Kana, MyNumberColumn, Text
from cases.registry.imports.csvio import Table
from cases.registry.imports.errors import ImportRejected, RowError, message
from cases.registry.imports.lines import Sorted, line_digest_of, line_digests_store, with_settled
from cases.registry.imports.validation import Spec, duplicate_errors, validate_table
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory
from cases.registry.mynumber import mynumber_sealed_fields_many
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
_CHANGED_ON, _REASON = FIELDS.index("changed_on"), FIELDS.index("change_reason")
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


@dataclass
class Plan:
    new: list[int]  # positions in Validated of people not on file yet
    changed: list[tuple]  # ROW_FIELDS
    unchanged: int
    existing_count: int
    releasing: set[str]  # 宛名番号 whose stored number this file replaces
    # (宛名番号, line digest) of unchanged rows read from a line other than their stored one's
    relined: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    @property
    def inserted(self) -> int:
        return len(self.new)

    @property
    def updated(self) -> int:
        return len(self.changed)


def _label(column_field: str) -> str:
    return next(column.name for column in SPEC.columns if column.field == column_field)


def _row_checks(columns: dict[str, list], lines: list[int], errors: list[RowError]) -> None:
    bad_lines = {error.line for error in errors}
    births = columns["birth_date"]
    for field in ("resided_on", "removed_on", "changed_on"):
        name = _label(field)
        for line, born, day in zip(lines, births, columns[field], strict=True):
            if day is not None and born is not None and day < born and line not in bad_lines:
                errors.append(RowError(line, name, message(gettext_noop("生年月日より前の日付です"))))
    labels = dict(ChangeReason.choices)
    for line, reason, removed in zip(lines, columns["change_reason"], columns["removed_on"], strict=True):
        if reason in REMOVAL_REASONS and removed is None and line not in bad_lines:
            errors.append(
                RowError(
                    line,
                    _label("removed_on"),
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
    errors += duplicate_errors(*with_settled(sorted_lines, columns["atena_no"], lines), _label("atena_no"))
    errors += duplicate_errors(
        columns[MYNUMBER],
        lines,
        _label(MYNUMBER),
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
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT atena_no, row_digest, line_digest FROM {Resident._meta.db_table}")
        rows = cursor.fetchall()
    if not rows:
        return {}, {}
    # Built with zip and dict (loops in C): this reads the whole table on every import.
    atenas, digests, lines = zip(*rows, strict=True)
    known = dict(zip(lines, atenas, strict=True))
    known.pop("", None)  # rows read from no known line
    return dict(zip(atenas, digests, strict=True)), known


LOOKUP_CHUNK = 900  # keys per IN (…) list off PostgreSQL: under SQLite's 999 parameters (max_query_params)


def _numbers_where(column: str, values: list[str], select: tuple[str, str]) -> dict[str, str]:
    """{first: second} of ``select`` for the stored numbers (with a lookup hash) whose ``column``
    ("atena" or "hash") is among ``values``. On PostgreSQL one statement with the values as one array;
    elsewhere IN lists of LOOKUP_CHUNK."""
    if not values:
        return {}
    paths = {"atena": "resident__atena_no", "hash": "lookup_hash"}
    if connection.vendor == "postgresql":
        sql_columns = {"atena": "r.atena_no", "hash": "m.lookup_hash"}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {sql_columns[select[0]]}, {sql_columns[select[1]]} "
                f"FROM {MyNumber._meta.db_table} m JOIN {Resident._meta.db_table} r ON r.id = m.resident_id "
                f"WHERE m.lookup_hash IS NOT NULL AND {sql_columns[column]} = ANY(%s)",
                [values],
            )
            return dict(cursor.fetchall())
    numbers = MyNumber.objects.filter(lookup_hash__isnull=False)
    found: dict[str, str] = {}
    for start in range(0, len(values), LOOKUP_CHUNK):
        chunk = numbers.filter(**{f"{paths[column]}__in": values[start : start + LOOKUP_CHUNK]})
        found.update(chunk.values_list(paths[select[0]], paths[select[1]]))
    return found


def _stored_hashes(atenas: list[str]) -> dict[str, str]:
    """宛名番号 → lookup hash of the stored 個人番号, for those of ``atenas`` who have one."""
    return _numbers_where("atena", atenas, ("atena", "hash"))


def _holders(hashes: list[str], existing_count: int) -> dict[str, str]:
    """Lookup hash → 宛名番号 of the stored numbers among ``hashes``."""
    if len(hashes) * 4 > existing_count:  # a good part of the table: one pass over it
        numbers = MyNumber.objects.filter(lookup_hash__isnull=False)
        return dict(numbers.values_list("lookup_hash", "resident__atena_no"))
    return _numbers_where("hash", hashes, ("hash", "atena"))


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


def residents_plan(validated: Validated, existing: dict[str, str]) -> Plan:
    """Sorts rows into new, changed and unchanged. New rows are only listed here: sealing and
    deriving them is done while they stream to the database (see pg_apply.py)."""
    records, numbers, joined, lines = validated.records, validated.numbers, validated.joined, validated.lines
    atenas = validated.texts["atena_no"]  # as written is as stored (a Text column)
    on_file = list(map(existing.__contains__, atenas))
    new = [position for position, known in enumerate(on_file) if not known]
    settled = validated.settled or [False] * len(records)
    # A settled row was compared with this same ``existing`` while it was validated: unchanged.
    known = [position for position, known in enumerate(on_file) if known and not settled[position]]
    with_number = [position for position in known if numbers[position]]
    hashes = dict(zip(with_number, mynumber_lookup_hashes(numbers[p] for p in with_number), strict=True))
    stored_hashes = _stored_hashes([atenas[position] for position in known])
    unchanged = len(on_file) - len(new) - len(known)
    line_digests = validated.line_digests
    # Settled by its values, so read from a line other than the stored one's: that line is noted.
    relined = [p for p in range(len(records)) if settled[p]] if line_digests is not None else []
    changes: list[tuple[int, str]] = []
    to_seal: list[int] = []
    claims: list[tuple[str, str, int]] = []
    releasing: set[str] = set()
    for position in known:
        hashed = hashes.get(position, "")
        stored_hash = stored_hashes.get(atenas[position])
        digest = row_digest(joined[position], hashed)
        if digest == existing[atenas[position]]:
            unchanged += 1
            relined.append(position)
            continue
        changes.append((position, digest))
        if hashed and hashed != stored_hash:
            to_seal.append(position)
            claims.append((atenas[position], hashed, lines[position]))
            if stored_hash:
                releasing.add(atenas[position])
    pairs = ((numbers[position], atenas[position]) for position in to_seal)
    sealed = dict(zip(to_seal, mynumber_sealed_fields_many(pairs), strict=True))
    no_seal = (None, None, None)
    kana, kanji = search_names(validated, [position for position, _digest in changes])
    line_of = line_digest_of(line_digests)
    changed = [
        (
            *records[position],
            kana_search,
            kanji_search,
            digest,
            line_of(position),
            *sealed.get(position, no_seal),
        )
        for (position, digest), kana_search, kanji_search in zip(changes, kana, kanji, strict=True)
    ]
    plan = Plan(new, changed, unchanged, len(existing), releasing)
    if line_digests is not None:
        plan.relined = [(atenas[position], line_digests[position]) for position in relined]
    check_claims(plan, claims)
    return plan


def check_claims(plan: Plan, claims: list[tuple[str, str, int]]) -> None:
    """A number may move to another person only if this file takes it off its current holder."""
    if not claims:
        return
    holders = _holders([hashed for _atena, hashed, _line in claims], plan.existing_count)
    errors = []
    for atena, hashed, line in claims:
        holder = holders.get(hashed)
        if holder and holder != atena and holder not in plan.releasing:
            errors.append(
                RowError(
                    line,
                    _label(MYNUMBER),
                    message(
                        gettext_noop("この個人番号は別の宛名 (宛名番号 %(atena)s) に登録済みです"),
                        atena=holder,
                    ),
                )
            )
    if errors:
        raise ImportRejected(errors)


def sealed_new(
    validated: Validated, plan: Plan, hashes: list[str] | None = None
) -> Iterator[tuple[int, str, str, str]]:
    """(position in plan.new, ciphertext, key id, lookup hash) for each new person with a number.
    ``hashes`` (from new_hashes) saves computing the lookup hashes again."""
    records, numbers = validated.records, validated.numbers
    positions = [position for position, index in enumerate(plan.new) if numbers[index]]
    pairs = ((numbers[plan.new[p]], records[plan.new[p]][0]) for p in positions)
    known = [hashes[p] for p in positions] if hashes is not None else None
    sealed = mynumber_sealed_fields_many(pairs, lookup_hashes=known)
    for position, fields in zip(positions, sealed, strict=True):
        yield (position, *fields)


def new_hashes(validated: Validated, plan: Plan) -> list[str]:
    """The lookup hash of each new row's number ("" for a row without one), in plan.new order."""
    numbers = validated.numbers
    hashes = [""] * len(plan.new)
    positions = [position for position, index in enumerate(plan.new) if numbers[index]]
    for position, hashed in zip(
        positions, mynumber_lookup_hashes(numbers[plan.new[p]] for p in positions), strict=True
    ):
        hashes[position] = hashed
    return hashes


def check_new_claims(validated: Validated, plan: Plan, hashes: list[str]) -> None:
    records, lines = validated.records, validated.lines
    check_claims(
        plan,
        [
            (records[index][0], hashed, lines[index])
            for index, hashed in zip(plan.new, hashes, strict=True)
            if hashed
        ],
    )


def snapshot(values: dict[str, Any]) -> dict[str, Any]:
    """The JSON kept in ResidentHistory: the imported columns as they were, dates as ISO strings."""
    return {field: value.isoformat() if isinstance(value, date) else value for field, value in values.items()}


def residents_apply_generic(
    validated: Validated, plan: Plan, *, batch_id: int, chunk_size: int = 500
) -> None:
    """Any database: bulk_create / bulk_update. The PostgreSQL path (pg_apply.py) does the same set-based."""
    hashes = [""] * len(plan.new)
    numbers: list[tuple] = []
    for position, ciphertext, key_id, hashed in sealed_new(validated, plan):
        hashes[position] = hashed
        numbers.append((validated.records[plan.new[position]][0], ciphertext, key_id, hashed))
    check_new_claims(validated, plan, hashes)
    names = FIELDS + DERIVED
    line_of = line_digest_of(validated.line_digests)
    kana, kanji = search_names(validated, plan.new)
    for start in range(0, len(plan.new), chunk_size):
        residents = []
        for position in range(start, min(start + chunk_size, len(plan.new))):
            index = plan.new[position]
            digest = row_digest(validated.joined[index], hashes[position])
            line = line_of(index)
            values = (*validated.records[index], kana[position], kanji[position], digest, line)
            residents.append(Resident(**dict(zip(names, values, strict=True))))
        Resident.objects.bulk_create(residents)
    now = timezone.now()
    for start in range(0, len(plan.changed), chunk_size):
        chunk = plan.changed[start : start + chunk_size]
        residents = Resident.objects.in_bulk([row[0] for row in chunk], field_name="atena_no")
        history = []
        for row in chunk:
            resident = residents[row[0]]
            before = {field: getattr(resident, field) for field in FIELDS}
            if before != dict(zip(FIELDS, row, strict=False)):
                history.append(
                    ResidentHistory(
                        resident=resident,
                        snapshot=snapshot(before),
                        changed_on=row[_CHANGED_ON],
                        change_reason=row[_REASON],
                        batch_id=batch_id,
                    )
                )
            for field, value in zip(names, row[:SEALED_AT], strict=True):
                setattr(resident, field, value)
            resident.updated_at = now
        Resident.objects.bulk_update(residents.values(), [*names, "updated_at"])
        ResidentHistory.objects.bulk_create(history)
    numbers += [(row[0], *row[SEALED_AT:]) for row in plan.changed if row[SEALED_AT]]
    _store_numbers_generic(numbers, chunk_size)
    line_digests_store(Resident, ("atena_no",), plan.relined, chunk_size=chunk_size)


def _store_numbers_generic(rows: list[tuple], chunk_size: int) -> None:
    """rows: (宛名番号, ciphertext, key id, lookup hash)."""
    ids: dict[str, int] = {}
    for start in range(0, len(rows), chunk_size):
        atenas = [row[0] for row in rows[start : start + chunk_size]]
        ids.update(Resident.objects.filter(atena_no__in=atenas).values_list("atena_no", "id"))
    # Free the hashes first so a number can move between two people of the same file (unique hash).
    resident_ids = list(ids.values())
    for start in range(0, len(resident_ids), chunk_size):
        MyNumber.objects.filter(resident_id__in=resident_ids[start : start + chunk_size]).update(
            lookup_hash=None
        )
    for start in range(0, len(rows), chunk_size):
        chunk = rows[start : start + chunk_size]
        chunk_ids = [ids[row[0]] for row in chunk]
        stored = MyNumber.objects.in_bulk(chunk_ids, field_name="resident_id")
        new, changed = [], []
        for (_atena, ciphertext, key_id, lookup_hash), resident_id in zip(chunk, chunk_ids, strict=True):
            number = stored.get(resident_id)
            if number is None:
                new.append(
                    MyNumber(
                        resident_id=resident_id, ciphertext=ciphertext, key_id=key_id, lookup_hash=lookup_hash
                    )
                )
            else:
                number.ciphertext, number.key_id, number.lookup_hash = ciphertext, key_id, lookup_hash
                number.purged_at = None
                changed.append(number)
        MyNumber.objects.bulk_update(changed, ["ciphertext", "key_id", "lookup_hash", "purged_at"])
        MyNumber.objects.bulk_create(new)
