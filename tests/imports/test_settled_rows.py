"""A row identical to its stored one is settled: the weekly extract is mostly such rows, and their
values are not checked again (they were checked when they were stored). Everything else is checked
as before, and the outcome is the same on both paths."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from cases.registry.imports import runner
from cases.registry.imports.columns import Column
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident
from tests.concurrency import race

from .factories import (
    import_income,
    import_resident_rows,
    import_residents,
    income_row,
    mynumber,
    resident,
    write_csv,
)

pytestmark = pytest.mark.django_db

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def checked_values(monkeypatch):
    """The values every column's check was given, per column header."""
    seen: dict[str, list[str]] = {}
    original = Column.convert

    def convert(self, values, lines, errors):
        seen.setdefault(self.name, []).extend(values)
        return original(self, values, lines, errors)

    monkeypatch.setattr(Column, "convert", convert)
    return seen


def test_an_identical_extract_checks_no_value_again(tmp_path, checked_values):
    rows = [resident(n) for n in range(1, 6)]
    import_resident_rows(tmp_path, rows)
    checked_values.clear()

    batch, errors = import_resident_rows(tmp_path, rows)

    assert errors == [] and (batch.inserted, batch.updated, batch.unchanged) == (0, 0, 5)
    assert checked_values == {}


def test_only_the_changed_and_new_rows_are_checked(tmp_path, checked_values):
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 6)])
    checked_values.clear()
    moved = "北海道旭川市永山3条3丁目"

    batch, errors = import_resident_rows(
        tmp_path, [resident(1), resident(2), resident(3, 現住所=moved), resident(4), resident(5), resident(7)]
    )

    assert errors == [] and (batch.inserted, batch.updated, batch.unchanged) == (1, 1, 4)
    assert checked_values["現住所"] == [moved, resident(7)["現住所"]]
    assert checked_values["生年月日"] == ["1990-04-01", "1990-04-01"]
    assert Resident.objects.get(atena_no="1003").address == moved


def test_a_bad_value_in_a_changed_row_is_still_refused_with_its_line(tmp_path):
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 6)])

    batch, errors = import_resident_rows(
        tmp_path, [resident(1), resident(2), resident(3, 生年月日="1990-02-30"), resident(4), resident(5)]
    )

    assert batch.status == ImportBatch.Status.REJECTED
    assert [(e.line, e.column) for e in errors] == [(4, "生年月日")]
    assert Resident.objects.get(atena_no="1003").birth_date.isoformat() == "1990-04-01"


def test_a_settled_row_written_twice_is_still_a_duplicate(tmp_path):
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 4)])

    _batch, errors = import_resident_rows(tmp_path, [resident(1), resident(2), resident(3), resident(2)])

    assert [(e.line, e.column) for e in errors] == [(5, "宛名番号"), (5, "個人番号")]


def test_a_number_written_in_full_width_is_normalised_and_found_unchanged(tmp_path, checked_values):
    """Only 12 ASCII digits can be compared unnormalised; another spelling is checked, then compared."""
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 4)])
    checked_values.clear()

    batch, errors = import_resident_rows(
        tmp_path, [resident(1), resident(2, 個人番号=mynumber(2).translate(FULL_WIDTH)), resident(3)]
    )

    assert errors == [] and (batch.inserted, batch.updated, batch.unchanged) == (0, 0, 3)
    assert checked_values["個人番号"] == [mynumber(2).translate(FULL_WIDTH)]


def test_a_stored_row_changed_since_its_import_is_not_settled(tmp_path):
    """The comparison is with the digests on file now: a row someone else rewrote (and its digests
    with it) is written again."""
    rows = [resident(n) for n in range(1, 4)]
    import_resident_rows(tmp_path, rows)
    Resident.objects.filter(atena_no="1002").update(
        row_digest="0" * 64, line_digest="", address="誤って書き換えた住所"
    )

    batch, errors = import_resident_rows(tmp_path, rows)

    assert errors == [] and (batch.updated, batch.unchanged) == (1, 2)
    assert Resident.objects.get(atena_no="1002").address == resident(2)["現住所"]


def test_income_settled_rows_keep_their_year_for_the_duplicate_check(tmp_path, checked_values):
    rows = [income_row(n) for n in range(1, 4)]
    import_income(write_csv(tmp_path, rows))
    checked_values.clear()

    _batch, errors = import_income(write_csv(tmp_path, [*rows, income_row(2, 前年所得額="1")]))

    assert [(e.line, e.column) for e in errors] == [(5, "個人コード・賦課年度")]
    # The three lines on file are not even read: their keys come from the stored rows.
    assert checked_values["前年所得額"] == ["1"] and checked_values["賦課年度"] == ["2025"]


def test_income_changed_row_is_checked_and_written(tmp_path, checked_values):
    rows = [income_row(n) for n in range(1, 4)]
    import_income(write_csv(tmp_path, rows))
    checked_values.clear()

    batch, errors = import_income(
        write_csv(tmp_path, [rows[0], income_row(2, 前年所得額="2500000"), rows[2]])
    )
    batch.refresh_from_db()

    assert errors == [] and (batch.updated, batch.unchanged) == (1, 2)
    assert checked_values["前年所得額"] == ["2500000"]
    assert IncomeRecord.objects.get(personal_code="1002").total_income == 2_500_000


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_from_another_connection_while_the_import_runs(tmp_path, monkeypatch):
    """Validation runs inside the import's transaction; the screen still sees how far it got."""
    seen_elsewhere: list[int | None] = []
    original = runner._save_progress
    reader = connections.create_connection(DEFAULT_DB_ALIAS)

    def save_and_look(batch, done, *, via):
        original(batch, done, via=via)
        with reader.cursor() as cursor:
            cursor.execute(
                f"SELECT processed_rows FROM {ImportBatch._meta.db_table} WHERE id = %s", [batch.pk]
            )
            seen_elsewhere.append(cursor.fetchone()[0])

    monkeypatch.setattr(runner, "_save_progress", save_and_look)
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 2)
    try:
        batch, errors = import_resident_rows(tmp_path, [resident(n) for n in range(1, 6)])
    finally:
        reader.close()

    assert errors == [] and batch.status == ImportBatch.Status.DONE
    assert seen_elsewhere == [2, 4, 5]


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_file_at_once_write_it_once(tmp_path):
    """The digests are read under the import's lock: the second import waits for the first and then
    finds every row on file as it is (read before the lock, it would insert them all a second time)."""
    path = write_csv(tmp_path, [resident(n) for n in range(1, 6)])

    def run() -> tuple:
        batch, errors = import_residents(path)
        batch.refresh_from_db()
        return batch.status, batch.inserted, batch.unchanged, errors

    raced = race(run, run)
    assert [kind for kind, _value in raced] == ["ok", "ok"], raced
    outcomes = [value for _kind, value in raced]

    assert sorted(outcomes, key=lambda outcome: outcome[1]) == [
        (ImportBatch.Status.DONE, 0, 5, []),
        (ImportBatch.Status.DONE, 5, 0, []),
    ]
    assert Resident.objects.count() == 5
