"""Commands that change data run in the name of a user holding the matching screen's permission."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from cases.management.base import ActorCommand
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.users import User
from cases.submission.models import SubmissionBundle
from tasks.schedules import SCHEDULES
from tests.security.dbstate import changed_tables, db_state

pytestmark = pytest.mark.django_db

OUR_APPS = {"cases", "workflows", "documents", "tasks"}
# Commands that only read (or print), and seed_demo, which refuses production settings instead.
NOT_ACTOR = {
    "verify_audit_log",
    "screen_exemption",
    "pension_rules",
    "access_matrix",
    "pia_items",
    "seed_demo",
}
EXPECTED_PERMISSIONS = {
    "import_residents": "cases.import_records",
    "import_income": "cases.import_records",
    "import_results": "cases.import_results",
    "dispatch_weekly": "cases.seal_bundle",
    "purge_expired": "django_celery_beat.change_periodictask",
    "setup_periodic_tasks": "django_celery_beat.change_periodictask",
    "sync_roles": "cases.change_user",
    "rotate_mynumber_key": "cases.change_user",
    "reset_admin_credentials": "cases.change_user",
}


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """run_from_argv closes every connection when it ends, which would end the test transaction."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def test_every_command_of_ours_that_writes_asks_for_a_user():
    ours = {name: app for name, app in get_commands().items() if app in OUR_APPS}
    actors = {}
    for name, app in ours.items():
        command = load_command_class(app, name)
        if name in NOT_ACTOR:
            assert not isinstance(command, ActorCommand), name
            continue
        assert isinstance(command, ActorCommand), (
            f"manage.py {name} はデータを変更しますか? 変更するなら cases.management.base.ActorCommand を"
            "継承して権限を指定し、読むだけなら NOT_ACTOR に加えてください"
        )
        actors[name] = command.permission
    assert actors == EXPECTED_PERMISSIONS


def test_every_argument_of_our_commands_says_what_it_is_for():
    """`manage.py <command> --help` is the operator's manual at the server: an argument without help
    shows only its name (seed_demo's --batch-size did)."""
    ours = {name: app for name, app in get_commands().items() if app in OUR_APPS}
    assert {"seed_demo", "pension_rules", "verify_audit_log", "import_income"} <= set(ours)
    missing = []
    for name, app in sorted(ours.items()):
        parser = load_command_class(app, name).create_parser("manage.py", name)
        for action in parser._actions:
            if not (action.help or "").strip():
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert missing == [], "help= のない引数があります"


@pytest.mark.parametrize("name", sorted(EXPECTED_PERMISSIONS))
def test_without_a_user_the_command_stops_in_japanese_with_exit_code_1(name, tmp_path, capsys):
    argv = ["manage.py", name]
    if name.startswith("import_"):
        argv.append(str(tmp_path / "none.csv"))
    if name == "reset_admin_credentials":
        argv += ["admin2", "--password"]
    command = load_command_class(get_commands()[name], name)
    before = db_state()
    with pytest.raises(SystemExit) as excinfo:
        command.run_from_argv(argv)
    assert excinfo.value.code == 1
    err = capsys.readouterr().err
    assert "--user で実行者のユーザーIDを指定してください" in err and EXPECTED_PERMISSIONS[name] in err
    assert changed_tables(before, db_state()) == []
    refused = AuditEntry.objects.get(action=AuditAction.DENIED, target=f"command:{name}")
    assert refused.detail == {"reason": "no_user", "permission": EXPECTED_PERMISSIONS[name]}


def test_a_user_without_the_right_changes_nothing(clerk, operator, supervisor, admin_user):
    before = db_state()
    refusals = [
        ("sync_roles", clerk),
        ("setup_periodic_tasks", supervisor),
        ("purge_expired", clerk),
        ("dispatch_weekly", clerk),
        ("dispatch_weekly", admin_user),
        ("rotate_mynumber_key", supervisor),
    ]
    for name, user in refusals:
        with pytest.raises(CommandError, match=f"ユーザーID {user.username} には、この処理の権限"):
            call_command(name, "--user", user.username)
    with pytest.raises(CommandError, match="この処理の権限"):
        call_command("import_results", "/nonexistent.csv", "--user", operator.username)
    assert changed_tables(before, db_state()) == []
    denied = AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="no_permission")
    assert denied.count() == len(refusals) + 1
    assert set(denied.values_list("actor_username", flat=True)) == {"clerk1", "operator1", "super1", "admin1"}


def test_an_unknown_or_inactive_user_is_refused(admin_user):
    with pytest.raises(CommandError, match="職員が見つかりません: ghost"):
        call_command("sync_roles", "--user", "ghost")
    User.objects.filter(pk=admin_user.pk).update(is_active=False)
    with pytest.raises(CommandError, match="利用停止されているため"):
        call_command("sync_roles", "--user", admin_user.username)


def test_the_run_is_logged_with_the_user_as_actor(admin_user, supervisor, capsys):
    call_command("sync_roles", "--user", admin_user.username)
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, target="command:sync_roles")
    assert entry.actor_id == admin_user.pk and entry.actor_username == "admin1"
    assert entry.detail["outcome"] == "ok" and entry.purpose == "役割と権限の同期"

    PeriodicTask.objects.filter(name=SCHEDULES[0].name).update(enabled=False)
    call_command("setup_periodic_tasks", "--reset", "--user", admin_user.username)
    assert PeriodicTask.objects.get(name=SCHEDULES[0].name).enabled is True
    entry = AuditEntry.objects.get(target="command:setup_periodic_tasks")
    assert entry.actor_id == admin_user.pk and entry.detail["reset"] is True

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    call_command("dispatch_weekly", "--date", yesterday.isoformat(), "--user", supervisor.username)
    # Nothing was approved, so no bundle is made (issue #13); the run is logged all the same.
    assert not SubmissionBundle.objects.exists()
    entry = AuditEntry.objects.get(target="command:dispatch_weekly")
    assert (
        entry.actor_id == supervisor.pk and entry.detail["outcome"] == "ok" and entry.detail["bundle"] is None
    )


def test_a_failed_run_is_logged_as_such(supervisor):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(CommandError, match="まだ来ていません"):
        call_command("dispatch_weekly", "--date", tomorrow.isoformat(), "--user", supervisor.username)
    entry = AuditEntry.objects.get(target="command:dispatch_weekly")
    assert entry.actor_id == supervisor.pk and entry.detail["outcome"] == "error"


def test_import_results_refuses_a_file_with_confirm(supervisor, tmp_path, capsys):
    """The file was silently ignored and the upload confirmed; now neither happens."""
    path = tmp_path / "results.csv"
    path.write_text("x\n", encoding="utf-8")
    argv = ["manage.py", "import_results", str(path), "--confirm", "3", "--user", supervisor.username]
    before = db_state()
    with pytest.raises(SystemExit) as excinfo:
        load_command_class("cases", "import_results").run_from_argv(argv)
    assert excinfo.value.code == 1
    assert "CSV ファイル・--confirm・--reject・--recheck は同時に指定できません" in capsys.readouterr().err
    assert changed_tables(before, db_state()) == []
    entry = AuditEntry.objects.get(target="command:import_results")
    assert entry.detail["outcome"] == "error"
