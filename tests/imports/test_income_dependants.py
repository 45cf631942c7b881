"""The two record items added to 所得情報 for the exemption tests (docs/formats/income.md): the 19歳未満
inside 一般扶養親族数 (国民年金法施行令5条の4) and 年少扶養親族数 (法36条の3, 令6条の7)."""

import pytest

from cases.registry.imports.runner import import_execute
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord

from .factories import INCOME_COLUMNS, import_income, income_row, write_csv

pytestmark = pytest.mark.django_db

AGED = "一般扶養親族数のうち19歳未満"
UNDER16 = "年少扶養親族数"


def _household(serial: int = 1, **overrides: str) -> dict[str, str]:
    return income_row(serial, 2026, **{"一般扶養親族数": "2", AGED: "1", UNDER16: "3", **overrides})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
@pytest.mark.parametrize("use_pg", [True, False])
def test_the_new_counts_are_imported_from_utf8_and_cp932_on_both_paths(tmp_path, encoding, use_pg):
    path = write_csv(tmp_path, [_household(1), _household(2, **{AGED: "0", UNDER16: ""})], encoding=encoding)
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.INCOME, filename=path.name)

    errors = import_execute(batch=batch, path=path, use_pg=use_pg)

    assert errors == []
    batch.refresh_from_db()
    assert (batch.encoding, batch.inserted) == (encoding, 2)
    first = IncomeRecord.objects.get(personal_code="1001")
    assert (first.dependants_general, first.dependants_aged16to18, first.dependants_under16) == (2, 1, 3)
    second = IncomeRecord.objects.get(personal_code="1002")
    assert (second.dependants_aged16to18, second.dependants_under16) == (0, 0)


def test_a_change_in_the_new_counts_updates_the_record(tmp_path):
    import_income(write_csv(tmp_path, [_household(1)], name="a.csv"))
    batch, errors = import_income(write_csv(tmp_path, [_household(1, **{UNDER16: "4"})], name="b.csv"))
    assert errors == [] and (batch.updated, batch.unchanged) == (1, 0)
    assert IncomeRecord.objects.get(personal_code="1001").dependants_under16 == 4
    batch, _errors = import_income(write_csv(tmp_path, [_household(1, **{UNDER16: "4"})], name="c.csv"))
    assert (batch.updated, batch.unchanged) == (0, 1)


def test_more_under_19_than_general_dependants_is_refused_with_the_line_and_column(tmp_path):
    rows = [_household(1), _household(2, 一般扶養親族数="1", **{AGED: "2"})]
    batch, errors = import_income(write_csv(tmp_path, rows))
    assert batch.status == "rejected" and not IncomeRecord.objects.exists()
    assert [(e.line, e.column) for e in errors] == [(3, AGED)]
    assert "一般扶養親族数 (1) 以下にしてください" in errors[0].message


@pytest.mark.parametrize("column", [AGED, UNDER16])
def test_an_extract_without_the_new_columns_is_refused_naming_them(tmp_path, column):
    columns = [name for name in INCOME_COLUMNS if name != column]
    batch, errors = import_income(write_csv(tmp_path, [_household(1)], columns=columns))
    assert batch.status == "rejected"
    assert [(e.line, e.column, e.message) for e in errors] == [(1, column, "必須の列がありません")]


def test_bad_counts_are_refused_like_every_count(tmp_path):
    batch, errors = import_income(write_csv(tmp_path, [_household(1, **{UNDER16: "-1", AGED: "x"})]))
    assert batch.status == "rejected"
    assert {e.column for e in errors} == {AGED, UNDER16}


def test_the_income_attachment_pdf_lists_the_new_items_and_old_snapshots_still_render():
    """The 所得情報 PDF is built from every IncomeRecord field (documents/income_items.py)."""
    from documents.income_items import income_items

    record = IncomeRecord(personal_code="1001", tax_year=2026, total_income=0, dependants_under16=2)
    values = {field.name: getattr(record, field.name) for field in IncomeRecord._meta.concrete_fields}
    items = {item["label"]: item for item in income_items(values)}
    assert items[UNDER16]["value"] == 2 and items[UNDER16]["type"] == "count"
    assert items[AGED]["value"] == 0
    # A snapshot taken before the items existed has no such keys: the model default stands in.
    old = {k: v for k, v in values.items() if k not in {"dependants_under16", "dependants_aged16to18"}}
    assert {item["label"]: item["value"] for item in income_items(old)}[UNDER16] == 0
