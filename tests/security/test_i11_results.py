"""H1 (issue 11): applying 機構's 処理結果一覧表 is a supervisor's act in two steps, scoped by office,
with the raw file kept sealed as evidence (assessment III: 年金機構から送付される処理結果一覧表と入力内容を
突合し確認する; the four-eyes rule of the desk)."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from cases.kernel.models import Case, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.sealed_files import media_path
from cases.security.sealed_stores import sealed_stores
from cases.submission.models import ResultImport
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_confirm import result_upload_file
from tests.conftest import make_user
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def supervisor2(office):
    return make_user("super2", "supervisor", office)


@pytest.fixture
def kamui_supervisor(other_office):
    return make_user("super-kamui", "supervisor", other_office)


def upload(client, data: bytes, name="kekka.csv"):
    return client.post("/results/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_a_clerk_of_another_office_cannot_close_cases_with_a_made_up_file(client, send, other_office):
    """The attack: clerk-kamui uploaded a made-up 処理結果一覧表 and closed 本庁's case as 全額免除."""
    case = send()
    kamui = make_user("clerk-kamui", "clerk", other_office)
    client.force_login(kamui)
    assert upload(client, csv_bytes(line(case))).status_code == 403
    case.refresh_from_db()
    assert case.stage == Stage.SENT and not ResultImport.objects.exists()


