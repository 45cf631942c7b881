"""Dotted 西暦 dates and months (the counter walk, finding 4): 「2026.12.6」 was refused while 「R8.12.6」
was read; and an era's first days say when the era began."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.common.fields import MonthField, WarekiDateField


def refusal(field, typed: str) -> str:
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("2026.12.6", dt.date(2026, 12, 6)),
        ("1990.4.2", dt.date(1990, 4, 2)),
        ("2026.04.03", dt.date(2026, 4, 3)),
        ("２０２６．１２．６", dt.date(2026, 12, 6)),
        ("R8.12.6", dt.date(2026, 12, 6)),
        ("令和8.12.6", dt.date(2026, 12, 6)),
        ("2026年12月6日", dt.date(2026, 12, 6)),
    ],
)
def test_a_dotted_western_date_is_read(typed, date):
    assert WarekiDateField().clean(typed) == date


@pytest.mark.parametrize(
    ("typed", "month"), [("2010.4", dt.date(2010, 4, 1)), ("2026.07", dt.date(2026, 7, 1))]
)
def test_a_dotted_western_month_is_read(typed, month):
    assert MonthField().clean(typed) == month
    assert MonthField().clean("2026年7月") == dt.date(2026, 7, 1)


def test_dotted_dates_keep_the_range_checks():
    assert "1900年〜2099年の日付" in refusal(WarekiDateField(), "1899.12.31")
    assert "1900年〜2099年の年月" in refusal(MonthField(), "2100.1")
    assert "2026年2月30日 は存在しない日付です" in refusal(WarekiDateField(), "2026.2.30")
    assert "2026年13月 は存在しない年月です" in refusal(MonthField(), "2026.13")  # as 令和8年13月 is


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("R1.4.30", "令和は令和元年5月1日 (2019年5月1日) からです"),
        ("令和元年4月30日", "令和は令和元年5月1日 (2019年5月1日) からです"),
        ("平成元年1月7日", "平成は平成元年1月8日 (1989年1月8日) からです"),
    ],
)
def test_a_date_before_its_era_began_says_when_the_era_began(typed, reason):
    message = refusal(WarekiDateField(), typed)
    assert "期間外" in message and reason in message
