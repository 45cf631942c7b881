"""The access log is tamper-evident: the trigger refuses edits, and the chain catches edits made around it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction, AuditEntry

pytestmark = [pytest.mark.pg, pytest.mark.django_db]


@pytest.fixture
def log(clerk):
    return [
        audit_record(action=AuditAction.VIEW, actor=clerk, resident_id=n, target="case", purpose=f"確認 {n}")
        for n in range(5)
    ]


def behind_the_apps_back(sql, params):
    """What a DBA with the power to switch the trigger off could do."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE cases_auditentry DISABLE TRIGGER cases_auditentry_no_change")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE cases_auditentry ENABLE TRIGGER cases_auditentry_no_change")


def test_an_intact_log_verifies(log, capsys):
    call_command("verify_audit_log")
    assert "正常: 5 件" in capsys.readouterr().out


def test_the_database_refuses_update_and_delete(log):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=log[2].pk).update(purpose="改ざん")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=log[2].pk).delete()
    assert AuditEntry.objects.get(pk=log[2].pk).purpose == "確認 2"


def test_an_edited_row_is_reported_as_the_first_broken_link(log):
    behind_the_apps_back("UPDATE cases_auditentry SET purpose = %s WHERE id = %s", ["改ざん", log[2].pk])
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log")
    assert f"ID {log[2].pk}" in str(excinfo.value) and "内容が改ざん" in str(excinfo.value)


def test_a_deleted_row_is_reported_at_the_next_entry(log):
    behind_the_apps_back("DELETE FROM cases_auditentry WHERE id = %s", [log[1].pk])
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log")
    assert f"ID {log[2].pk}" in str(excinfo.value) and "削除" in str(excinfo.value)


def test_a_deleted_tail_is_caught_against_the_recorded_head(log, capsys):
    call_command("verify_audit_log")
    head = capsys.readouterr().out.split("先頭ハッシュ: ", 1)[1].split()[0]
    behind_the_apps_back("DELETE FROM cases_auditentry WHERE id >= %s", [log[3].pk])
    call_command("verify_audit_log")  # the shortened chain is still internally consistent …
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log", expect_head=head)  # … but not against the head noted before
    assert "末尾" in str(excinfo.value)


def test_a_rehashed_forgery_still_breaks_the_following_link(log):
    from cases.security.audit import audit_entry_digest

    forged = AuditEntry.objects.get(pk=log[2].pk)
    forged.purpose = "改ざん"
    new_hash = audit_entry_digest(forged)
    behind_the_apps_back(
        "UPDATE cases_auditentry SET purpose = %s, entry_hash = %s WHERE id = %s",
        ["改ざん", new_hash, log[2].pk],
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log")
    assert f"ID {log[3].pk}" in str(excinfo.value)


@pytest.mark.parametrize("head", ["deadbeef", "z" * 64, "0" * 63, "0" * 65, " ", ""])
def test_a_malformed_expected_head_is_bad_usage_with_exit_code_2_not_tampering(log, head):
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log", expect_head=head)
    assert excinfo.value.returncode == 2
    assert "64桁の16進数" in str(excinfo.value) and "改ざん" not in str(excinfo.value)


def test_tampering_and_bad_usage_exit_with_different_codes(log, capsys, monkeypatch):
    """From the command line: 1 for a broken log, 2 for what the operator typed, as `--help` says."""
    from cases.management.commands.verify_audit_log import Command

    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as bad_usage:
        Command().run_from_argv(["manage.py", "verify_audit_log", "--expect-head", "deadbeef"])
    assert bad_usage.value.code == 2
    assert "--expect-head" in capsys.readouterr().err
    behind_the_apps_back("UPDATE cases_auditentry SET purpose = %s WHERE id = %s", ["改ざん", log[2].pk])
    with pytest.raises(SystemExit) as tampered:
        Command().run_from_argv(["manage.py", "verify_audit_log"])
    assert tampered.value.code == 1
    assert "改ざんを検出しました" in capsys.readouterr().err
    assert (
        "終了コード: 0 正常、1 改ざん・欠落を検出、2 指定の誤り" in Command().help
        and "3 記録が使う鍵" in Command().help
    )


def test_an_expected_head_in_capitals_or_with_spaces_is_the_same_head(log, capsys):
    call_command("verify_audit_log")
    head = capsys.readouterr().out.split("先頭ハッシュ: ", 1)[1].split()[0]
    call_command("verify_audit_log", expect_head=f" {head.upper()}\n")
    assert "正常: 5 件" in capsys.readouterr().out


def test_a_key_missing_from_the_settings_is_said_as_such_with_its_own_exit_code(log, settings):
    """A key left out of NENKIN_AUDIT_KEYS (a rotation half done, a copied .env) was reported as
    「改ざんを検出しました」 with exit 1, sending the operator after an intruder for a settings slip; it is
    said as what it is, with exit 3 — while naming the other possibility (a rewritten key id)."""
    settings.AUDIT_KEYS = {"other": b"k" * 32}
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log")
    said = str(excinfo.value)
    assert excinfo.value.returncode == 3
    assert said.startswith("検証できません: ") and "NENKIN_AUDIT_KEYS" in said and "改ざんを検出" not in said
    assert f"ID {log[0].pk}" in said and "鍵IDが書き換えられた" in said
