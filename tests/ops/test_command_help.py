"""What `manage.py <command> --help` tells the operator agrees with what the system does
(docs/operations.md is walked with these commands)."""

from cases.management.commands.dispatch_weekly import Command as DispatchWeekly
from cases.management.commands.rotate_mynumber_key import Command as RotateKey
from cases.security.sealed_stores import KINDS
from tasks.schedules import SCHEDULES


def test_dispatch_weekly_names_the_beat_schedule_it_stands_in_for():
    (weekly,) = [schedule for schedule in SCHEDULES if schedule.task == "bundles.build_weekly"]
    minute, hour, _day, _month, day_of_week = weekly.crontab.split()
    assert (minute, hour, day_of_week) == ("0", "15", "1-5")
    # Beat runs it every weekday at 15:00 and it builds only on the cut-off day, not "Friday 15:00".
    assert "平日15:00" in DispatchWeekly.help and "金曜15:00と同じ" not in DispatchWeekly.help


def test_rotate_mynumber_key_names_everything_it_reseals():
    for kind in KINDS:
        assert kind in RotateKey.help, kind
