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
