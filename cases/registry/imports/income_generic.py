"""所得情報 written on any database (bulk_create / bulk_update); PostgreSQL takes pg_apply.py's path."""

from django.utils import timezone

from cases.registry.imports.income import ROW_FIELDS, Validated, row_digest
from cases.registry.imports.income_plan import Plan
from cases.registry.imports.lines import line_digest_of, line_digests_store
from cases.registry.models.income import IncomeRecord


def income_apply_generic(validated: Validated, plan: Plan, *, batch_id: int, chunk_size: int = 500) -> None:
    """Any database: bulk_create / bulk_update. The PostgreSQL path (pg_apply.py) does the same set-based."""
    records = validated.records
    line_of = line_digest_of(validated.line_digests)
    for start in range(0, len(plan.new), chunk_size):
        chunk = plan.new[start : start + chunk_size]
        IncomeRecord.objects.bulk_create(
            [
                IncomeRecord(
                    **dict(
                        zip(
                            ROW_FIELDS,
                            (*records[i], row_digest(validated.joined[i]), line_of(i)),
                            strict=True,
                        )
                    )
                )
                for i in chunk
            ]
        )
    now = timezone.now()
    for start in range(0, len(plan.changed), chunk_size):
        chunk = plan.changed[start : start + chunk_size]
        wanted = {(row[0], row[1]): row for row in chunk}
        candidates = IncomeRecord.objects.filter(
            personal_code__in={row[0] for row in chunk}, tax_year__in={row[1] for row in chunk}
        )
        changed = []
        for record in candidates:
            row = wanted.get((record.personal_code, record.tax_year))
            if row is None:
                continue
            for field, value in zip(ROW_FIELDS, row, strict=True):
                setattr(record, field, value)
            record.updated_at = now
            changed.append(record)
        IncomeRecord.objects.bulk_update(changed, [*ROW_FIELDS[2:], "updated_at"])
    line_digests_store(IncomeRecord, ("personal_code", "tax_year"), plan.relined, chunk_size=chunk_size)
