import pytest
from django_celery_beat.models import PeriodicTask

from tasks.beat import periodic_tasks_sync
from tasks.celery import app
from tasks.schedules import SCHEDULES

pytestmark = pytest.mark.django_db


def test_every_schedule_names_a_registered_task():
    app.loader.import_default_modules()
    for schedule in SCHEDULES:
        assert schedule.task in app.tasks, schedule.task


def test_schedules_are_created_and_an_admin_edit_survives_a_redeploy():
    periodic_tasks_sync()
    row = PeriodicTask.objects.get(name=SCHEDULES[0].name)
    assert row.crontab.timezone.key == "Asia/Tokyo"
    row.enabled = False
    row.save()
    periodic_tasks_sync()
    assert PeriodicTask.objects.get(name=SCHEDULES[0].name).enabled is False
    periodic_tasks_sync(reset=True)
    assert PeriodicTask.objects.get(name=SCHEDULES[0].name).enabled is True


def test_reset_says_which_schedules_it_put_back(admin_user, capsys):
    """docs/operations.md tells the operator to reset the schedules (a weekly bundle still on its pre-2026-12
    Friday row): the command must say what it put back, not "nothing added" as if it had done nothing."""
    from django.core.management import call_command

    periodic_tasks_sync()
    capsys.readouterr()
    PeriodicTask.objects.filter(name=SCHEDULES[0].name).update(enabled=False)
    call_command("setup_periodic_tasks", "--reset", "--user", admin_user.username)
    said = capsys.readouterr().out
    assert "既定値に戻しました" in said and SCHEDULES[0].name in said and SCHEDULES[1].name not in said
    assert "追加なし" not in said

    call_command("setup_periodic_tasks", "--reset", "--user", admin_user.username)
    said = capsys.readouterr().out
    assert "既定値に戻しました: なし" in said and SCHEDULES[0].name not in said
