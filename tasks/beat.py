"""Writes tasks.schedules.SCHEDULES into django-celery-beat's database scheduler."""

from django.conf import settings
from django.db import transaction

from tasks.schedules import SCHEDULES


@transaction.atomic
def periodic_tasks_sync(*, reset: bool = False) -> list[str]:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = []
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
        if reset:
            PeriodicTask.objects.update_or_create(name=schedule.name, defaults=defaults)
        else:
            _, was_created = PeriodicTask.objects.get_or_create(name=schedule.name, defaults=defaults)
            if was_created:
                created.append(schedule.name)
    return created
