"""The qualification tests compare the code's dates with ``TODAY``; it must be the day the test runs, not the
day the module was imported (a suite collected at 23:59 JST and run after midnight failed 16 tests)."""

import datetime as dt
import types

from django.utils import timezone

from tests.qualification.conftest import today_refresh

TODAY = dt.date(2000, 1, 1)  # as if imported long ago


def test_a_module_imported_yesterday_reads_todays_date_when_its_test_starts():
    assert timezone.localdate() == TODAY


def test_today_refresh_moves_a_stale_date_to_today():
    module = types.SimpleNamespace(TODAY=timezone.localdate() - dt.timedelta(days=1))
    today_refresh(module)
    assert timezone.localdate() == module.TODAY


def test_today_refresh_leaves_a_module_without_today_alone():
    module = types.SimpleNamespace()
    today_refresh(module)
    assert not hasattr(module, "TODAY")
