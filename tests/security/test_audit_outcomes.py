"""The auditor reads whether a logged run succeeded, failed or was refused, and why, in words: a failed
command (exit 1) looked like a successful 変更, and reasons showed as codes (bad_credentials, no_user)."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from cases.security.models.security import LoginAttempt
from documents.reports import audit_report_snapshot
from tests.security.auth_helpers import WRONG, login

pytestmark = pytest.mark.django_db
RAW_CODES = ("bad_credentials", "no_permission", "no_user", "unknown_user", "logout", "outcome", "error")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def logged(client, admin_user, supervisor, clerk):
    """A run that worked, one that failed, three refused, a failed login and a logout."""
    call_command("sync_roles", "--user", admin_user.username)
    with pytest.raises(CommandError):
        call_command("dispatch_weekly", "--date", "2026-13-01", "--user", supervisor.username)
    for user in (None, "ghost", clerk.username):
        with pytest.raises(CommandError):
            call_command("purge_expired", *(["--user", user] if user else []))
    login(client, clerk.username, WRONG)
    login(client, clerk.username)
    client.post("/logout/")


def rows_of(page: str) -> list[str]:
    return [row.split("</tr>")[0] for row in page.split("<tbody>")[-1].split("<tr>")[1:]]


def row_with(rows, text: str) -> str:
    (row,) = [row for row in rows if text in str(row)]
    return str(row)


def test_the_screen_shows_the_outcome_and_the_reason_in_words(client, auditor, logged):
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    rows = rows_of(page)
    assert "成功" in row_with(rows, "コマンド: sync_roles")
    assert "失敗" in row_with(rows, "コマンド: dispatch_weekly")
    refused = [row for row in rows if "コマンド: purge_expired" in row]
    assert len(refused) == 3 and all("拒否" in row for row in refused)
    assert "実行者の指定なし" in page and "存在しないユーザーID" in page and "実行の権限なし" in page
    assert "ユーザーIDまたはパスワードの誤り" in page and "ログアウト (本人)" in page
    body = page.split("<tbody>")[-1]
    for code in RAW_CODES:
        assert f">{code}<" not in body and f"<br>{code}" not in body, code


def test_the_csv_and_the_pdf_report_show_the_outcome(client, auditor, logged):
    client.force_login(auditor)
    rows = list(csv.reader(io.StringIO(client.get("/audit/report.csv").content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    outcome = header.index("結果")
    by_target = {row[header.index("対象")]: row for row in body}
    assert by_target["コマンド: sync_roles"][outcome] == "成功"
    assert by_target["コマンド: dispatch_weekly"][outcome] == "失敗"
    assert by_target["コマンド: purge_expired"][outcome] == "拒否"
    assert not {code for row in body for code in RAW_CODES if code in row}

    entries = audit_report_snapshot(filters={}).context["entries"]
    failed = next(e for e in entries if e["target"] == "コマンド: dispatch_weekly")
    assert failed["outcome"] == "失敗"
    assert any(e["outcome"] == "拒否" and "実行者の指定なし" in e["purpose"] for e in entries)


def test_the_login_attempts_admin_words_its_reasons(client, admin_user, clerk):
    LoginAttempt.objects.create(
        username=clerk.username, source_ip="10.0.0.1", success=False, reason="bad_credentials"
    )
    LoginAttempt.objects.create(username=clerk.username, source_ip="10.0.0.1", success=True, reason="ok")
    client.force_login(admin_user)
    page = client.get("/admin/cases/loginattempt/").content.decode()
    assert "ユーザーIDまたはパスワードの誤り" in page and "ログイン成功" in page
    assert ">bad_credentials<" not in page and ">ok<" not in page
    assert (
        "reason__exact=bad_credentials" in page or "reason=bad_credentials" in page
    )  # the filter still works
