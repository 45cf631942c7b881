"""住民記録: which rows of a file are new, changed or unchanged, and whose 個人番号 may move; the sealing of
the new people's numbers (the writers, pg_apply.py and residents_generic.py, use the plan)."""

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext_noop

from cases.registry.imports.errors import ImportRejected, RowError, message
from cases.registry.imports.lines import line_digest_of
from cases.registry.imports.residents import MYNUMBER, Validated, column_label, row_digest, search_names
from cases.registry.imports.validation import PlanCounts
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from cases.registry.mynumber import mynumber_sealed_fields_many
from cases.security.crypto import mynumber_lookup_hashes


@dataclass
class Plan(PlanCounts):
    releasing: set[str]  # 宛名番号 whose stored number this file replaces
    # (宛名番号, line digest) of unchanged rows read from a line other than their stored one's
    relined: list[tuple[str, str]] = dataclasses.field(default_factory=list)


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
                    column_label(MYNUMBER),
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
