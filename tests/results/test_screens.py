"""The upload screen, the 突合 queue and the command, each with who may use them."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.kernel.models import Case, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission.models import BundleItem, Discrepancy, ResultImport
from cases.submission.result_uploads import ResultUpload
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db
Kind = Discrepancy.Kind


def upload(client, data: bytes, name="kekka.csv"):
    return client.post("/results/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def upload_and_apply(client, data: bytes, first, second, capture, name="kekka.csv"):
    """Two 係長 (issue 11 H1): one uploads, the other applies (tests/security/test_i11_results.py)."""
    client.force_login(first)
    response = upload(client, data, name)
    assert response.status_code == 302, response.content.decode()[-2000:]
    client.force_login(second)
    with capture(execute=True):
        return apply_post(client, response["Location"], follow=True)


def test_a_supervisor_uploads_a_second_applies_and_the_case_closes(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    case = send()
    applied = upload_and_apply(
        client, csv_bytes(line(case)), supervisor, supervisor2, django_capture_on_commit_callbacks
    )
    assert "反映しました" in applied.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.process.status == "DONE"
    page = client.get("/results/").content.decode()
    assert "kekka.csv" in page
    # The same file again: applied again, nothing changes.
    upload_and_apply(
        client, csv_bytes(line(case)), supervisor, supervisor2, django_capture_on_commit_callbacks, "copy.csv"
    )
    assert ResultImport.objects.count() == 1


def test_a_bad_upload_lists_every_bad_line_and_imports_nothing(client, send, supervisor):
    case = send()
    client.force_login(supervisor)
    bad = csv_bytes(
        line(case), line(case, number="2026-000777", decision="保留"), line(number="", start="2025-07")
    )
    response = upload(client, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "何も取り込んでいません" in page
    assert "<td>3</td><td>判定結果</td>" in page and "<td>4</td><td>整理番号</td>" in page
    assert not ResultImport.objects.exists()
    case.refresh_from_db()
    assert case.stage == Stage.SENT


@pytest.mark.parametrize("persona", ["operator", "auditor", "clerk"])
def test_operators_auditors_and_clerks_cannot_import(client, persona, request, send):
    case = send()
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/results/").status_code == 403
    assert upload(client, csv_bytes(line(case))).status_code == 403
    assert not ResultImport.objects.exists()


@pytest.fixture
def queue(send, other_office):
    """An open item for a case of the clerk's office, one of another office, an unmatched line."""
    mine, theirs = send(), send()
    Case.objects.filter(pk=theirs.pk).update(office=other_office)
    return {
        "mine": Discrepancy.objects.create(
            kind=Kind.DIFFERS, case=mine, detail="mine 申請 全額免除 → 承認 半額免除"
        ),
        "theirs": Discrepancy.objects.create(kind=Kind.MISSING_RESULT, case=theirs, detail="theirs 結果なし"),
        "nobody": Discrepancy.objects.create(
            kind=Kind.UNMATCHED_LINE, detail="nobody 整理番号の案件がありません"
        ),
    }


def test_a_clerk_sees_their_office_and_unmatched_lines_a_supervisor_sees_all(
    client, queue, clerk, supervisor
):
    client.force_login(clerk)
    page = client.get("/results/discrepancies/").content.decode()
    assert "mine" in page and "nobody" in page and "theirs" not in page
    assert client.get(f"/results/discrepancies/{queue['theirs'].pk}/").status_code == 404
    filtered = client.get("/results/discrepancies/", {"kind": Kind.UNMATCHED_LINE}).content.decode()
    assert "nobody" in filtered and "mine" not in filtered

    client.force_login(supervisor)
    page = client.get("/results/discrepancies/").content.decode()
    assert "mine" in page and "nobody" in page and "theirs" in page


@pytest.mark.parametrize("persona", ["operator", "auditor"])
def test_operators_and_auditors_do_not_see_the_queue(client, queue, persona, request):
    # The role matrix gives 監査 the access log and the records, not the 突合 queue.
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/results/discrepancies/").status_code == 403
    assert client.get(f"/results/discrepancies/{queue['nobody'].pk}/").status_code == 403


