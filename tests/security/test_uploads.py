"""Every CSV upload screen refuses what is not a CSV before reading a line, with the same Japanese
message (cases/common/uploads.py). The exploratory audit of 2026-12-05 found the 処理結果一覧表 screen
took a file named r.exe (refused only later, for its encoding) and the 勧奨の一覧 screen checked
nothing, while the 住民記録 import screen refused both up front."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.qualification.models import QualificationList
from cases.submission.models import ResultImport
from cases.submission.result_uploads import ResultUpload

pytestmark = pytest.mark.django_db

CSV = "整理番号,基礎年金番号,判定結果\n".encode()
FILES = [
    ("r.exe", CSV, "CSV ファイル (拡張子 .csv) を選んでください"),
    ("kekka.csv", b"", "ファイルが空です"),
    ("kekka.csv", b"PK\x03\x04 a spreadsheet", "Excel や PDF のファイルは取り込めません"),
    ("kekka.csv", b"MZ\x90\x00 a program", "Excel や PDF のファイルは取り込めません"),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(("name", "content", "message"), FILES)
def test_the_results_screen_refuses_what_is_not_a_csv(client, supervisor, name, content, message):
    client.force_login(supervisor)
    response = client.post("/results/", {"file": SimpleUploadedFile(name, content, "text/csv")})
    assert message in response.content.decode()
    assert not ResultUpload.objects.exists() and not ResultImport.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), FILES)
def test_the_solicitation_list_screen_refuses_what_is_not_a_csv(client, clerk, name, content, message):
    client.force_login(clerk)
    response = client.post(
        "/qualification/lists/",
        {"kind": "employee_pension_loss", "file": SimpleUploadedFile(name, content, "text/csv")},
    )
    assert message in response.content.decode()
    assert not QualificationList.objects.exists()
