"""One upload, two numbers: /results/uploads/4/ said 「反映しました (取込番号 3)」. Upload ids are labelled
「アップロード #N」 wherever they appear, 取込番号 only the applied import, the history showing both."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.submission.models import ResultImport
from cases.submission.result_uploads import ResultUpload
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db


def upload(client, data: bytes):
    return client.post(
        "/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")}, follow=True
    )


def test_upload_numbers_and_import_numbers_are_told_apart(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a = send()
    client.force_login(supervisor)
    upload(client, csv_bytes(line(a)))
    first = ResultUpload.objects.get()
    landed = upload(client, csv_bytes(line(a, decision="却下"))).content.decode()
    second = ResultUpload.objects.exclude(pk=first.pk).get()
    assert f"同じ案件を含む確認待ちの取込があります: アップロード #{first.pk}" in landed
    assert f'href="/results/uploads/{first.pk}/">アップロード #{first.pk}<' in landed  # the overlap line
    assert f"アップロード #{second.pk}" in landed.split("<h1>", 1)[1].split("</h1>", 1)[0]
    index = client.get("/results/").content.decode()
    assert f"アップロード #{first.pk} kekka.csv" in index
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        applied = apply_post(client, f"/results/uploads/{first.pk}/", follow=True).content.decode()
    imported = ResultImport.objects.get()
    assert f"反映しました (アップロード #{first.pk} → 取込番号 {imported.pk})" in applied
    history = client.get("/results/").content.decode().split("取込履歴</h2>", 1)[1]
    assert f"アップロード #{first.pk}</a> → 取込番号 {imported.pk}" in history