def test_resolving_needs_a_note_and_is_logged(client, queue, clerk):
    item = queue["mine"]
    client.force_login(clerk)
    response = client.post(f"/results/discrepancies/{item.pk}/", {"note": "  "})
    assert "対応内容" in response.content.decode()
    item.refresh_from_db()
    assert item.resolved_at is None

    client.post(f"/results/discrepancies/{item.pk}/", {"note": "申請者に半額免除の承認を電話で説明"})
    item.refresh_from_db()
    assert item.resolved_by == clerk and "電話" in item.resolution
    assert AuditEntry.objects.filter(action="change", target=f"discrepancy:{item.pk}").exists()
    page = client.get("/results/discrepancies/").content.decode()
    assert "mine" not in page  # the default view is the open items
    assert "mine" in client.get("/results/discrepancies/", {"status": "all"}).content.decode()


def test_the_command_imports_and_a_bad_file_exits_non_zero(
    tmp_path, send, supervisor, supervisor2, capsys, django_capture_on_commit_callbacks
):
    case = send()
    good = tmp_path / "kekka.csv"
    good.write_bytes(csv_bytes(line(case), encoding="cp932"))
    call_command("import_results", str(good), "--user", supervisor.username)
    staged = ResultUpload.objects.get()
    assert "確認待ち" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_results", "--confirm", str(staged.pk), "--user", supervisor2.username)
    assert "反映しました" in capsys.readouterr().out
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED

    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        csv_bytes(line(number="", start="2025-07"), line(number="X", decided_on="昨日", start="2025-07"))
    )
    with pytest.raises(CommandError, match="エラー 2件"):
        call_command("import_results", str(bad), "--user", supervisor.username)
    err = capsys.readouterr().err
    assert "2行目 整理番号" in err and "3行目 判定日" in err


