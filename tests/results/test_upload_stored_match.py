"""The match of a results upload is worked out once, when the upload is checked, and kept (issue 11 H1).

Left from the fifth session: every view of the confirm page read the sealed file back and matched it
again (the same work at every reload of a 10,000-line file), and what the second 係長 read could differ
from what the first read if cases moved in between, without anyone being told. The page shows the kept
match; applying verifies that every case is still where the match found it and otherwise refuses,
naming the lines; 再照合 works the match out again and is recorded.
"""

import io
import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.kernel.models import Case, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission import result_upload_preview, results
from cases.submission import results_confirm as confirm
from cases.submission.models import Discrepancy, ResultImport
from cases.submission.result_uploads import ResultUpload
from tests.conftest import make_user
from tests.results.conftest import apply_post, csv_bytes, line, shown_mark

pytestmark = pytest.mark.django_db
MOVED = "照合した後に案件の状態が変わった行があるため、反映しませんでした"


@pytest.fixture(autouse=True)
def refusals_logged_afresh():
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs


@pytest.fixture
def supervisor3(office):
    return make_user("super3", "supervisor", office)


def upload(client, data: bytes) -> ResultUpload:
    response = client.post(
        "/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return ResultUpload.objects.order_by("-pk").first()


def table(page: str) -> str:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_the_match_is_kept_at_upload_with_each_lines_case_outcome_and_the_counts(client, send, supervisor):
    a, b = send(), send()
    client.force_login(supervisor)
    staged = upload(
        client,
        csv_bytes(
            line(a),
            line(b, decision="返戻", start="", end="", reason="添付不足"),
            line(number="2026-999999", decision="却下"),
        ),
    )
    assert staged.checked_by == supervisor and staged.checked_at is not None
    assert (staged.matched_count, staged.queued_count) == (2, 1)
    by_line = {entry["line"]: entry for entry in staged.preview}
    assert (by_line[2]["case_id"], by_line[2]["stage"], by_line[2]["applies"]) == (a.pk, Stage.SENT, True)
    assert (by_line[3]["case_id"], by_line[3]["applies"]) == (b.pk, True)
    assert (by_line[4]["case_id"], by_line[4]["applies"]) == (None, False)


def test_a_second_view_neither_reads_the_file_nor_matches_it_again(client, send, supervisor, supervisor2):
    """Mocked matcher: not called by any view; and a page of six lines costs the queries of one."""
    one, many = send(), [send() for _ in range(5)]
    client.force_login(supervisor)
    small = upload(client, csv_bytes(line(one)))
    big = upload(
        client, csv_bytes(*(line(case) for case in many), line(number="2026-999999", decision="却下"))
    )
    client.force_login(supervisor2)
    client.get(f"/results/uploads/{small.pk}/")  # the session, the language, the menu warmed up
    with (
        mock.patch.object(
            result_upload_preview, "results_match", wraps=result_upload_preview.results_match
        ) as m1,
        mock.patch.object(results, "results_match", wraps=results.results_match) as m2,
    ):
        with CaptureQueriesContext(connection) as small_queries:
            first = client.get(f"/results/uploads/{small.pk}/")
        with CaptureQueriesContext(connection) as big_queries:
            client.get(f"/results/uploads/{big.pk}/")
            again = client.get(f"/results/uploads/{big.pk}/")
    assert first.status_code == again.status_code == 200
    assert m1.call_count == m2.call_count == 0
    assert len(big_queries) == 2 * len(small_queries), [q["sql"] for q in big_queries.captured_queries]
    assert table(again.content.decode()).count("送付済 → 完了") == 5


def test_a_case_moved_between_check_and_apply_is_refused_naming_its_line_and_nothing_is_applied(
    client, send, supervisor, supervisor2, supervisor3, django_capture_on_commit_callbacks
):
    a, b = send(), send()
    client.force_login(supervisor)
    first = upload(client, csv_bytes(line(b), line(a, decision="返戻", start="", end="", reason="添付不足")))
    second = upload(client, csv_bytes(line(a)))
    client.force_login(supervisor2)
    url = f"/results/uploads/{first.pk}/"
    seen = shown_mark(client.get(url).content.decode())
    # Meanwhile another 係長 applies the second upload, which closes a (line 3 of the first).
    client.force_login(supervisor3)
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_post(client, f"/results/uploads/{second.pk}/").status_code == 302
    discrepancies = Discrepancy.objects.count()
    client.force_login(supervisor2)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, {"action": "apply", "shown": seen})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert MOVED in page and f"3行目 (案件 {a.number}: 照合時 送付済 → 現在 完了)" in page
    assert "2行目" not in page.split(MOVED, 1)[1].split("</", 1)[0]
    assert 'value="recheck"' in page and table(page).count("照合後に案件の状態が変わりました") == 1
    first.refresh_from_db()
    b.refresh_from_db()
    assert first.state == ResultUpload.State.PENDING and first.result_import is None
    assert b.stage == Stage.SENT and ResultImport.objects.count() == 1  # line 2 not applied either
    assert Discrepancy.objects.count() == discrepancies
    # The page viewed now says so before anyone presses 反映する.
    page = client.get(url).content.decode()
    assert "照合した後に状態が変わった案件があります (1行)" in page


