"""The PostgreSQL fast path and the generic (SQLite) path must leave the same data behind."""

import pytest
from django.db import connection

from cases.registry.imports import csvio, pg, pg_apply, pg_bulk, residents, residents_plan
from cases.registry.imports.runner import import_execute
from cases.registry.imports.validation import _stripped, validate_columns
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory
from cases.security.crypto import mynumber_decrypt

from .factories import (
    RESIDENT_COLUMNS,
    csv_text,
    import_income,
    import_residents,
    income_row,
    mynumber,
    resident,
    write_csv,
)

pytestmark = pytest.mark.django_db

RESIDENT_VALUES = ["atena_no", *residents.FIELDS, *residents.DERIVED]


def run_step(kind, path, *, use_pg):
    batch = ImportBatch.objects.create(kind=kind, filename=path.name)
    errors = import_execute(batch=batch, path=path, use_pg=use_pg)
    batch.refresh_from_db()
    return batch, errors


def _snapshot():
    people = list(Resident.objects.order_by("atena_no").values_list(*RESIDENT_VALUES))
    numbers = sorted(
        (
            number.resident.atena_no,
            mynumber_decrypt(ciphertext=number.ciphertext, atena_no=number.resident.atena_no),
        )
        for number in MyNumber.objects.select_related("resident")
    )
    history = sorted(
        (h.resident.atena_no, h.changed_on, h.change_reason, sorted(h.snapshot.items()))
        for h in ResidentHistory.objects.select_related("resident")
    )
    income = list(IncomeRecord.objects.order_by("personal_code", "tax_year").values_list())
    return people, numbers, history, [row[3:] for row in income]  # without id and timestamps


def _scenario(tmp_path, use_pg):
    first = [resident(n) for n in range(1, 6)] + [resident(6, 個人番号="")]
    second = [
        resident(1, 現住所="北海道旭川市永山1条1丁目", 異動日="2026-04-01", 異動事由="03"),
        resident(2, 消除日="2026-04-02", 異動日="2026-04-02", 異動事由="05"),
        resident(3, 個人番号=mynumber(4)),
        resident(4, 個人番号=mynumber(3)),
        resident(5),
        resident(6, 個人番号=mynumber(60)),
        resident(7, 漢字氏名="﨑山　一"),
    ]
    results = [
        run_step("residents", write_csv(tmp_path, first, name=f"a{use_pg}.csv"), use_pg=use_pg),
        run_step("residents", write_csv(tmp_path, second, name=f"b{use_pg}.csv"), use_pg=use_pg),
        run_step("residents", write_csv(tmp_path, second, name=f"c{use_pg}.csv"), use_pg=use_pg),
        run_step(
            "income",
            write_csv(tmp_path, [income_row(1), income_row(2)], name=f"d{use_pg}.csv"),
            use_pg=use_pg,
        ),
        run_step(
            "income",
            write_csv(tmp_path, [income_row(1, 前年所得額="5"), income_row(3)], name=f"e{use_pg}.csv"),
            use_pg=use_pg,
        ),
    ]
    return [(b.status, b.inserted, b.updated, b.unchanged, e) for b, e in results]


def test_the_generic_path_and_the_postgresql_path_give_the_same_result(tmp_path):
    counts_generic = _scenario(tmp_path, use_pg=False)
    generic = _snapshot()
    for model in (ResidentHistory, MyNumber, Resident, IncomeRecord):
        model.objects.all().delete()

    counts_pg = _scenario(tmp_path, use_pg=True)

    assert (
        counts_generic
        == counts_pg
        == [
            ("done", 6, 0, 0, []),
            ("done", 1, 5, 1, []),
            ("done", 0, 0, 7, []),
            ("done", 2, 0, 0, []),
            ("done", 1, 1, 0, []),
        ]
    )
    assert _snapshot() == generic
    people, numbers, history, _income = generic
    assert ("1006", mynumber(60)) in numbers and ("1003", mynumber(4)) in numbers
    assert [h[0] for h in history] == ["1001", "1002"]
    assert people[-1][RESIDENT_VALUES.index("kanji_search")] == "崎山一"


