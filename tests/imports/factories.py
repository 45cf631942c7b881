"""Small CSV extracts for the import tests, built row by row from Japanese column names."""

import csv
import io
from pathlib import Path

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.imports import income, residents
from cases.registry.imports.batches import importbatch_run_file
from cases.registry.models.imports import ImportBatch

RESIDENT_COLUMNS = list(residents.SPEC.names)
INCOME_COLUMNS = list(income.SPEC.names)


def mynumber(serial: int) -> str:
    base = f"{31_415_926_535 + serial * 7:011d}"
    return base + str(mynumber_check_digit(base))


def resident(serial: int = 1, **overrides: str) -> dict[str, str]:
    row = {
        "宛名番号": f"{1000 + serial}",
        "世帯番号": f"{9000 + serial}",
        "世帯主": "1",
        "続柄": "世帯主",
        "カナ氏名": f"アサヒカワ タロウ{'ア' * (serial % 5)}",
        "漢字氏名": f"旭川　太郎{serial}",
        "生年月日": "1990-04-01",
        "性別": "1",
        "現住所": f"北海道旭川市神居1条{serial}丁目",
        "前住所": "",
        "転入前住所": "",
        "転出先住所": "",
        "住定日": "2010-04-01",
        "消除日": "",
        "異動日": "2010-04-01",
        "異動事由": "02",
        "国籍": "日本",
        "個人番号": mynumber(serial),
    }
    row.update(overrides)
    return row


def income_row(serial: int = 1, year: int = 2025, **overrides: str) -> dict[str, str]:
    row = dict.fromkeys(INCOME_COLUMNS, "0")
    row.update(
        {
            "個人コード": f"{1000 + serial}",
            "賦課年度": str(year),
            "世帯番号": f"{9000 + serial}",
            "市民税更正日": "",
            "前年所得額": "1280000",
            "一般扶養親族数": "1",
            "社会保険料控除": "215000",
        }
    )
    row.update(overrides)
    return row


def csv_text(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    columns = columns or list(rows[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return out.getvalue()


def write_csv(
    folder: Path,
    rows: list[dict[str, str]],
    *,
    name: str = "extract.csv",
    columns: list[str] | None = None,
    encoding: str = "utf-8",
) -> Path:
    path = folder / name
    path.write_bytes(csv_text(rows, columns).encode(encoding))
    return path


def import_residents(path: Path, **kwargs):
    return importbatch_run_file(kind=ImportBatch.Kind.RESIDENTS, path=path, **kwargs)


def import_resident_rows(folder: Path, rows: list[dict[str, str]], name: str = "extract.csv"):
    """The rows written as a 住民記録 file and imported; the batch as stored afterwards, and the errors."""
    batch, errors = import_residents(write_csv(folder, rows, name=name))
    batch.refresh_from_db()
    return batch, errors


def import_income(path: Path, **kwargs):
    return importbatch_run_file(kind=ImportBatch.Kind.INCOME, path=path, **kwargs)