def test_a_change_only_the_import_matching_sees_is_refused_too(send, supervisor, supervisor2):
    """A line matched by 基礎年金番号 alone: its case stays 送付済, but a second case of the same person
    was sent meanwhile, so the line is now ambiguous (the import's matching, under its locks, sees it)."""
    a, other = send(), send()
    Case.objects.filter(pk=other.pk).update(resident=a.resident, stage=Stage.READY_TO_SEND)
    pension_no = a.resident.pension.basic_pension_no
    data = csv_bytes(line(a, number="", pension_no=pension_no))
    staged = confirm.result_upload_stage(filename="kekka.csv", data=data, by=supervisor)
    assert staged.preview[0]["applies"] is True
    Case.objects.filter(pk=other.pk).update(stage=Stage.SENT)
    with pytest.raises(confirm.ResultUploadMoved) as refused:
        confirm.result_upload_apply(upload=staged, by=supervisor2)
    assert "2行目" in str(refused.value) and refused.value.lines == [2]
    staged.refresh_from_db()
    a.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING and a.stage == Stage.SENT
    assert not ResultImport.objects.exists()


def test_a_recheck_replaces_the_kept_match_is_recorded_and_the_apply_then_goes_through(
    client, send, supervisor, supervisor2, supervisor3, django_capture_on_commit_callbacks
):
    a, b = send(), send()
    client.force_login(supervisor)
    first = upload(client, csv_bytes(line(b), line(a, decision="返戻", start="", end="", reason="添付不足")))
    second = upload(client, csv_bytes(line(a)))
    client.force_login(supervisor3)
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, f"/results/uploads/{second.pk}/")
    url = f"/results/uploads/{first.pk}/"
    client.force_login(supervisor2)
    done = client.post(url, {"action": "recheck"}, follow=True)
    page = done.content.decode()
    assert "再照合しました" in page and "反映内容が変わった行 (1行): 3行目" in page
    first.refresh_from_db()
    assert first.checked_by == supervisor2 and (first.matched_count, first.queued_count) == (1, 1)
    assert "突合の不一致へ" in table(page) and "照合後に案件の状態が変わりました" not in page
    entry = AuditEntry.objects.get(target=f"result_upload:{first.pk}", detail__event="rechecked")
    assert entry.actor_id == supervisor2.pk and entry.detail["changed_lines"] == [3]
    assert entry.detail["matched"] == 1 and entry.detail["queued"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(url, {"action": "apply", "shown": shown_mark(page)}, follow=True)
    assert "突合済 1件、該当する案件のない結果 1件、結果のない送付案件 0件" in applied.content.decode()
    b.refresh_from_db()
    assert b.stage == Stage.CLOSED


def test_a_page_shown_before_someone_else_rechecked_is_not_applied(
    client, send, supervisor, supervisor2, supervisor3, django_capture_on_commit_callbacks
):
    a = send()
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(a)))
    client.force_login(supervisor2)
    url = f"/results/uploads/{staged.pk}/"
    seen = shown_mark(client.get(url).content.decode())
    Case.objects.filter(pk=a.pk).update(stage=Stage.CLOSED)
    confirm.result_upload_recheck(upload=staged, by=supervisor3)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, {"action": "apply", "shown": seen})
    assert refused.status_code == 400 and "確認した後に反映内容が変わりました" in refused.content.decode()
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING and not ResultImport.objects.exists()


