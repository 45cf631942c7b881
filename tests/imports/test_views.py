import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident

from .factories import csv_text, income_row, resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload(client, kind: str, content: bytes, name: str = "juki.csv"):
    return client.post("/imports/", {"kind": kind, "file": SimpleUploadedFile(name, content, "text/csv")})


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_clerk_gets_403(client, clerk, method):
    client.force_login(clerk)

    response = getattr(client, method)("/imports/")

    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_a_clerk_cannot_see_a_batch_either(client, clerk, admin_user):
    batch = ImportBatch.objects.create(kind="residents", filename="a.csv", created_by=admin_user)
    client.force_login(clerk)

    assert client.get(f"/imports/{batch.pk}/").status_code == 403


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get("/imports/")

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_admin_sees_the_form_the_list_and_the_menu_link(client, admin_user):
    ImportBatch.objects.create(kind="income", filename="shotoku-2025.csv", created_by=admin_user)
    client.force_login(admin_user)

    body = client.get("/imports/").content.decode()

    assert "住民記録・所得情報の取込" in body
    assert 'name="file"' in body and 'name="kind"' in body
    assert "shotoku-2025.csv" in body and "住民税所得" in body
    assert 'href="/imports/"' in body


def test_the_menu_link_is_hidden_without_the_permission(client, clerk):
    client.force_login(clerk)

    assert 'href="/imports/"' not in client.get("/").content.decode()


def test_an_upload_is_imported_by_the_task_and_the_file_deleted(
    client, admin_user, private_media, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    content = csv_text([resident(1), resident(2)]).encode("cp932")

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "residents", content)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{batch.pk}/"
    assert (batch.status, batch.inserted, batch.encoding, batch.created_by) == (
        "done",
        2,
        "cp932",
        admin_user,
    )
    assert (batch.processed_rows, batch.total_rows) == (2, 2)
    assert batch.stored_path == ""
    assert list((private_media / "imports").iterdir()) == []
    assert Resident.objects.count() == 2
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "完了" in page and "2 / 2 行" in page


def test_the_file_waits_in_private_storage_until_the_worker_runs(client, admin_user, private_media):
    client.force_login(admin_user)

    _upload(client, "income", csv_text([income_row(1)]).encode())

    batch = ImportBatch.objects.get()
    stored = private_media / batch.stored_path
    assert batch.status == ImportBatch.Status.RUNNING and stored.parent.name == "imports"
    assert stored.stat().st_mode & 0o777 == 0o600
    assert "juki.csv" not in batch.stored_path
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "処理中です" in page
    # Its end is announced to a screen reader, as the bundle's progress is (the accessibility test).
    assert re.search(r'<section class="card" aria-live="polite" data-poll-url="[^"]+">', page)

    from tasks.imports import run_import

    assert run_import.delay(batch.pk).get() == "done"
    assert IncomeRecord.objects.count() == 1 and not stored.exists()
    # A redelivered task finds the batch finished and leaves it alone.
    assert run_import.delay(batch.pk).get() == "done"
    assert IncomeRecord.objects.count() == 1


def test_bad_rows_are_shown_and_nothing_changes(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    content = csv_text([resident(1), resident(2, 生年月日="1990-02-30")]).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "residents", content)

    page = client.get(response["Location"]).content.decode()
    assert "エラーのため取り込みませんでした" in page
    assert "3行目" in page and "生年月日" in page
    assert "「1990-02-30」は日付として正しくありません (YYYY-MM-DD)" in page
    assert Resident.objects.count() == 0


def test_the_wrong_kind_is_explained(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "income", csv_text([resident(1)]).encode())

    page = client.get(response["Location"]).content.decode()
    assert "このファイルは住民記録の CSV です。取込の種類を確認してください" in page
    assert Resident.objects.count() == 0 and IncomeRecord.objects.count() == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("juki.xlsx", b"PK\x03\x04rest", "CSV ファイル (拡張子 .csv) を選んでください。"),
        (
            "juki.csv",
            b"PK\x03\x04rest",
            "Excel や PDF のファイルは取り込めません。CSV 形式で保存し直してください。",
        ),
        ("juki.csv", b"", "ファイルが空です。"),
    ],
)
def test_files_that_are_not_csv_are_refused_by_the_form(
    client, admin_user, private_media, name, content, message
):
    client.force_login(admin_user)

    response = _upload(client, "residents", content, name=name)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportBatch.objects.count() == 0
    assert not (private_media / "imports").exists() or list((private_media / "imports").iterdir()) == []


def test_an_unknown_kind_is_refused(client, admin_user):
    client.force_login(admin_user)

    response = _upload(client, "pension", csv_text([resident(1)]).encode())

    assert response.status_code == 400
    assert ImportBatch.objects.count() == 0


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_errors_are_worded_for_the_reader_not_for_the_worker(
    client, admin_user, django_capture_on_commit_callbacks
):
    """The import runs in a worker, in Japanese, and its errors are kept; an English-reading 係長 who
    opens the result reads them in English, values and the 異動事由's name included."""
    client.force_login(admin_user)
    rows = [resident(1), resident(2, 生年月日="1990-02-30"), resident(3, 異動事由="05", 消除日="")]
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "residents", csv_text(rows).encode())
    japanese = client.get(response["Location"]).content.decode()
    assert "「1990-02-30」は日付として正しくありません (YYYY-MM-DD)" in japanese
    assert "異動事由が「死亡」のときは消除日が必要です" in japanese
    english_page = english(client).get(response["Location"]).content.decode()
    assert "「1990-02-30」 is not a valid date (YYYY-MM-DD)" in english_page
    assert (
        "消除日 (date removed) is required when 異動事由 (reason for change) is &quot;Death&quot;"
        in english_page
    )
    assert "日付として正しくありません" not in english_page and "消除日が必要です" not in english_page


def test_the_wrong_kind_hint_names_the_kind_in_the_readers_language(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "income", csv_text([resident(1)]).encode())
    page = english(client).get(response["Location"]).content.decode()
    assert "This file is a Resident records CSV" in page


def test_errors_kept_before_they_kept_their_source_are_shown_as_kept(client, admin_user):
    batch = ImportBatch.objects.create(
        kind="residents",
        created_by=admin_user,
        status=ImportBatch.Status.REJECTED,
        errors=[{"line": 2, "column": "生年月日", "message": "古い形式のメッセージ"}],
        error_count=1,
    )
    client.force_login(admin_user)
    assert "古い形式のメッセージ" in english(client).get(f"/imports/{batch.pk}/").content.decode()
