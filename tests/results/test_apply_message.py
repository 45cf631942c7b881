"""The message after applying a results upload named 「不一致 5件」 where the preview had said no line goes to the
突合の不一致 (the walk of 2026-12-07): the five were cases of the same 送付 that the file has no result for yet, a
kind of its own (「結果のない送付案件」) that the preview does not count. The message names the lines that did not
match and the cases without a result apart, so the 係長 knows what the 突合 list holds and why."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.submission.result_uploads import ResultUpload
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db


def test_the_applied_message_names_the_cases_without_a_result_apart(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    answered, waiting, also_waiting = send(), send(), send()
    client.force_login(supervisor)
    client.post(
        "/results/",
        {"file": SimpleUploadedFile("kekka.csv", csv_bytes(line(answered)), content_type="text/csv")},
    )
    upload = ResultUpload.objects.get()
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        page = apply_post(client, f"/results/uploads/{upload.pk}/", follow=True).content.decode()
    said = page.split("反映しました", 1)[1].split("<", 1)[0]
    assert "突合済 1件、該当する案件のない結果 0件、結果のない送付案件 2件" in said, said
    assert {waiting.stage, also_waiting.stage} == {"sent"}  # untouched: still waiting for 機構