def test_a_recheck_by_another_office_or_a_clerk_is_refused_and_logged(
    client, send, supervisor, other_office, clerk
):
    a = send()
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(a)))
    kept = (staged.preview, staged.checked_at)
    kamui = make_user("super-kamui", "supervisor", other_office)
    for user in (kamui, clerk):
        client.force_login(user)
        assert client.post(f"/results/uploads/{staged.pk}/", {"action": "recheck"}).status_code == 403
        assert AuditEntry.objects.filter(actor_id=user.pk, action=AuditAction.DENIED).count() == 1
    staged.refresh_from_db()
    assert (staged.preview, staged.checked_at) == kept
    assert not AuditEntry.objects.filter(detail__event="rechecked").exists()
    with pytest.raises(Exception, match="他の事務所"):
        confirm.result_upload_recheck(upload=staged, by=kamui)  # the service refuses it too


def test_a_decided_upload_is_not_rechecked_and_the_apply_is_safe_to_run_twice(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a = send()
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(a)))
    with django_capture_on_commit_callbacks(execute=True):
        confirm.result_upload_apply(upload=staged, by=supervisor2)
    with pytest.raises(confirm.ResultUploadError, match="既に「反映済」"):
        confirm.result_upload_apply(upload=staged, by=supervisor2)
    with pytest.raises(confirm.ResultUploadError, match="既に「反映済」"):
        confirm.result_upload_recheck(upload=staged, by=supervisor2)
    assert ResultImport.objects.count() == 1
    client.force_login(supervisor2)
    page = client.get(f"/results/uploads/{staged.pk}/").content.decode()
    assert 'value="recheck"' not in page and 'value="apply"' not in page


def test_an_upload_kept_before_the_match_was_kept_asks_for_a_recheck(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    """Uploads pending when this was installed have a preview without the cases' ids and stages."""
    a = send()
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(a)))
    old = [
        {key: value for key, value in entry.items() if key not in ("case_id", "stage", "applies")}
        for entry in staged.preview
    ]
    ResultUpload.objects.filter(pk=staged.pk).update(preview=old, checked_at=None, checked_by=None)
    client.force_login(supervisor2)
    url = f"/results/uploads/{staged.pk}/"
    page = client.get(url).content.decode()
    assert "再照合してから反映してください" in page and "送付済 → 完了" in table(page)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, {"action": "apply", "shown": shown_mark(page)}, follow=True)
    assert "再照合してから反映してください" in refused.content.decode()
    a.refresh_from_db()
    assert a.stage == Stage.SENT
    page = client.post(url, {"action": "recheck"}, follow=True).content.decode()
    assert "再照合しました。反映内容は変わりません。" in page and "再照合してから反映" not in page
    with django_capture_on_commit_callbacks(execute=True):
        apply_post(client, url)
    a.refresh_from_db()
    assert a.stage == Stage.CLOSED


