"""The imports read the stored keys and digests of a whole table first; on PostgreSQL by COPY (decision 51).
The values must be those a SELECT gives, in one row order, whatever the table holds."""

import pytest
from django.db import connection

from cases.registry.imports.income_plan import income_existing
from cases.registry.imports.residents import residents_existing
from cases.registry.imports.stored import stored_columns
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident
from tests.factories import IncomeRecordFactory, ResidentFactory

pytestmark = pytest.mark.django_db
COLUMNS = ["atena_no", "row_digest", "line_digest"]


def _table() -> str:
    return connection.ops.quote_name(Resident._meta.db_table)


def _selected() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {_table()}")
        return sorted(cursor.fetchall())


def test_an_empty_table_reads_as_none():
    assert stored_columns(_table(), COLUMNS) is None
    assert residents_existing() == ({}, {})
    assert income_existing() == ({}, {})


def test_the_columns_are_the_selected_values_row_by_row():
    for number in range(5):
        ResidentFactory(atena_no=f"10000000{number}", row_digest=f"{number:064x}", line_digest="")
    ResidentFactory(atena_no="100000009", row_digest="f" * 64, line_digest="a" * 32)

    columns = stored_columns(_table(), COLUMNS)

    assert sorted(zip(*columns, strict=True)) == _selected()


@pytest.mark.parametrize("odd", ["10\\0", "10\t0", "10\n0", "１０"])
def test_a_value_copy_would_escape_or_a_wide_character_reads_as_selected(odd):
    """A backslash, tab or newline is escaped in COPY's text: such a table is read by SELECT instead."""
    ResidentFactory(atena_no="100000001", row_digest="0" * 64)
    ResidentFactory(atena_no=odd, row_digest="1" * 64)

    columns = stored_columns(_table(), COLUMNS)

    assert sorted(zip(*columns, strict=True)) == _selected()


def test_the_existing_maps_of_both_kinds():
    ResidentFactory(atena_no="100000001", row_digest="d1", line_digest="l1")
    ResidentFactory(atena_no="100000002", row_digest="d2", line_digest="")
    record = IncomeRecordFactory()
    IncomeRecord.objects.filter(pk=record.pk).update(row_digest="i1", line_digest="il1")

    assert residents_existing() == ({"100000001": "d1", "100000002": "d2"}, {"l1": "100000001"})
    key = (record.personal_code, record.tax_year)
    assert income_existing() == ({key: "i1"}, {"il1": key})
    assert isinstance(next(iter(income_existing()[0]))[1], int)
