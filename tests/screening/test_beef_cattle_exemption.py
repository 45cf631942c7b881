"""令6条の12第2項3号: the 所得 of someone granted the 住民税 免除 of 地方税法附則6条4項 (肉用牛の売却による事業所得)
is taken off the income that the partial exemptions (法90条の2) and 学生納付特例 (法90条の3) test; 全額免除 and
納付猶予 read 令6条の11, which has no such deduction."""

import pytest

from cases.exemption.screening.income import person_income_from_record
from cases.registry.imports.runner import import_execute
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from tests.imports.factories import INCOME_COLUMNS, income_row, write_csv

BEEF = "肉用牛売却免除所得"


def test_the_beef_cattle_income_is_deducted_for_the_partial_kinds_article_6_12_2_3():
    record = IncomeRecord(
        personal_code="P1",
        tax_year=2025,
        total_income=2_000_000,
        social_insurance_deduction=150_000,
        beef_cattle_exempt_income=600_000,
    )
    person = person_income_from_record(record=record)
    assert (person.income, person.deductions) == (2_000_000, 750_000)


def test_without_the_beef_cattle_income_nothing_more_is_deducted_article_6_12_2_3():
    record = IncomeRecord(personal_code="P1", tax_year=2025, total_income=2_000_000, medical_deduction=10)
    assert person_income_from_record(record=record).deductions == 10


@pytest.mark.django_db
@pytest.mark.parametrize("use_pg", [True, False])
def test_the_column_is_imported_and_may_be_left_out_of_the_extract_article_6_12_2_3(tmp_path, use_pg):
    with_column = write_csv(
        tmp_path,
        [income_row(1, 2026, **{BEEF: "600000"}), income_row(2, 2026, **{BEEF: ""})],
        columns=[*INCOME_COLUMNS],
        name="a.csv",
    )
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.INCOME, filename=with_column.name)
    assert import_execute(batch=batch, path=with_column, use_pg=use_pg) == []
    assert IncomeRecord.objects.get(personal_code="1001").beef_cattle_exempt_income == 600_000
    assert IncomeRecord.objects.get(personal_code="1002").beef_cattle_exempt_income == 0

    # A tax system that does not hand the item over still imports (the amount reads 0).
    without = write_csv(
        tmp_path,
        [income_row(3, 2026)],
        columns=[name for name in INCOME_COLUMNS if name != BEEF],
        name="b.csv",
    )
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.INCOME, filename=without.name)
    assert import_execute(batch=batch, path=without, use_pg=use_pg) == []
    assert IncomeRecord.objects.get(personal_code="1003").beef_cattle_exempt_income == 0


@pytest.mark.django_db
def test_a_bad_amount_is_refused_naming_the_line_and_column_article_6_12_2_3(tmp_path):
    path = write_csv(tmp_path, [income_row(1, 2026), income_row(2, 2026, **{BEEF: "1,000"})])
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.INCOME, filename=path.name)
    errors = import_execute(batch=batch, path=path, use_pg=True)
    assert [(e.line, e.column) for e in errors] == [(3, BEEF)]
    assert not IncomeRecord.objects.exists()