def test_the_detail_shows_the_line_as_read_and_is_logged(
    client, send, clerk, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    case = send()
    data = csv_bytes(line(case, kind="半額免除", reason="所得確認済"))
    upload_and_apply(client, data, supervisor, supervisor2, django_capture_on_commit_callbacks)
    client.force_login(clerk)
    item = Discrepancy.objects.get(kind=Kind.DIFFERS)
    page = client.get("/results/discrepancies/").content.decode()
    assert f'href="/cases/{case.pk}/"' in page and f"/results/discrepancies/{item.pk}/" in page
    detail = client.get(f"/results/discrepancies/{item.pk}/").content.decode()
    assert "半額免除" in detail and "所得確認済" in detail and "2行目" in detail and "対応済にする" in detail
    assert AuditEntry.objects.filter(action="view", target=f"discrepancy:{item.pk}", case_id=case.pk).exists()


def _cells(page: str, marker: str) -> list[str]:
    """The text of each cell of the table row holding ``marker``."""
    row = (
        page.split(marker, 1)[0].rsplit("<tr", 1)[1] + marker + page.split(marker, 1)[1].split("</tr>", 1)[0]
    )
    return [re.sub(r"<[^>]+>", "", cell.split(">", 1)[1]).strip() for cell in row.split("<td")[1:]]


def test_a_case_returned_after_sealing_stays_among_the_bundles_sent_cases_marked_returned(
    client, send, supervisor, supervisor2, bundle, django_capture_on_commit_callbacks
):
    """A sealed bundle shows what was sent (its manifest): 機構's 返戻 of one of its cases is not an
    exclusion, which only a bundle still being built allows (則9条の送付の記録)."""
    bundle.sealed_at = timezone.now() - dt.timedelta(days=10, hours=2)
    bundle.save(update_fields=["sealed_at"])
    returned, kept, removed_before = send(), send(), send()
    BundleItem.objects.filter(case=removed_before).update(
        live=False, removed_at=bundle.sealed_at - dt.timedelta(hours=1), removal_reason="書類の差替え"
    )
    upload_and_apply(
        client,
        csv_bytes(line(returned, decision="返戻", start="", end="", reason="添付書類の不足"), line(kept)),
        supervisor,
        supervisor2,
        django_capture_on_commit_callbacks,
    )
    client.force_login(supervisor)
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    sent_part, _, removed_part = page.partition("除外した案件")
    assert returned.number in sent_part and kept.number in sent_part
    assert removed_before.number not in sent_part
    assert "返戻" in " ".join(_cells(sent_part, returned.number))
    assert returned.number not in removed_part and removed_before.number in removed_part
    form_counts = page.split("届書種別", 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<td>(\d+)</td>", form_counts) == ["2"]  # as the sealed manifest counts them
    # 件数: the two sent (one since returned); 除外: the one taken out before sealing.
    assert _cells(client.get("/bundles/").content.decode(), bundle.number)[3:5] == ["2", "1"]


def test_applying_ones_own_upload_is_refused_and_logged(client, send, supervisor):
    """Exploratory test 2026-12-06: the refusal (issue 11 H1: one 係長 uploads, another applies) was only
    a message; the access log showed the page viewed and nothing refused."""
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs
    case = send()
    client.force_login(supervisor)
    response = upload(client, csv_bytes(line(case)))
    page = client.post(response["Location"], {"action": "apply"}, follow=True).content.decode()
    assert "取り込んだ本人は反映できません" in page
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    (entry,) = AuditEntry.objects.filter(actor_id=supervisor.pk, action=AuditAction.DENIED)
    assert entry.detail["view"] == "result_upload_detail" and "取り込んだ本人" in entry.detail["message"]


def test_the_upload_preview_is_worded_in_the_readers_language(client, send, supervisor, supervisor2):
    """Exploratory test 2026-12-06: the preview of what each line would change was stored as the
    uploader's Japanese sentences, so a 係長 reading in English saw 「承認 (判定日 …)」 and 「突合の不一致へ」.
    It is stored as codes and worded for each reader, like the timeline and the 突合 queue."""
    case = send()
    client.force_login(supervisor)
    location = upload(client, csv_bytes(line(case), line(number="2026-999999", decision="却下")))["Location"]
    client.force_login(supervisor2)
    japanese = client.get(location).content.decode()
    assert "承認 (判定日" in japanese and "突合の不一致へ" in japanese and "送付済 → 完了" in japanese
    client.cookies["django_language"] = "en"
    english = client.get(location).content.decode()
    table = english.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "判定日" not in table and "突合の不一致へ" not in table and "送付済" not in table, table
    assert "Approved" in table and "Sent → Closed" in table


def test_the_import_entry_of_an_applied_upload_names_where_it_was_applied_from(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    """Exploratory test 2026-12-06: the access log's 取込 entry of an upload applied on the screen had no
    接続元, where every other entry of the request had it."""
    case = send()
    upload_and_apply(
        client, csv_bytes(line(case)), supervisor, supervisor2, django_capture_on_commit_callbacks
    )
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT, actor_id=supervisor2.pk)
    assert {entry.target.split(":")[0] for entry in entries} >= {"results"}
    assert {entry.source_ip for entry in entries} == {"127.0.0.1"}, [(e.target, e.source_ip) for e in entries]


def test_the_discrepancy_list_with_a_filter_in_error_lists_nothing(client, queue, clerk):
    """The counter walk, finding 5: a bad filter showed every open item, as if it had not been typed."""
    client.force_login(clerk)
    page = client.get("/results/discrepancies/", {"kind": "nosuchkind"}).content.decode()
    assert "mine" not in page and "nobody" not in page and "条件を直してください" in page


def test_the_upload_preview_keeps_each_cell_on_one_line_in_a_table_that_scrolls(
    client, send, supervisor, supervisor2
):
    """Exploratory tests of 2026-12-05: long cells of the preview (機構's reason, the 反映内容) wrapped into
    rows too tall to read. The table keeps each cell on one line and scrolls sideways in a region that
    is named and takes the keyboard's focus (WCAG 2.1.1: a scrolling area reached without a mouse), as
    the task lists scroll (.table-scroll); nothing is cut off."""
    from django.contrib.staticfiles import finders

    case = send()
    reason = "添付書類 (所得の申立書・離職票の写し) が不足しているため返戻します。" * 3
    client.force_login(supervisor)
    location = upload(client, csv_bytes(line(case, decision="返戻", reason=reason)))["Location"]
    client.force_login(supervisor2)
    page = client.get(location).content.decode()
    region = re.search(r'<div class="table-scroll"([^>]*)>\s*<table class="one-line">', page)
    assert region, page.split("<tbody>", 1)[0][-600:]
    assert 'role="region"' in region[1] and 'tabindex="0"' in region[1]
    label = re.search(r'aria-labelledby="([^"]+)"', region[1])[1]
    assert re.search(rf'<h2 id="{label}">', page)
    assert reason in page.split("<tbody>", 1)[1]  # whole, not shortened
    css = Path(finders.find("cases/desk.css")).read_text(encoding="utf-8")
    assert re.search(r"table\.one-line td[^{]*\{[^}]*white-space:\s*nowrap", css)
    assert re.search(r"\.table-scroll:focus[^{]*\{[^}]*outline", css)
