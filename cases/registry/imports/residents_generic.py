"""住民記録 written on any database with bulk_create / bulk_update (the SQLite demo); PostgreSQL takes the
same plan set-based (pg_apply.py)."""

from datetime import date
from typing import Any

from django.utils import timezone

from cases.registry.imports.lines import line_digest_of, line_digests_store
from cases.registry.imports.residents import (
    CHANGED_ON,
    DERIVED,
    FIELDS,
    REASON,
    SEALED_AT,
    Validated,
    row_digest,
    search_names,
)
from cases.registry.imports.residents_plan import Plan, check_new_claims, sealed_new
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory


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
                        changed_on=row[CHANGED_ON],
                        change_reason=row[REASON],
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
