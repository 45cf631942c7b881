"""`moments_shown` (cases/common/date_display.py): a page's many moments worded as `date_show` words each
one, the zone read once and each day worded once (issue 15: the queue's 50 creation times)."""

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.common.date_display import date_show, moments_shown

# Hypothesis takes naive bounds and puts the zones on; moments stored in UTC, or in another zone.
ZONES = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=9)), dt.timezone(dt.timedelta(hours=-5))])
MOMENTS = st.datetimes(
    min_value=dt.datetime(1989, 1, 1),  # noqa: DTZ001
    max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=ZONES,
)


@pytest.mark.parametrize("language", ["ja", "en"])
@settings(max_examples=300, deadline=None)
@given(moments=st.lists(MOMENTS, min_size=1, max_size=20))
def test_each_moment_reads_as_date_show_reads_it(language, moments):
    with translation.override(language):
        show = moments_shown()
        assert [show(moment) for moment in moments] == [date_show(moment) for moment in moments]


def test_across_midnight_in_japan():
    """15:00 UTC is 00:00 of the next day in 日本標準時: the day and the time are the local ones."""
    with translation.override("ja"):
        show = moments_shown()
        assert show(dt.datetime(2026, 3, 31, 15, 0, tzinfo=dt.UTC)) == "令和8年4月1日 00:00"
        assert show(dt.datetime(2019, 4, 30, 14, 59, tzinfo=dt.UTC)) == date_show(
            dt.datetime(2019, 4, 30, 14, 59, tzinfo=dt.UTC)
        )
