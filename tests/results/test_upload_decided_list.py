"""Rejected and withdrawn uploads on /results/: they were in neither 確認待ち nor 取込履歴, so the uploader
could not learn that theirs was rejected, or why."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.submission.result_uploads import ResultUpload
from tests.results.conftest import csv_bytes, line

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str) -> ResultUpload:
    client.post("/results/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})
    return ResultUpload.objects.order_by("-pk").first()


def decided_section(page: str) -> str:
    return page.split("却下・取り下げ</h2>", 1)[1].split("</table>", 1)[0]


def test_rejected_and_withdrawn_uploads_are_listed_with_who_when_and_why(
    client, send, supervisor, supervisor2
):
    a = send()
    client.force_login(supervisor)
    rejected = upload(client, csv_bytes(line(a)), "wrong-month.csv")
    withdrawn = upload(client, csv_bytes(line(a, decision="却下")), "mistake.csv")
    old = upload(client, csv_bytes(line(a, decision="返戻", start="", end="", reason="x")), "old.csv")
    client.post(f"/results/uploads/{withdrawn.pk}/", {"action": "withdraw", "reason": "別の月のファイル"})
    client.post(f"/results/uploads/{old.pk}/", {"action": "withdraw"})
    ResultUpload.objects.filter(pk=old.pk).update(decided_at=timezone.now() - dt.timedelta(days=91))
    client.force_login(supervisor2)
    client.post(f"/results/uploads/{rejected.pk}/", {"action": "reject", "reason": "判定日が送付前"})
    client.force_login(supervisor)
    section = decided_section(client.get("/results/").content.decode())
    for item, reason, decider in (
        (rejected, "判定日が送付前", supervisor2),
        (withdrawn, "別の月のファイル", supervisor),
    ):
        assert f'href="/results/uploads/{item.pk}/">アップロード #{item.pk}</a>' in section
        assert item.filename in section and reason in section and str(decider) in section
    assert "却下" in section and "取り下げ" in section and str(supervisor) in section
    assert "old.csv" not in section  # more than 90 days ago


def test_the_list_says_when_there_is_none(client, supervisor):
    client.force_login(supervisor)
    section = decided_section(client.get("/results/").content.decode())
    assert "却下・取り下げた取込はありません" in section