def test_a_first_load_puts_back_the_indexes_and_keys_it_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(pg_apply, "REBUILD_MIN_ROWS", 1)

    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('cases_resident', 'cases_mynumber')"
            )
            found = sorted(cursor.fetchall())
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid IN ('cases_resident'::regclass, 'cases_mynumber'::regclass)"
            )
            return found + sorted(cursor.fetchall())

    before = indexes()
    batch, errors = import_residents(write_csv(tmp_path, [resident(n) for n in range(1, 30)]))

    assert errors == [] and batch.inserted == 29
    assert indexes() == before
    assert Resident.objects.filter(kana_search__startswith="アサヒカワ").count() == 29
    assert MyNumber.objects.count() == 29
    # The ids were taken from the sequence in one step; the next resident still gets a fresh one.
    ids = sorted(Resident.objects.values_list("id", flat=True))
    assert ids == list(range(ids[0], ids[0] + 29))
    later = Resident.objects.create(
        atena_no="9999", kana_name="ア", kanji_name="亜", birth_date="2000-01-01", sex="1", household_no="1"
    )
    assert later.id > ids[-1]


def test_an_unexpected_database_error_leaves_nothing_behind(tmp_path, monkeypatch):
    import_residents(write_csv(tmp_path, [resident(1)], name="first.csv"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # Fails while sealing the numbers, after the changed resident was updated, its history
    # written and the new residents streamed in with COPY.
    monkeypatch.setattr(residents_plan, "sealed_new", broken)
    rows = [resident(1, 現住所="北海道旭川市末広1条1丁目"), resident(2), resident(3)]
    with pytest.raises(RuntimeError):
        import_residents(write_csv(tmp_path, rows, name="second.csv"))

    assert list(Resident.objects.values_list("atena_no", "address")) == [("1001", "北海道旭川市神居1条1丁目")]
    assert MyNumber.objects.count() == 1 and ResidentHistory.objects.count() == 0
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.REJECTED
    [error] = batch.errors
    assert (error["line"], error["column"]) == (0, "")
    assert error["message"] == "予期しないエラーのため何も取り込みませんでした (RuntimeError)"
    assert error["params"] == {
        "error": "RuntimeError"
    }  # the type only: a database error's text can quote rows


def test_progress_is_reported_while_validating():
    header = list(RESIDENT_COLUMNS)
    rows = [[resident(n)[column] for column in header] for n in range(1, 6)]
    seen = []

    checked = validate_columns(
        residents.SPEC, header, rows, [2, 3, 4, 5, 6], chunk_size=2, progress=seen.append
    )

    assert seen == [2, 4, 5]
    assert checked.errors == [] and checked.lines == [2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    "values",
    [
        ["1001", "22", ""],
        [" 1001", "22 "],
        ["2026-04-01", "\u30002026-04-02"],
        ["サトウ タロウ", "スズキ"],
        ["", ""],
        ["12\t", "\x1f3"],
        ["一\u3000二", "三"],
    ],
)
def test_a_column_without_whitespace_is_taken_as_it_is_and_any_other_is_stripped(values):
    assert _stripped(values) == [value.strip() for value in values]


@pytest.mark.parametrize("use_pg", [True, False])
def test_progress_is_saved_on_the_batch(tmp_path, monkeypatch, use_pg):
    from cases.registry.imports import runner

    saved = []
    original = runner._save_progress

    def recording_save(batch, done, *, via):
        saved.append((done, via is not None))
        original(batch, done, via=via)

    monkeypatch.setattr(runner, "_save_progress", recording_save)
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 2)
    batch, errors = run_step(
        ImportBatch.Kind.RESIDENTS, write_csv(tmp_path, [resident(n) for n in range(1, 6)]), use_pg=use_pg
    )

    assert errors == []
    # On PostgreSQL through a connection of its own (the import's transaction is still open).
    assert saved == [(2, use_pg), (4, use_pg), (5, use_pg)]
    assert (batch.processed_rows, batch.total_rows) == (5, 5)


QUOTED = (
    '"宛名番号","漢字氏名"\r\n"1","山田, 太郎"\r\n"2","佐藤 ""花子"""\r\n\r\n"3","複数\r\n行"\r\n"4","x"\r\n'
)


@pytest.mark.parametrize(
    "text, rows, lines",
    [
        ("a,b\r\n1,2\r\n\r\n3,4\r\n", [["1", "2"], ["3", "4"]], [2, 4]),
        ("a,b\n1,2\n3,4", [["1", "2"], ["3", "4"]], [2, 3]),
        ('"a","b"\r\n"1","2"\r\n"3",""\r\n', [["1", "2"], ["3", ""]], [2, 3]),
        ('a,b\r\n"1",2\r\n', [["1", "2"]], [2]),
        (QUOTED, [["1", "山田, 太郎"], ["2", '佐藤 "花子"'], ["3", "複数\r\n行"], ["4", "x"]], [2, 3, 5, 7]),
    ],
)
def test_csv_rows_and_their_file_lines(text, rows, lines):
    table = csvio.parse(text)

    assert (table.rows, table.lines) == (rows, lines)


def test_quoted_fields_survive_the_copy_path(tmp_path):
    tricky = resident(1, 現住所='北海道旭川市 "本町", 1\\2\t番地', 漢字氏名="旭川＼太郎")
    path = tmp_path / "tricky.csv"
    path.write_text(csv_text([tricky]), encoding="utf-8")

    batch, errors = import_residents(path)

    assert errors == [] and batch.inserted == 1
    person = Resident.objects.get()
    assert person.address == '北海道旭川市 "本町", 1\\2\t番地'
    assert person.kanji_search == "旭川\\太郎"
    again, _ = import_residents(path)
    assert again.unchanged == 1


def test_new_rows_streamed_in_slices_keep_their_own_values(tmp_path, monkeypatch):
    monkeypatch.setattr(pg_apply, "STREAM_SLICE", 2)
    import_residents(write_csv(tmp_path, [resident(1), resident(3)], name="a.csv"))
    rows = [resident(n, 漢字氏名=f"名前　{n}") for n in range(1, 8)]
    rows[2] = resident(3)  # unchanged, so the new rows are not one consecutive run

    batch, errors = import_residents(write_csv(tmp_path, rows, name="b.csv"))

    assert errors == [] and (batch.inserted, batch.updated, batch.unchanged) == (5, 1, 1)
    for n in (2, 4, 5, 6, 7):
        person = Resident.objects.get(atena_no=f"{1000 + n}")
        assert (person.kanji_name, person.kanji_search) == (f"名前　{n}", f"名前{n}")
        stored = MyNumber.objects.get(resident=person)
        assert mynumber_decrypt(ciphertext=stored.ciphertext, atena_no=person.atena_no) == mynumber(n)
    again, _ = import_residents(write_csv(tmp_path, rows, name="c.csv"))
    assert again.unchanged == 7


def test_income_streamed_in_slices(tmp_path, monkeypatch):
    monkeypatch.setattr(pg_apply, "STREAM_SLICE", 3)
    rows = [income_row(n, 前年所得額=str(n * 1000)) for n in range(1, 9)]

    batch, _errors = import_income(write_csv(tmp_path, rows))

    assert batch.inserted == 8
    assert sorted(IncomeRecord.objects.values_list("total_income", flat=True)) == [
        n * 1000 for n in range(1, 9)
    ]


def test_putting_the_foreign_key_back_still_refuses_a_broken_reference():
    from django.db import IntegrityError, transaction

    from cases.registry.models.pension import MyNumber as Number

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        bulk = pg_bulk.BulkLoad(cursor, [Resident, Number], enabled=True)
        assert bulk.dropped
        cursor.execute(
            "INSERT INTO cases_mynumber (resident_id, ciphertext, key_id, lookup_hash, registered_at) "
            "VALUES (987654321, 'x', 't1', 'h', now())"
        )
        bulk.restore(Number)


def test_putting_a_unique_constraint_back_still_refuses_a_duplicate():
    # The loaders refuse duplicates before writing; this is the database's own last word.
    from django.db import IntegrityError, transaction

    with (
        pytest.raises(IntegrityError, match="resident_atena_no_key"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        bulk = pg_bulk.BulkLoad(cursor, [Resident], enabled=True)
        assert bulk.dropped
        for _ in range(2):
            Resident.objects.create(
                atena_no="D1",
                kana_name="ア",
                kanji_name="亜",
                birth_date="2000-01-01",
                sex="1",
                household_no="1",
            )
        bulk.restore(Resident)


def test_a_staging_table_is_analysed_on_its_join_keys_only():
    """The planner needs the staged rows' count and their keys (a hash join, not nested loops over 28,000
    rows); sampling every column of the wide rows cost ten times as much for nothing."""
    with connection.cursor() as cursor:
        rows = [(f"A{n:07d}", "x" * 40) for n in range(500)]
        pg.stage_table(cursor, "stage_probe", Resident, ["atena_no", "address"], (), rows, keys=["atena_no"])
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'stage_probe'")
        assert cursor.fetchone()[0] == 500
        cursor.execute("SELECT attname FROM pg_stats WHERE tablename = 'stage_probe'")
        assert [name for (name,) in cursor.fetchall()] == ["atena_no"]