def test_the_command_refuses_a_moved_case_names_the_recheck_option_and_rechecks(
    send, supervisor, supervisor2, tmp_path, django_capture_on_commit_callbacks
):
    a = send()
    path = tmp_path / "kekka.csv"
    path.write_bytes(csv_bytes(line(a)))
    call_command("import_results", str(path), "--user", supervisor.username)
    staged = ResultUpload.objects.get()
    Case.objects.filter(pk=a.pk).update(stage=Stage.INPUT)
    confirm_args = ("import_results", "--confirm", str(staged.pk), "--user", supervisor2.username)
    with pytest.raises(CommandError, match=f"2行目.*--recheck {staged.pk}"):
        call_command(*confirm_args)
    out = io.StringIO()
    call_command("import_results", "--recheck", str(staged.pk), "--user", supervisor2.username, stdout=out)
    assert "再照合しました: 反映 0行, 突合の不一致へ 1行" in out.getvalue()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(*confirm_args)
    staged.refresh_from_db()
    a.refresh_from_db()
    assert staged.state == ResultUpload.State.APPLIED and a.stage == Stage.INPUT
    assert Discrepancy.objects.filter(case=a, kind=Discrepancy.Kind.UNMATCHED_LINE).count() == 1


# A queued line whose case moved between two stages both before 送付済 (left from the sixth session). It is
# queued either way, but the queue entry says why with the case's stage (texts.NOT_SENT, read at apply):
# applied as it was, the 突合 queue would keep 「段階: 照合」 where the confirming 係長 read 「段階: 入力」.


def test_a_queued_lines_case_moved_between_two_stages_before_sent_is_refused_naming_its_line(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    a, b = send(), send()
    Case.objects.filter(pk=a.pk).update(stage=Stage.INPUT)  # 返戻 and back at the desk, say
    client.force_login(supervisor)
    staged = upload(client, csv_bytes(line(b), line(a)))
    queued = {entry["line"]: entry for entry in staged.preview}[3]
    assert (queued["applies"], queued["stage"]) == (False, Stage.INPUT)
    client.force_login(supervisor2)
    url = f"/results/uploads/{staged.pk}/"
    seen = shown_mark(client.get(url).content.decode())
    Case.objects.filter(pk=a.pk).update(stage=Stage.CROSS_CHECK)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, {"action": "apply", "shown": seen})
    assert refused.status_code == 400
    assert f"3行目 (案件 {a.number}: 照合時 入力 → 現在 照合)" in refused.content.decode()
    staged.refresh_from_db()
    assert staged.state == ResultUpload.State.PENDING and not Discrepancy.objects.exists()


def test_the_import_matching_under_its_locks_sees_such_a_move_too(send, supervisor, supervisor2):
    """The cheap look passed (the case moved after it): the import's own matching refuses."""
    a = send()
    Case.objects.filter(pk=a.pk).update(stage=Stage.INPUT)
    staged = confirm.result_upload_stage(filename="kekka.csv", data=csv_bytes(line(a)), by=supervisor)
    Case.objects.filter(pk=a.pk).update(stage=Stage.APPROVAL)
    with (
        mock.patch.object(confirm, "upload_moved", return_value=[]),
        pytest.raises(confirm.ResultUploadMoved) as refused,
    ):
        confirm.result_upload_apply(upload=staged, by=supervisor2)
    assert refused.value.lines == [2] and "照合時 入力 → 現在 決裁" in str(refused.value)
    assert not ResultImport.objects.exists() and not Discrepancy.objects.exists()


def test_a_queued_line_whose_case_did_not_move_is_applied_to_the_queue(send, supervisor, supervisor2):
    a = send()
    Case.objects.filter(pk=a.pk).update(stage=Stage.INPUT)
    staged = confirm.result_upload_stage(filename="kekka.csv", data=csv_bytes(line(a)), by=supervisor)
    confirm.result_upload_apply(upload=staged, by=supervisor2)
    (entry,) = Discrepancy.objects.filter(case=a, kind=Discrepancy.Kind.UNMATCHED_LINE)
    said = json.dumps(entry.text_params, ensure_ascii=False)
    assert '"not_sent"' in said and '"入力"' in said  # the stage the 係長 read
