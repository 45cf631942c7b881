"""住民記録 and 所得 imports, through the service, the commands and the upload screen.

Each file is either imported cleanly or refused with Japanese errors naming a line, and a refused
file leaves every record as it was (only the batch row that reports the refusal is written).
"""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.utils.html import escape
from hypothesis import event, given
from hypothesis import strategies as st

from cases.registry.imports.batches import importbatch_run_file
from cases.registry.imports.runner import KINDS as importbatch_kinds_map
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident
from cases.templatetags.desk import wareki
from tests.factories import applicant_with_household
from tests.fuzz.checks import (
    assert_unchanged,
    check_response,
    db_state,
    fuzz_settings,
    is_japanese,
    rolled_back,
)
from tests.fuzz.strategies import csv_files
from tests.imports.factories import INCOME_COLUMNS, RESIDENT_COLUMNS, income_row, resident

pytestmark = pytest.mark.django_db

RESIDENT_ROWS = [resident(serial) for serial in range(1, 4)]
INCOME_ROWS = [income_row(serial) for serial in range(1, 4)]
RESIDENT_FREE = ("続柄", "漢字氏名", "現住所", "前住所", "転入前住所", "転出先住所", "国籍")
KINDS = {
    ImportBatch.Kind.RESIDENTS: (RESIDENT_COLUMNS, RESIDENT_ROWS, "import_residents", RESIDENT_FREE),
    ImportBatch.Kind.INCOME: (INCOME_COLUMNS, INCOME_ROWS, "import_income", ()),
}
LINE = re.compile(r"^(\d+)行目")


def assert_clear_errors(errors, content: bytes) -> None:
    lines = content.count(b"\n") + content.count(b"\r") + 2
    for error in errors:
        assert is_japanese(error.message), f"not a Japanese message: {error}"
        assert 0 < error.line <= lines, f"no line of the file: {error}"


def records_state() -> dict[str, str]:
    # The batch row is the report of the attempt itself, written whatever the outcome.
    return {table: digest for table, digest in db_state().items() if table != "cases_importbatch"}


def assert_displayable() -> None:
    """Every date imported can be shown the way the screens show dates."""
    for model in (Resident, IncomeRecord):
        for field in model._meta.get_fields():
            if isinstance(field, models.DateField):
                for value in model.objects.values_list(field.name, flat=True):
                    wareki(value)


@pytest.fixture
def people():
    # Some residents already on file, so an import both inserts and updates.
    applicant_with_household()


@pytest.mark.parametrize("kind", list(KINDS))
@fuzz_settings(40)
@given(data=st.data(), by_command=st.booleans())
def test_imports_either_take_the_whole_file_or_say_which_lines_are_wrong(
    tmp_path, people, kind, data, by_command
):
    columns, rows, command, free = KINDS[kind]
    content = data.draw(csv_files(columns, rows, free))
    path = Path(tmp_path) / "extract.csv"
    path.write_bytes(content)
    with rolled_back():
        before = records_state()
        if by_command:
            out, err = io.StringIO(), io.StringIO()
            try:
                call_command(command, str(path), stdout=out, stderr=err)
            except CommandError as exc:
                assert is_japanese(str(exc)) and out.getvalue() == ""
                for message in err.getvalue().splitlines():
                    assert LINE.match(message) and is_japanese(message), message
                assert_unchanged(before, records_state(), command)
                event("command: refused")
            else:
                assert out.getvalue().startswith("取込完了")
                event("command: imported")
            return
        batch, errors = importbatch_run_file(kind=kind, path=path)
        if errors:
            assert_clear_errors(errors, content)
            assert batch.status == ImportBatch.Status.REJECTED and batch.error_count == len(errors)
            assert_unchanged(before, records_state(), kind)
            event("service: refused")
        else:
            assert batch.status == ImportBatch.Status.DONE
            assert_displayable()
            event("service: imported")


@pytest.mark.parametrize("kind", list(KINDS))
@fuzz_settings(20)
@given(data=st.data(), name=st.sampled_from(["extract.csv", "住民.CSV", "a.txt", "extract.xlsx", ""]))
def test_the_upload_screen_refuses_bad_files_and_reports_bad_lines(
    client, admin_user, people, django_capture_on_commit_callbacks, kind, data, name
):
    columns, rows, _command, free = KINDS[kind]
    content = data.draw(
        st.one_of(csv_files(columns, rows, free), st.just(b"PK\x03\x04rest of a spreadsheet"))
    )
    post = {"csrfmiddlewaretoken": "x" * 64, "kind": data.draw(st.sampled_from([kind, kind, "", "other"]))}
    if name:
        post["file"] = SimpleUploadedFile(name, content, content_type="text/csv")
    with rolled_back():
        client.force_login(admin_user)
        before = records_state()
        # The worker's job runs here, in-process, as soon as the upload is committed.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/imports/", post)
        outcome = check_response(client, response, explain=True)
        batch = ImportBatch.objects.order_by("-id").first()
        event(f"upload: {'refused' if outcome.refused else batch.status}")
        if outcome.refused:
            assert response.status_code == 400
            assert_unchanged(before, records_state(), "upload")
        else:
            assert batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.REJECTED)
            for error in batch.errors:
                assert is_japanese(error["message"]) and error["line"] > 0, error
                assert escape(error["message"]) in outcome.page or len(batch.errors) > 50
            if batch.status == ImportBatch.Status.REJECTED:
                assert_unchanged(before, records_state(), "upload")
    client.cookies.pop("messages", None)


IMPORT_LIMIT_DATES = ("0001-01-01", "1867-12-31", "1868-01-01", "1868-10-22", "1868-10-23", "9999-12-31")


@pytest.mark.parametrize("kind", list(KINDS))
def test_imports_take_or_refuse_dates_at_the_limits(tmp_path, people, kind):
    """Every date column at each limit in turn: refused with its line, or imported and showable."""
    columns, rows, _command, _free = KINDS[kind]
    spec = {column.name: column for column in importbatch_kinds_map[kind].spec.columns}
    dates = [name for name in columns if type(spec[name]).__name__ == "Date"]
    assert dates
    path = Path(tmp_path) / "extract.csv"
    for name in dates:
        for value in IMPORT_LIMIT_DATES:
            row = {**rows[0], name: value}
            path.write_text(",".join(columns) + "\n" + ",".join(row[c] for c in columns) + "\n")
            with rolled_back():
                before = records_state()
                _batch, errors = importbatch_run_file(kind=kind, path=path)
                if errors:
                    assert_clear_errors(errors, path.read_bytes())
                    assert_unchanged(before, records_state(), f"{name}={value}")
                else:
                    assert_displayable()
