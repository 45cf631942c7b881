"""処理結果一覧表: the service and ``import_results`` take a clean file or list every bad line."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from hypothesis import event, given
from hypothesis import strategies as st

from cases.registry.imports.errors import ImportRejected
from cases.submission.results import results_import
from tests.fuzz.checks import assert_unchanged, db_state, fuzz_settings, is_japanese, rolled_back
from tests.fuzz.strategies import csv_files
from tests.fuzz.test_imports import LINE, assert_clear_errors

pytestmark = pytest.mark.django_db

HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"
_YESTERDAY = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
ROWS = [
    dict(zip(HEADER.split(","), values, strict=True))
    for values in (
        ("2026-000001", "", "承認", _YESTERDAY, "全額免除", "2026-07", "2027-06", ""),
        ("", "1234-567890", "却下", "9-080115", "", "", "", "所得超過"),
        ("2026-000003", "4000000003", "返戻", _YESTERDAY, "", "2026-07", "2027-06", "書類不足"),
    )
]


@fuzz_settings(50)
@given(content=csv_files(HEADER, ROWS, ("理由",)), by_command=st.booleans())
def test_results_import_takes_a_clean_file_or_names_every_bad_line(tmp_path, clerk, content, by_command):
    with rolled_back():
        before = db_state()
        if by_command:
            path = Path(tmp_path) / "results.csv"
            path.write_bytes(content)
            out, err = io.StringIO(), io.StringIO()
            try:
                call_command("import_results", str(path), stdout=out, stderr=err)
            except CommandError as exc:
                assert is_japanese(str(exc)) and out.getvalue() == ""
                for message in err.getvalue().splitlines():
                    assert LINE.match(message) and is_japanese(message), message
                assert_unchanged(before, db_state(), "import_results")
            else:
                assert out.getvalue().startswith(("取込完了", "取込済み"))
            return
        try:
            result = results_import(filename="results.csv", data=content, by=clerk)
        except ImportRejected as exc:
            assert exc.errors
            assert_clear_errors(exc.errors, content)
            assert_unchanged(before, db_state(), "results_import")
            event("refused")
        else:
            event("imported")
            assert result.total_lines >= 1 and result.imported_at <= timezone.now()
