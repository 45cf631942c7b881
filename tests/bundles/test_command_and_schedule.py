"""`manage.py dispatch_weekly` and the Friday 15:00 beat entry."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from cases.submission.models import SubmissionBundle
from tasks.beat import periodic_tasks_sync
from tasks.bundles import bundle_build_weekly
from tasks.celery import app
from tasks.schedules import SCHEDULES

pytestmark = pytest.mark.django_db


def test_dispatch_weekly_builds_the_bundle_of_a_date_and_prints_it(make_ready, supervisor, capsys):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    cutoff = timezone.make_aware(dt.datetime.combine(yesterday, dt.time(15, 0)))
    make_ready(2, approved_at=cutoff - dt.timedelta(hours=2))
    make_ready(1, approved_at=cutoff + dt.timedelta(minutes=1))  # waits for the next bundle

    call_command("dispatch_weekly", "--date", yesterday.isoformat(), "--user", supervisor.username)
    out = capsys.readouterr().out
    bundle = SubmissionBundle.objects.get()
    assert bundle.cutoff_at == cutoff and bundle.number == f"S{yesterday:%Y%m%d}-1500"
    assert f"送付番号: {bundle.number} (作成中)" in out
    assert "案件数: 2" in out and "11 国民年金保険料免除・納付猶予申請書: 2" in out
    assert "ZIPの作成: 2/2" in out and f"ZIP SHA-256: {bundle.archive_sha256}" in out


def test_dispatch_weekly_refuses_a_bad_or_future_date(supervisor):
    with pytest.raises(CommandError, match="YYYY-MM-DD 形式の日付ではありません"):
        call_command("dispatch_weekly", "--date", "2026/03/06", "--user", supervisor.username)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(CommandError, match="まだ来ていません"):
        call_command("dispatch_weekly", "--date", tomorrow.isoformat(), "--user", supervisor.username)
    assert not SubmissionBundle.objects.exists()


def test_dispatch_weekly_defaults_to_the_most_recent_weekly_cut_off(make_ready, supervisor, capsys):
    from cases.submission.bundle_common import week_cutoff_day
    from cases.submission.bundles import weekly_cutoff

    make_ready(1, approved_at=weekly_cutoff() - dt.timedelta(hours=1))
    call_command("dispatch_weekly", "--user", supervisor.username)
    bundle = SubmissionBundle.objects.get()
    local = timezone.localtime(bundle.cutoff_at)
    assert local.date() == week_cutoff_day(local.date()) and local.time() == dt.time(15, 0)
    assert timezone.now() - dt.timedelta(days=7) < bundle.cutoff_at <= timezone.now()


def test_the_weekday_schedule_is_in_the_database_scheduler_and_runs_the_build(make_ready):
    """15:00 every weekday: the job itself builds on the week's cut-off day (a Thursday before a closed
    Friday: tests/bundles/test_closed_fridays.py)."""
    (schedule,) = [s for s in SCHEDULES if s.task == "bundles.build_weekly"]
    assert schedule.crontab == "0 15 * * 1-5"
    app.loader.import_default_modules()
    assert schedule.task in app.tasks
    periodic_tasks_sync()
    row = PeriodicTask.objects.get(name=schedule.name)
    crontab = row.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("0", "15", "1-5")
    assert crontab.timezone.key == "Asia/Tokyo" and row.enabled

    (case,) = make_ready(1)
    number = bundle_build_weekly.apply(args=[timezone.now().isoformat()]).get()
    assert SubmissionBundle.objects.get(number=number).items.get().case == case
