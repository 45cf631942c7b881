import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cases.management.commands.import_income import Command as IncomeCommand
from cases.management.commands.import_residents import Command as ResidentsCommand
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident

from .factories import import_residents, income_row, resident, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """run_from_argv closes every connection when it ends, which would end the test transaction."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def test_import_residents_succeeds_with_exit_code_zero(tmp_path, admin_user, capsys):
    path = write_csv(tmp_path, [resident(1), resident(2)])

    ResidentsCommand().run_from_argv(["manage.py", "import_residents", str(path), "--user", "admin1"])

    out, err = capsys.readouterr()
    assert "取込完了" in out and "2行" in out and "新規 2件" in out
    assert err == ""
    assert Resident.objects.count() == 2


def test_bad_rows_exit_non_zero_and_print_every_error_on_stderr(tmp_path, admin_user, capsys):
    path = write_csv(tmp_path, [resident(1, 生年月日="1990-02-30"), resident(2, 性別="x")])

    with pytest.raises(SystemExit) as excinfo:
        ResidentsCommand().run_from_argv(["manage.py", "import_residents", str(path), "--user", "admin1"])

    assert excinfo.value.code == 1
    out, err = capsys.readouterr()
    assert "2行目 生年月日: 「1990-02-30」は日付として正しくありません (YYYY-MM-DD)" in err
    assert "3行目 性別: 「x」はコードとして正しくありません (使えるコード: 1, 2)" in err
    assert "取込を中止しました: エラー 2件" in err
    assert out == ""
    assert Resident.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED


def test_import_income_records_the_user_and_counts(tmp_path, admin_user, capsys):
    path = write_csv(tmp_path, [income_row(1), income_row(2)])

    call_command("import_income", str(path), user="admin1")

    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.created_by, batch.inserted, batch.filename) == (
        "income",
        admin_user,
        2,
        "extract.csv",
    )
    assert IncomeRecord.objects.count() == 2
    assert "新規 2件" in capsys.readouterr().out


def test_a_missing_file_or_unknown_user_is_an_error(tmp_path, admin_user, capsys):
    with pytest.raises(SystemExit) as excinfo:
        IncomeCommand().run_from_argv(
            ["manage.py", "import_income", str(tmp_path / "nope.csv"), "--user", "admin1"]
        )
    assert excinfo.value.code == 1
    assert "ファイルが見つかりません" in capsys.readouterr().err

    path = write_csv(tmp_path, [income_row(1)])
    with pytest.raises(SystemExit):
        IncomeCommand().run_from_argv(["manage.py", "import_income", str(path), "--user", "ghost"])
    assert "職員が見つかりません: ghost" in capsys.readouterr().err
    assert ImportBatch.objects.count() == 0


def test_the_command_output_never_contains_a_number(tmp_path, admin_user, capsys):
    path = write_csv(tmp_path, [resident(1, 個人番号="123456789017")])

    with pytest.raises(SystemExit):
        ResidentsCommand().run_from_argv(["manage.py", "import_residents", str(path), "--user", "admin1"])
    _batch, _errors = import_residents(path)

    out, err = capsys.readouterr()
    assert "123456789017" not in out + err


IMPORTERS = [
    ("import_residents", "admin_user"),
    ("import_income", "admin_user"),
    ("import_results", "supervisor"),
]


@pytest.mark.parametrize(("name", "who"), IMPORTERS)
def test_a_directory_is_called_a_directory_not_a_missing_file(name, who, tmp_path, request):
    user = request.getfixturevalue(who)
    with pytest.raises(CommandError) as excinfo:
        call_command(name, str(tmp_path), "--user", user.username)
    message = str(excinfo.value)
    assert f"{tmp_path} はディレクトリです" in message and "CSV ファイルを指定してください" in message
    assert "見つかりません" not in message
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(("name", "who"), IMPORTERS)
def test_a_missing_file_or_a_pipe_is_named_for_what_it_is(name, who, tmp_path, request):
    user = request.getfixturevalue(who)
    with pytest.raises(CommandError, match="ファイルが見つかりません"):
        call_command(name, str(tmp_path / "nope.csv"), "--user", user.username)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(CommandError, match="通常のファイルではありません"):
        call_command(name, str(fifo), "--user", user.username)


@pytest.mark.parametrize(("name", "who"), IMPORTERS)
def test_a_file_the_process_may_not_read_is_named_without_a_traceback(
    name, who, tmp_path, request, monkeypatch
):
    """A file owned by another account ended in a PermissionError traceback (the tests run as root, who
    reads every file: the refusal of the operating system is simulated)."""
    user = request.getfixturevalue(who)
    locked = tmp_path / "locked.csv"
    locked.write_text("x", encoding="utf-8")
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    with pytest.raises(CommandError, match="読み取る権限がありません"):
        call_command(name, str(locked), "--user", user.username)
    assert ImportBatch.objects.count() == 0
