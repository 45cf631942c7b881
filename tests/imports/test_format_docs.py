"""The examples in docs/formats/ are real files: they import as documented."""

import re
from pathlib import Path

import pytest

from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident

from .factories import import_income, import_residents

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"


def _example(name: str) -> str:
    text = (DOCS / name).read_text(encoding="utf-8")
    return re.search(r"### Example\n\n```\n(.*?)```", text, re.S).group(1)


def test_the_residents_example_imports(tmp_path):
    path = tmp_path / "juki.csv"
    path.write_bytes(_example("residents.md").encode("cp932"))

    batch, errors = import_residents(path)

    assert errors == [] and batch.inserted == 3
    assert Resident.objects.get(atena_no="100000125").is_removed
    assert MyNumber.objects.count() == 1


def test_the_income_example_imports(tmp_path):
    path = tmp_path / "shotoku.csv"
    path.write_text(_example("income.md"), encoding="utf-8")

    batch, errors = import_income(path)

    assert errors == [] and batch.inserted == 3
    record = IncomeRecord.objects.get(personal_code="100000125")
    assert (record.self_widow, record.single_parent_deduction, record.dependants_specified) == (2, 350_000, 1)