def test_lines_outside_the_uploaders_office_are_refused_with_their_line_number(
    client, send, kamui_supervisor
):
    case = send()
    client.force_login(kamui_supervisor)
    response = upload(client, csv_bytes(line(case)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "<td>2</td>" in page and "担当外" in page and case.number in page
    assert not ResultUpload.objects.exists() and not ResultImport.objects.exists()
    case.refresh_from_db()
    assert case.stage == Stage.SENT


def test_a_second_supervisor_applies_what_the_first_uploaded(
    client, send, supervisor, supervisor2, other_office, django_capture_on_commit_callbacks
):
    case = send()
    data = csv_bytes(line(case))
    client.force_login(supervisor)
    response = upload(client, data)
    staged = ResultUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/results/uploads/{staged.pk}/"
    preview = client.get(f"/results/uploads/{staged.pk}/").content.decode()
    assert case.number in preview and "完了" in preview  # what would change, per case
    case.refresh_from_db()
    assert case.stage == Stage.SENT and not ResultImport.objects.exists()
    # The uploader cannot apply their own upload.
    refused = client.post(f"/results/uploads/{staged.pk}/", {"action": "apply"}, follow=True)
    assert "別の係長" in refused.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    # A branch 係長 sees the 本庁's upload but is not offered 「反映する」 (each line would be refused).
    client.force_login(make_user("super-kamui-2", "supervisor", other_office))
    assert 'value="apply"' not in client.get(f"/results/uploads/{staged.pk}/").content.decode()
    client.force_login(supervisor2)
    assert 'value="apply"' in client.get(f"/results/uploads/{staged.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{staged.pk}/")
    case.refresh_from_db()
    staged.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert staged.state == ResultUpload.State.APPLIED and staged.decided_by == supervisor2
    assert staged.result_import.imported_by == supervisor2
    entry = AuditEntry.objects.get(
        action=AuditAction.IMPORT, target=f"result_upload:{staged.pk}", detail__event="applied"
    )
    assert entry.actor_id == supervisor2.pk
    assert entry.detail["uploaded_by"] == supervisor.username
    assert entry.detail["confirmed_by"] == supervisor2.username
    assert entry.detail["sha256"] == hashlib.sha256(data).hexdigest()


def test_the_raw_file_is_kept_sealed_with_its_sha256(client, send, supervisor):
    case = send()
    data = csv_bytes(line(case))
    client.force_login(supervisor)
    upload(client, data)
    staged = ResultUpload.objects.get()
    assert staged.sha256 == hashlib.sha256(data).hexdigest()
    stored = media_path(staged.stored).read_bytes()
    assert case.number.encode() not in stored and data not in stored
    assert result_upload_file(staged) == data
    assert any("処理結果一覧表" in store.kind for store in sealed_stores())


def test_a_refused_upload_changes_nothing(client, send, supervisor, supervisor2):
    case = send()
    client.force_login(supervisor)
    upload(client, csv_bytes(line(case)))
    staged = ResultUpload.objects.get()
    client.force_login(supervisor2)
    client.post(f"/results/uploads/{staged.pk}/", {"action": "reject", "reason": "別月のファイル"})
    staged.refresh_from_db()
    case.refresh_from_db()
    assert staged.state == ResultUpload.State.REJECTED and case.stage == Stage.SENT
    assert client.post(f"/results/uploads/{staged.pk}/", {"action": "apply"}).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.SENT


def test_the_command_stages_and_a_second_person_confirms(
    send, supervisor, supervisor2, tmp_path, django_capture_on_commit_callbacks
):
    case = send()
    path = tmp_path / "kekka.csv"
    path.write_bytes(csv_bytes(line(case)))
    call_command("import_results", str(path), "--user", supervisor.username)
    staged = ResultUpload.objects.get()
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    with pytest.raises(CommandError):
        call_command("import_results", "--confirm", str(staged.pk), "--user", supervisor.username)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_results", "--confirm", str(staged.pk), "--user", supervisor2.username)
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED


def test_each_refused_line_is_its_own_message(client, send, kamui_supervisor, other_office, office):
    """A 係長 who may not apply some lines of an upload got them run together in one paragraph
    (exploratory test, 2026-12-05): one message a line. Another office's upload is refused outright
    now (tests/results/test_upload_decisions.py); lines are refused when their cases moved to another
    office after the upload."""
    first, second = send(), send()
    Case.objects.filter(pk__in=[first.pk, second.pk]).update(office=other_office)
    client.force_login(kamui_supervisor)
    upload(client, csv_bytes(line(first), line(second)))
    staged = ResultUpload.objects.get()
    Case.objects.filter(pk__in=[first.pk, second.pk]).update(office=office)
    client.force_login(make_user("super-kamui-3", "supervisor", other_office))
    page = client.post(f"/results/uploads/{staged.pk}/", {"action": "apply"}, follow=True).content.decode()
    errors = [item for item in page.split('<li class="error">')[1:]]
    assert len(errors) == 2 and "2行目" in errors[0] and "3行目" in errors[1]
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING


def test_the_command_rejects_with_a_reason_and_the_uploader_withdraws(
    send, supervisor, supervisor2, tmp_path, capsys
):
    """The screens could reject (another 係長, with the reason) or withdraw (the uploader) a staged upload;
    the command could only stage and apply, so IT staff working from the server had no way out of a wrong
    file but the screen (regression walk 2026-12-06)."""
    case = send()
    path = tmp_path / "kekka.csv"
    path.write_bytes(csv_bytes(line(case)))
    call_command("import_results", str(path), "--user", supervisor.username)
    first = ResultUpload.objects.get()
    with pytest.raises(CommandError, match="却下の理由"):
        call_command("import_results", "--reject", str(first.pk), "--user", supervisor2.username)
    with pytest.raises(CommandError, match="個人番号"):
        call_command(
            "import_results",
            "--reject",
            str(first.pk),
            "--reason",
            "番号 123456789018",
            "--user",
            supervisor2.username,
        )
    call_command(
        "import_results",
        "--reject",
        str(first.pk),
        "--reason",
        "等級の列が誤り",
        "--user",
        supervisor2.username,
    )
    first.refresh_from_db()
    assert (first.state, first.decided_by, first.decision_reason) == (
        ResultUpload.State.REJECTED,
        supervisor2,
        "等級の列が誤り",
    )
    assert "アップロード #" in capsys.readouterr().out

    call_command("import_results", str(path), "--user", supervisor.username)
    second = ResultUpload.objects.latest("pk")
    call_command("import_results", "--reject", str(second.pk), "--user", supervisor.username)
    second.refresh_from_db()
    assert second.state == ResultUpload.State.WITHDRAWN
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    with pytest.raises(CommandError, match="同時に指定できません"):
        call_command("import_results", str(path), "--reject", str(second.pk), "--user", supervisor.username)
