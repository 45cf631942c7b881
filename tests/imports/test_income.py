from datetime import date

import pytest

from cases.registry.imports.income import SPEC
from cases.registry.models.income import IncomeRecord

from .factories import INCOME_COLUMNS, import_income, income_row, write_csv

pytestmark = pytest.mark.django_db


def test_the_columns_are_every_field_of_the_income_record_by_its_japanese_name():
    stored = {
        field.verbose_name
        for field in IncomeRecord._meta.concrete_fields
        if field.name not in {"id", "created_at", "updated_at", "row_digest", "line_digest"}
    }
    assert set(SPEC.names) == stored


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_income_rows_are_imported_with_their_values(tmp_path, encoding):
    rows = [
        income_row(
            1,
            2025,
            市民税更正日="2025-08-01",
            本人障害者="2",
            本人寡婦="1",
            一般控除対象配偶者="1",
            特定扶養親族数="2",
            ひとり親控除="300000",
            特定親族特別控除="630000",
            純損失及び雑損失="12345",
        ),
        income_row(1, 2024, 前年所得額="0"),
    ]
    batch, errors = import_income(write_csv(tmp_path, rows, encoding=encoding))

    assert errors == []
    assert (batch.status, batch.encoding, batch.inserted) == ("done", encoding, 2)
    record = IncomeRecord.objects.get(personal_code="1001", tax_year=2025)
    assert record.revised_on == date(2025, 8, 1)
    assert (record.self_disability, record.self_widow) == (2, 1)
    assert record.spouse_general is True and record.spouse_elderly is False
    assert record.dependants_general_total == 2
    assert record.dependants_specified == 2
    assert record.single_parent_deduction == 300_000
    assert record.specified_relative_special_deduction == 630_000
    assert record.net_loss_carryover == 12_345
    assert record.social_insurance_deduction == 215_000
    assert IncomeRecord.objects.get(personal_code="1001", tax_year=2024).total_income == 0


def test_blank_amounts_counts_and_flags_mean_zero(tmp_path):
    blanks = {
        column: "" for column in INCOME_COLUMNS if column not in {"個人コード", "賦課年度", "前年所得額"}
    }

    _batch, errors = import_income(write_csv(tmp_path, [income_row(1, **blanks)]))

    assert errors == []
    record = IncomeRecord.objects.get()
    assert (record.household_no, record.revised_on) == ("", None)
    assert (record.self_disability, record.spouse_general, record.dependants_general) == (0, False, 0)
    assert record.medical_deduction == 0 and record.social_insurance_deductions_etc == 0


def test_reimporting_the_same_income_file_changes_nothing(tmp_path):
    path = write_csv(tmp_path, [income_row(n, year) for n in range(1, 4) for year in (2024, 2025)])
    import_income(path)
    before = list(IncomeRecord.objects.order_by("pk").values_list("pk", "updated_at", "row_digest"))

    batch, errors = import_income(path)

    assert errors == []
    assert (batch.inserted, batch.updated, batch.unchanged) == (0, 0, 6)
    assert list(IncomeRecord.objects.order_by("pk").values_list("pk", "updated_at", "row_digest")) == before


def test_a_revised_assessment_updates_only_that_row(tmp_path):
    import_income(write_csv(tmp_path, [income_row(1), income_row(2)]))
    other = IncomeRecord.objects.get(personal_code="1002").updated_at
    revised = income_row(1, 前年所得額="980000", 市民税更正日="2026-02-10", 医療費控除="120000")

    batch, errors = import_income(write_csv(tmp_path, [revised, income_row(2), income_row(3)], name="b.csv"))

    assert errors == []
    assert (batch.inserted, batch.updated, batch.unchanged) == (1, 1, 1)
    record = IncomeRecord.objects.get(personal_code="1001")
    assert (record.total_income, record.medical_deduction) == (980_000, 120_000)
    assert record.revised_on == date(2026, 2, 10)
    assert IncomeRecord.objects.get(personal_code="1002").updated_at == other
    assert IncomeRecord.objects.count() == 3


def test_leading_zeros_are_read_as_numbers(tmp_path):
    import_income(write_csv(tmp_path, [income_row(1, 前年所得額="0001280000", 一般扶養親族数="01")]))

    record = IncomeRecord.objects.get()
    assert (record.total_income, record.dependants_general) == (1_280_000, 1)
