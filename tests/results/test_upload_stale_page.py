"""反映する on a confirm page that no longer says what applying would do.

Exploratory test: a 係長 opened upload A's page (line 000034 「送付済 → 入力」); meanwhile another 係長 applied
upload B covering 000034; the first then clicked 反映する and A was applied at once — line 000034 went to
突合の不一致, which the page they confirmed never showed. The POST now carries a mark of the preview shown,
and applying verifies that each case is still where the kept match found it: otherwise nothing is applied
and the page comes back with the lines marked, to be matched again (再照合) before applying.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.kernel.models import Stage
from cases.submission.models import ResultImport
from cases.submission.result_uploads import ResultUpload
from tests.conftest import make_user
from tests.results.conftest import apply_post, csv_bytes, line, shown_mark

pytestmark = pytest.mark.django_db
CHANGED = "確認した後に反映内容が変わりました"
MOVED = "照合した後に案件の状態が変わった行があるため、反映しませんでした"


@pytest.fixture
def supervisor3(office):
    return make_user("super3", "supervisor", office)


def upload(client, data: bytes) -> ResultUpload:
    client.post("/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")})
    return ResultUpload.objects.order_by("-pk").first()


def test_a_page_gone_stale_is_not_applied_but_shown_again_with_the_changed_line_marked(
    client, send, supervisor, supervisor2, supervisor3, django_capture_on_commit_callbacks
):
    a, b = send(), send()
    client.force_login(supervisor)
    first = upload(client, csv_bytes(line(a, decision="返戻", start="", end="", reason="添付不足"), line(b)))
    second = upload(client, csv_bytes(line(a)))
    client.force_login(supervisor2)
    url = f"/results/uploads/{first.pk}/"
    page = client.get(url).content.decode()
    assert "送付済 → 入力" in page
    seen = shown_mark(page)
    # Meanwhile another 係長 applies the second upload, which covers the same case.
    client.force_login(supervisor3)
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{second.pk}/")
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        stale = client.post(url, {"action": "apply", "shown": seen})
    assert stale.status_code == 400
    page = stale.content.decode()
    assert f"{MOVED}: 2行目 (案件 {a.number}: 照合時 送付済 → 現在 完了)" in page and "再照合する" in page
    assert page.count("照合後に案件の状態が変わりました") == 1  # line 000034, not the other
    first.refresh_from_db()
    a.refresh_from_db()
    assert first.state == ResultUpload.State.PENDING and ResultImport.objects.count() == 1
    assert a.stage == Stage.CLOSED  # as the second upload left it
    # Matched again, the page says what applying does now; applying from it goes through.
    page = client.post(url, {"action": "recheck"}, follow=True).content.decode()
    assert "突合の不一致へ" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"action": "apply", "shown": shown_mark(page)}, follow=True)
    assert "反映しました" in done.content.decode()
    first.refresh_from_db()
    assert first.state == ResultUpload.State.APPLIED


def test_an_apply_without_the_mark_is_refused_the_same_way(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a = send()
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(a)))
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(f"/results/uploads/{staged.pk}/", {"action": "apply"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert CHANGED in page and 'name="shown"' in page
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING and not ResultImport.objects.exists()


def test_a_page_still_true_is_applied_at_once(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a = send()
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(a)))
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        response = apply_post(client, f"/results/uploads/{staged.pk}/")
    assert response.status_code == 302
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.APPLIED
