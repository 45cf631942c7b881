"""The confirm page does not hide what applying would no longer do.

Exploratory test 2026-12-06: two pending uploads covered the same cases (#3: 032 承認, 033 返戻; #4: 032
却下, 033 承認). After #3 was applied, #4's page — before and after applying it — still said 「送付済 →
完了」 for both lines, while applying it gave 「突合済 0件、不一致 2件」. Nothing had warned that the two
uploads covered the same cases. The page then worked the match out again at every view; it shows the
match kept when the upload was checked now, the lines whose case moved since marked, applying refuses
them and 再照合 works the match out again (tests/results/test_upload_stored_match.py).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.submission.result_uploads import ResultUpload
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db
OVERLAP = "同じ案件を含む確認待ちの取込があります"
MOVED = "照合後に案件の状態が変わりました"


def upload(client, data: bytes):
    return client.post(
        "/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")}, follow=True
    )


def changes(page: str) -> str:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_a_second_upload_of_the_same_cases_is_marked_refused_then_rechecked_and_applied(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a, b = send(), send()
    client.force_login(supervisor)
    upload(client, csv_bytes(line(a), line(b, decision="返戻", start="", end="", reason="添付不足")))
    first = ResultUpload.objects.get()
    upload(client, csv_bytes(line(a, decision="却下"), line(b)))
    second = ResultUpload.objects.exclude(pk=first.pk).get()
    # Warned at upload (the page it lands on) and on both confirm pages.
    client.force_login(supervisor2)
    for this, other in ((first, second), (second, first)):
        page = client.get(f"/results/uploads/{this.pk}/").content.decode()
        assert OVERLAP in page and f'href="/results/uploads/{other.pk}/">アップロード #{other.pk}<' in page
    assert changes(client.get(f"/results/uploads/{second.pk}/").content.decode()).count("送付済 → 完了") == 2

    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{first.pk}/")
    url = f"/results/uploads/{second.pk}/"
    page = client.get(url).content.decode()
    assert OVERLAP not in page  # the first is no longer pending
    table = changes(page)
    assert table.count(MOVED) == 2 and "突合の不一致へ" not in table  # the kept match, marked
    assert table.count("送付済 → 完了") == 2 and "現在: 完了" in table and "現在: 入力" in table

    with django_capture_on_commit_callbacks(execute=True):
        refused = apply_post(client, url)
    assert refused.status_code == 400 and "反映しませんでした: 2行目" in refused.content.decode()
    page = client.post(url, {"action": "recheck"}, follow=True).content.decode()
    table = changes(page)
    assert table.count("突合の不一致へ") == 2 and MOVED not in table
    with django_capture_on_commit_callbacks(execute=True):
        applied = apply_post(client, url, follow=True)
    page = applied.content.decode()
    assert "突合済 0件、該当する案件のない結果 2件、結果のない送付案件 0件" in page
    table = changes(page)
    assert "送付済 → 完了" not in table and table.count("突合の不一致へ") == 2 and MOVED not in table
    assert "反映した内容" in page


def test_the_uploader_is_warned_at_upload(client, send, supervisor):
    a = send()
    client.force_login(supervisor)
    upload(client, csv_bytes(line(a)))
    first = ResultUpload.objects.get()
    page = upload(client, csv_bytes(line(a, decision="却下"))).content.decode()
    assert f"{OVERLAP}: アップロード #{first.pk}" in page


def test_the_same_file_applied_already_is_previewed_as_changing_nothing(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a = send()
    data = csv_bytes(line(a))
    client.force_login(supervisor)
    upload(client, data)
    upload(client, data)
    first, second = ResultUpload.objects.order_by("pk")
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{first.pk}/")
    page = client.get(f"/results/uploads/{second.pk}/").content.decode()
    table = changes(page)
    assert "変更なし" in table and "突合の不一致へ" not in table
    assert MOVED not in table and "再照合する」で" not in page  # nothing to apply, nothing to verify
    with django_capture_on_commit_callbacks(execute=True):
        applied = apply_post(client, f"/results/uploads/{second.pk}/", follow=True)
    assert "反映しました" in applied.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.state == ResultUpload.State.APPLIED and second.result_import == first.result_import


def test_the_office_is_shown_for_a_line_whose_case_is_no_longer_sent(
    client, send, supervisor, supervisor2, office, django_capture_on_commit_callbacks
):
    """The 事務所 cell was blank for a line going to the 突合 queue, though its case was found."""
    a = send()
    client.force_login(supervisor)
    upload(client, csv_bytes(line(a)))
    upload(client, csv_bytes(line(a, decision="却下")))
    first, second = ResultUpload.objects.order_by("pk")
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{first.pk}/")
    page = client.post(f"/results/uploads/{second.pk}/", {"action": "recheck"}, follow=True).content.decode()
    table = changes(page)
    assert "突合の不一致へ" in table
    assert f'<td class="nowrap">{office.name}</td>' in table
