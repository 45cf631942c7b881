"""Writes tasks.schedules.SCHEDULES into django-celery-beat's database scheduler."""

from django.conf import settings
from django.db import transaction

from tasks.schedules import SCHEDULES


@transaction.atomic
def periodic_tasks_sync(*, reset: bool = False) -> list[str]:
    """The names of the rows written: those added and, with `reset`, those put back to their default
    (a row already at its default is left alone and not named, so the operator sees what changed)."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    written = []
    for schedule in SCHEDULES:
        minute, hour, day_of_month, month_of_year, day_of_week = schedule.crontab.split()
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=day_of_month,
            month_of_year=month_of_year,
            day_of_week=day_of_week,
            timezone=settings.TIME_ZONE,
        )
        defaults = {
            "task": schedule.task,
            "crontab": crontab,
            "description": schedule.description,
            "enabled": True,
        }
        row, was_created = PeriodicTask.objects.get_or_create(name=schedule.name, defaults=defaults)
        if was_created:
            written.append(schedule.name)
        elif reset and any(getattr(row, field) != value for field, value in defaults.items()):
            for field, value in defaults.items():
                setattr(row, field, value)
            row.save()
            written.append(schedule.name)
    return written
