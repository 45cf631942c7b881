"""Who may apply, reject or withdraw a pending 処理結果一覧表 upload (issue 11 H1, decisions §17).

Exploratory test 2026-12-06: the 神居 係長 threw the 本庁's pending upload away (「この取込を却下しました。」);
their refused apply was not in the access log as a refusal, and the page told them 「取り込んだ本人は反映
できません」 though they had not uploaded it.
"""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.kernel.models import Stage
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission.result_uploads import ResultUpload
from tests.conftest import make_user
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def refusals_logged_afresh():
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs


@pytest.fixture
def kamui_supervisor(other_office):
    return make_user("super-kamui", "supervisor", other_office)


@pytest.fixture
def staged(client, send, supervisor) -> ResultUpload:
    """The 本庁 係長's pending upload of one sent case."""
    client.force_login(supervisor)
    data = csv_bytes(line(send()))
    response = client.post(
        "/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")}
    )
    assert response.status_code == 302
    return ResultUpload.objects.get()


def denied(user) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(actor_id=user.pk, action=AuditAction.DENIED))


@pytest.mark.parametrize("action", ["reject", "withdraw", "apply"])
def test_another_offices_supervisor_is_refused_and_logged_once_with_why(
    client, staged, kamui_supervisor, action
):
    client.force_login(kamui_supervisor)
    response = client.post(f"/results/uploads/{staged.pk}/", {"action": action, "reason": "誤り"})
    assert response.status_code == 403
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING and staged.decided_by is None
    (entry,) = denied(kamui_supervisor)
    assert entry.detail["view"] == "result_upload_detail" and "他の事務所" in entry.detail["message"]


def test_another_offices_supervisor_is_told_why_they_cannot_act(client, staged, kamui_supervisor):
    client.force_login(kamui_supervisor)
    page = client.get(f"/results/uploads/{staged.pk}/").content.decode()
    assert 'value="apply"' not in page and 'value="reject"' not in page and 'value="withdraw"' not in page
    assert "他の事務所" in page and "取り込んだ本人" not in page


@pytest.mark.parametrize("action", ["withdraw", "reject"])
def test_the_uploader_withdraws_their_own_upload(client, staged, supervisor, action):
    """Rejecting one's own upload is a withdrawal (a mistaken file), recorded as such; no refusal."""
    client.force_login(supervisor)
    page = client.get(f"/results/uploads/{staged.pk}/").content.decode()
    assert 'value="withdraw"' in page and 'value="apply"' not in page
    response = client.post(f"/results/uploads/{staged.pk}/", {"action": action, "reason": "別月のファイル"})
    assert "取り下げました" in client.get(response["Location"]).content.decode()
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.WITHDRAWN and staged.decided_by == supervisor
    assert staged.decision_reason == "別月のファイル"
    entry = AuditEntry.objects.get(target=f"result_upload:{staged.pk}", detail__event="withdrawn")
    assert entry.actor_id == supervisor.pk and entry.detail["reason"] == "別月のファイル"
    assert denied(supervisor) == []


def test_another_supervisor_of_the_office_rejects_with_a_reason(client, staged, supervisor2):
    client.force_login(supervisor2)
    page = client.post(f"/results/uploads/{staged.pk}/", {"action": "reject"}, follow=True).content.decode()
    assert "却下の理由を入力してください" in page
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING

    client.post(f"/results/uploads/{staged.pk}/", {"action": "reject", "reason": "判定日が送付前"})
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.REJECTED and staged.decided_by == supervisor2
    assert "判定日が送付前" in client.get(f"/results/uploads/{staged.pk}/").content.decode()
    entry = AuditEntry.objects.get(target=f"result_upload:{staged.pk}", detail__event="rejected")
    assert entry.detail["reason"] == "判定日が送付前" and denied(supervisor2) == []


def test_the_uploader_still_cannot_apply(client, staged, supervisor):
    client.force_login(supervisor)
    page = client.post(f"/results/uploads/{staged.pk}/", {"action": "apply"}, follow=True).content.decode()
    assert "取り込んだ本人は反映できません" in page
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING


def test_a_branch_supervisor_applies_a_branch_upload_and_the_honcho_may_too(
    client, send, other_office, kamui_supervisor, supervisor, django_capture_on_commit_callbacks
):
    """The office of the upload is its uploader's: the branch's second 係長, or the 本庁's, act on it."""
    from cases.kernel.models import Case

    case = send()
    Case.objects.filter(pk=case.pk).update(office=other_office)
    client.force_login(kamui_supervisor)
    data = csv_bytes(line(case))
    client.post("/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")})
    staged = ResultUpload.objects.get()
    client.force_login(supervisor)
    assert 'value="apply"' in client.get(f"/results/uploads/{staged.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{staged.pk}/")
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
