"""所得情報: which rows of an extract are new, changed or unchanged against IncomeRecord (the writers,
pg_apply.py and income_generic.py, use the plan)."""

import dataclasses
from dataclasses import dataclass

from django.db import connection

from cases.registry.imports.income import Validated, row_digest
from cases.registry.imports.lines import line_digest_of
from cases.registry.imports.stored import stored_columns
from cases.registry.imports.validation import PlanCounts
from cases.registry.models.income import IncomeRecord


@dataclass
class Plan(PlanCounts):
    # ((個人コード, 賦課年度), line digest) of unchanged rows read from a line other than their stored one's
    relined: list[tuple[tuple[str, int], str]] = dataclasses.field(default_factory=list)


def income_existing() -> tuple[dict[tuple[str, int], str], dict[str, tuple[str, int]]]:
    """(個人コード, 賦課年度) → row digest of the last import, and line digest → (個人コード, 賦課年度)
    for the rows read from a known line (lines.py): one pass over the table."""
    columns = stored_columns(
        connection.ops.quote_name(IncomeRecord._meta.db_table),
        ["personal_code", "tax_year", "row_digest", "line_digest"],
    )
    if columns is None:
        return {}, {}
    # Built with zip and dict (loops in C): this reads the whole table on every import.
    codes, years, digests, lines = columns
    keys = list(zip(codes, map(int, years), strict=True))
    known = dict(zip(lines, keys, strict=True))
    known.pop("", None)  # rows read from no known line
    return dict(zip(keys, digests, strict=True)), known


def income_plan(validated: Validated, existing: dict[tuple[str, int], str]) -> Plan:
    """Sorts rows into new, changed and unchanged; new rows are digested while they are written."""
    get = existing.get
    new: list[int] = []
    changed: list[tuple] = []
    unchanged = 0
    joined, line_digests = validated.joined, validated.line_digests
    line_of = line_digest_of(line_digests)
    settled = validated.settled or [False] * len(validated.records)
    relined: list[int] = []  # settled by their values, so read from a line other than the stored one's
    for position, record in enumerate(validated.records):
        if settled[position]:  # compared with this same ``existing`` while it was validated
            unchanged += 1
            relined.append(position)
            continue
        known = get((record[0], record[1]))
        if known is None:
            new.append(position)
            continue
        digest = row_digest(joined[position])
        if known == digest:
            unchanged += 1
            relined.append(position)
        else:
            changed.append((*record, digest, line_of(position)))
    plan = Plan(new=new, changed=changed, unchanged=unchanged, existing_count=len(existing))
    if line_digests is not None:
        texts = validated.texts
        plan.relined = [
            ((texts["personal_code"][p], int(texts["tax_year"][p])), line_digests[p]) for p in relined
        ]
    return plan
