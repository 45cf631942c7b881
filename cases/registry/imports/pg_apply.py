"""The PostgreSQL loaders of the two imports.

* New rows are streamed with COPY straight into their tables, prepared (normalised, digested,
  formatted column by column) a slice at a time while the server inserts the previous slice.
  Resident ids are drawn from the sequence beforehand, so the 個人番号 rows can name them.
* Changed rows go through a temporary staging table and a few set-based statements
  (history snapshot, update, number upsert).
* A load that at least doubles a table (the first import) drops its secondary indexes and its
  foreign keys and puts them back afterwards (pg_bulk.BulkLoad). That takes an exclusive lock until
  commit, so it is only done when the lock is free within a few seconds, and never for an
  everyday update.

Unchanged rows never reach the database, so re-importing a file writes nothing at all.
"""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.utils import timezone

from cases.registry.imports import income, income_plan, residents, residents_plan
from cases.registry.imports.lines import line_digest_of
from cases.registry.imports.pg import (
    columns_of,
    copy_lines,
    copy_rows,
    escaped_column,
    lines_note,
    reserve_ids,
    run_step,
    stage_table,
    table_of,
)
from cases.registry.imports.pg_bulk import BulkLoad
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory

REBUILD_MIN_ROWS = 50_000
STREAM_SLICE = 20_000  # rows prepared at a time while the server inserts the previous ones


def residents_apply_pg(validated: residents.Validated, plan: residents_plan.Plan, *, batch_id: int) -> None:
    with connection.cursor() as cursor:
        # Changed rows first: they may release numbers that new rows of the same file take.
        if plan.changed:
            _residents_changed(cursor, plan, batch_id)
        if plan.new:
            _residents_new(cursor, validated, plan)
        lines_note(cursor, Resident, ["atena_no"], plan.relined)


def _residents_changed(cursor, plan: residents_plan.Plan, batch_id: int) -> None:
    stage = "import_resident_stage"
    resident, history, mynumber = table_of(Resident), table_of(ResidentHistory), table_of(MyNumber)
    written = residents.FIELDS + residents.DERIVED
    stage_table(cursor, stage, Resident, written, residents.SEALED, plan.changed, keys=["atena_no"])
    fields = columns_of(Resident, residents.FIELDS)
    old = ", ".join(f"'{field}', r.{column}" for field, column in zip(residents.FIELDS, fields, strict=True))
    run_step(
        cursor,
        "history",
        f"INSERT INTO {history} (resident_id, snapshot, changed_on, change_reason, recorded_at, batch_id) "
        f"SELECT r.id, jsonb_build_object({old}), s.changed_on, s.change_reason, now(), %s "
        f"FROM {stage} s JOIN {resident} r ON r.atena_no = s.atena_no "
        f"WHERE ({', '.join('r.' + f for f in fields)}) IS DISTINCT FROM ({', '.join('s.' + f for f in fields)})",
        [batch_id],
    )
    assignments = ", ".join(f"{column} = s.{column}" for column in columns_of(Resident, written))
    run_step(
        cursor,
        "update residents",
        f"UPDATE {resident} r SET {assignments}, updated_at = now() FROM {stage} s WHERE r.atena_no = s.atena_no",
    )
    if any(row[residents.SEALED_AT] for row in plan.changed):
        # Free the hashes first so a number can move between two people of one file.
        run_step(
            cursor,
            "free number hashes",
            f"UPDATE {mynumber} m SET lookup_hash = NULL FROM {stage} s JOIN {resident} r "
            "ON r.atena_no = s.atena_no WHERE s.lookup_hash IS NOT NULL AND m.resident_id = r.id",
        )
        run_step(
            cursor,
            "store changed numbers",
            f"INSERT INTO {mynumber} (resident_id, ciphertext, key_id, lookup_hash, registered_at) "
            f"SELECT r.id, s.ciphertext, s.key_id, s.lookup_hash, now() FROM {stage} s "
            f"JOIN {resident} r ON r.atena_no = s.atena_no WHERE s.lookup_hash IS NOT NULL "
            "ON CONFLICT (resident_id) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, "
            "key_id = EXCLUDED.key_id, lookup_hash = EXCLUDED.lookup_hash, purged_at = NULL",
        )
    cursor.execute(f"DROP TABLE {stage}")


def _residents_new(cursor, validated: residents.Validated, plan: residents_plan.Plan) -> None:
    """Residents first, then their 個人番号. While the server builds the residents' indexes again,
    a second thread seals the numbers (the driver lets go of the interpreter while it waits), so
    the two CPUs work at once on the two longest steps."""
    stamp = timezone.now().isoformat()
    # The digests need the numbers' lookup hashes, and a number someone else holds is refused
    # before anything is written.
    hashes = residents_plan.new_hashes(validated, plan)
    residents_plan.check_new_claims(validated, plan, hashes)
    rebuild = len(plan.new) >= max(REBUILD_MIN_ROWS, plan.existing_count)
    bulk = BulkLoad(cursor, [Resident, MyNumber], enabled=rebuild)
    ids = reserve_ids(cursor, Resident, len(plan.new), table_locked=bulk.dropped)

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
                escaped_column(kana),
                escaped_column(kanji),
                digests,
                list(map(line_digest_of(validated.line_digests), positions)),
            )
            yield copy_rows(
                residents.SPEC, residents.FIELDS, validated.texts, positions, before=before, after=after
            )

    fields = ["id", "created_at", "updated_at", *residents.FIELDS, *residents.DERIVED]
    copy_lines(cursor, table_of(Resident), columns_of(Resident, fields), rows())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-seal") as pool:
        sealing = pool.submit(lambda: list(residents_plan.sealed_new(validated, plan, hashes)))
        bulk.restore(Resident)
        sealed = sealing.result()
    lines = (
        f"{ids[position]}\t{ciphertext}\t{key_id}\t{hashed}\t{stamp}\n"
        for position, ciphertext, key_id, hashed in sealed
    )
    columns = columns_of(MyNumber, ["resident", "ciphertext", "key_id", "lookup_hash", "registered_at"])
    copy_lines(cursor, table_of(MyNumber), columns, lines)
    bulk.restore(MyNumber)


def income_apply_pg(validated: income.Validated, plan: income_plan.Plan, *, batch_id: int) -> None:
    table = table_of(IncomeRecord)
    with connection.cursor() as cursor:
        if plan.changed:
            stage = "import_income_stage"
            stage_table(
                cursor, stage, IncomeRecord, income.ROW_FIELDS, (), plan.changed, keys=income.ROW_FIELDS[:2]
            )
            assignments = ", ".join(f"{c} = s.{c}" for c in columns_of(IncomeRecord, income.ROW_FIELDS[2:]))
            run_step(
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
                    yield copy_rows(
                        income.SPEC,
                        income.FIELDS,
                        validated.texts,
                        indexes,
                        before=(stamps, stamps),
                        after=(digests, list(map(line_digest_of(validated.line_digests), indexes))),
                    )

            rebuild = len(plan.new) >= max(REBUILD_MIN_ROWS, plan.existing_count)
            bulk = BulkLoad(cursor, [IncomeRecord], enabled=rebuild)
            columns = columns_of(IncomeRecord, ["created_at", "updated_at", *income.ROW_FIELDS])
            copy_lines(cursor, table, columns, lines())
            bulk.restore(IncomeRecord)
        lines_note(cursor, IncomeRecord, ["personal_code", "tax_year"], plan.relined)
