"""A line already on file is recognised by its keyed digest before it is parsed
(cases/registry/imports/lines.py): the weekly extract's unchanged lines cost a digest each. Everything
the import checked across rows still holds, errors keep the file's line numbers, and a row read from
another spelling of the same values is settled by its values and noted for next time."""

import hashlib

import pytest
from django.db import connection
from django.test import override_settings

from cases.registry.imports import residents_plan, validation
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from cases.security.crypto import mynumber_decrypt

from .factories import (
    csv_text,
    import_income,
    import_resident_rows,
    import_residents,
    income_row,
    mynumber,
    resident,
    write_csv,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows each import parsed and validated (the lines not settled by their digest)."""
    counts: list[int] = []
    original = validation.validate_columns

    def counted(spec, header, rows, lines, **kwargs):
        counts.append(len(lines))
        return original(spec, header, rows, lines, **kwargs)

    monkeypatch.setattr(validation, "validate_columns", counted)
    return counts


def _quoted(rows: list[dict[str, str]]) -> str:
    """The same rows with every field quoted: other bytes, the same values."""
    columns = list(rows[0])
    lines = [",".join(f'"{name}"' for name in columns)]
    lines += [",".join(f'"{row[name]}"' for name in columns) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def test_an_identical_extract_parses_no_line(tmp_path, rows_read):
    rows = [resident(n) for n in range(1, 6)]
    import_resident_rows(tmp_path, rows)

    batch, errors = import_resident_rows(tmp_path, rows)

    assert errors == [] and (batch.inserted, batch.updated, batch.unchanged) == (0, 0, 5)
    assert rows_read == [5, 0]
    assert batch.total_rows == batch.processed_rows == 5


def test_only_the_changed_line_is_parsed_and_written(tmp_path, rows_read):
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 6)])
    moved = "北海道旭川市永山3条3丁目"

    batch, errors = import_resident_rows(
        tmp_path, [*map(resident, (1, 2)), resident(3, 現住所=moved), resident(4)]
    )

    assert errors == [] and (batch.inserted, batch.updated, batch.unchanged) == (0, 1, 3)
    assert rows_read == [5, 1]
    assert Resident.objects.get(atena_no="1003").address == moved
    # Its new line is on file now: the same file again reads nothing.
    import_resident_rows(tmp_path, [*map(resident, (1, 2)), resident(3, 現住所=moved), resident(4)])
    assert rows_read[-1] == 0


def test_errors_name_the_file_line_when_lines_before_them_were_settled(tmp_path):
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 4)])
    text = csv_text([resident(1), resident(2), resident(3, 生年月日="1990-02-30")])
    # A blank line after the header: the bad row is the file's fifth line.
    head, rest = text.split("\r\n", 1)
    (tmp_path / "blank.csv").write_bytes((head + "\r\n\r\n" + rest).encode())

    _batch, errors = import_residents(tmp_path / "blank.csv")

    assert [(e.line, e.column) for e in errors] == [(5, "生年月日")]


def test_a_key_on_a_settled_line_and_on_a_changed_line_is_a_duplicate(tmp_path):
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 4)])

    _batch, errors = import_resident_rows(
        tmp_path, [resident(1), resident(2), resident(3), resident(2, 現住所="北海道旭川市神楽1条1丁目")]
    )

    assert [(e.line, e.column) for e in errors] == [(5, "宛名番号")]
    assert "3行目" in errors[0].message


class _OtherDatabase:
    """The import's connection, seen as another vendor's: the lookups take their portable form."""

    vendor = "sqlite"

    def __getattr__(self, name):
        return getattr(connection, name)


@pytest.mark.parametrize("portable", [False, True], ids=["postgresql", "portable"])
@pytest.mark.parametrize("on_file", [3, 8], ids=["numbers read whole", "numbers looked up"])
def test_a_number_kept_by_a_settled_line_cannot_go_to_a_new_person(tmp_path, monkeypatch, on_file, portable):
    """The holders of the numbers a file brings are read from the table (one pass when the new
    numbers are a good part of it, else by lookup hash)."""
    if portable:
        monkeypatch.setattr(residents_plan, "connection", _OtherDatabase())
    people = [resident(n) for n in range(1, on_file + 1)]
    import_resident_rows(tmp_path, people)

    _batch, errors = import_resident_rows(tmp_path, [*people, resident(99, 個人番号=mynumber(2))])

    assert [(e.line, e.column) for e in errors] == [(on_file + 2, "個人番号")]
    assert "1002" in errors[0].message
    assert not Resident.objects.filter(atena_no="1099").exists()


@pytest.mark.parametrize("portable", [False, True], ids=["postgresql", "portable"])
def test_a_changed_row_keeps_or_replaces_its_number_as_the_file_says(tmp_path, monkeypatch, portable):
    """The stored numbers of the changed rows are read for those rows only."""
    if portable:
        monkeypatch.setattr(residents_plan, "connection", _OtherDatabase())
    import_resident_rows(tmp_path, [resident(n) for n in range(1, 9)])
    kept = MyNumber.objects.get(resident__atena_no="1001").ciphertext
    moved = "北海道旭川市神楽1条1丁目"

    batch, errors = import_resident_rows(
        tmp_path,
        [
            resident(1, 現住所=moved),
            resident(2, 現住所=moved, 個人番号=mynumber(20)),
            *map(resident, range(3, 9)),
        ],
    )

    assert errors == [] and (batch.updated, batch.unchanged) == (2, 6)
    numbers = {n.resident.atena_no: n for n in MyNumber.objects.select_related("resident")}
    assert numbers["1001"].ciphertext == kept  # the same number: not sealed again
    assert mynumber_decrypt(ciphertext=numbers["1002"].ciphertext, atena_no="1002") == mynumber(20)


def test_the_same_values_written_another_way_are_settled_by_value_and_their_lines_noted(tmp_path, rows_read):
    """As after the upgrade that brought line digests: every row is on file, no line is known."""
    rows = [resident(n) for n in range(1, 6)]
    import_resident_rows(tmp_path, rows)
    (tmp_path / "quoted.csv").write_bytes(_quoted(rows).encode())

    first, errors = import_residents(tmp_path / "quoted.csv")
    second, _errors = import_residents(tmp_path / "quoted.csv")

    assert errors == [] and (first.inserted, first.updated, first.unchanged) == (0, 0, 5)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 5)
    assert rows_read == [5, 5, 0]


def test_rows_of_the_release_before_line_digests_get_theirs(tmp_path, rows_read):
    rows = [resident(n) for n in range(1, 4)]
    import_resident_rows(tmp_path, rows)
    Resident.objects.update(line_digest="")

    import_resident_rows(tmp_path, rows)
    import_resident_rows(tmp_path, rows)

    assert rows_read == [3, 3, 0]
    assert "" not in set(Resident.objects.values_list("line_digest", flat=True))


def test_another_column_order_is_another_line(tmp_path, rows_read):
    rows = [resident(n) for n in range(1, 4)]
    import_resident_rows(tmp_path, rows)
    columns = list(reversed(list(rows[0])))

    batch, errors = import_residents(write_csv(tmp_path, rows, name="reversed.csv", columns=columns))
    batch.refresh_from_db()

    assert errors == [] and batch.unchanged == 3
    assert rows_read == [3, 3]


def test_a_field_spanning_lines_reads_the_file_whole(tmp_path, rows_read):
    rows = [resident(1), resident(2, 現住所="北海道旭川市\n神居1条1丁目")]
    import_resident_rows(tmp_path, rows)

    batch, errors = import_resident_rows(tmp_path, rows)

    assert errors == [] and batch.unchanged == 2
    assert rows_read == [2, 2]
    assert set(Resident.objects.values_list("line_digest", flat=True)) == {""}


def test_the_line_digest_is_keyed(tmp_path):
    """A 住民記録 line holds a 個人番号: an unkeyed hash of it could be brute-forced from the rest."""
    rows = [resident(1)]
    import_resident_rows(tmp_path, rows)
    line = csv_text(rows).split("\r\n")[1].encode()
    stored = Resident.objects.get().line_digest

    assert len(stored) == 32
    assert stored not in {
        hashlib.blake2b(line, digest_size=16).hexdigest(),
        hashlib.sha256(line).hexdigest()[:32],
        hashlib.md5(line).hexdigest(),
    }
    with override_settings(MYNUMBER_HASH_KEY=b"another-hash-key-0123456789abcdef"):
        Resident.objects.all().delete()
        import_resident_rows(tmp_path, rows, name="again.csv")
        assert Resident.objects.get().line_digest != stored


def test_income_lines_on_file_are_not_read(tmp_path, rows_read):
    rows = [income_row(n) for n in range(1, 4)]
    import_income(write_csv(tmp_path, rows))

    batch, errors = import_income(write_csv(tmp_path, [*rows[:2], income_row(3, 前年所得額="2500000")]))
    batch.refresh_from_db()

    assert errors == [] and (batch.updated, batch.unchanged) == (1, 2)
    assert rows_read == [3, 1]
    assert IncomeRecord.objects.get(personal_code="1003").total_income == 2_500_000


def test_income_rows_settled_by_value_keep_their_year_for_the_duplicate_check(tmp_path):
    rows = [income_row(n) for n in range(1, 4)]
    import_income(write_csv(tmp_path, rows))
    (tmp_path / "quoted.csv").write_bytes(_quoted([*rows, income_row(2, 前年所得額="1")]).encode())

    _batch, errors = import_income(tmp_path / "quoted.csv")

    assert [(e.line, e.column) for e in errors] == [(5, "個人コード・賦課年度")]
