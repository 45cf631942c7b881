"""The date and month boxes (cases/common/fields.py) as a clerk types into them: what they read, and
the message they give when they cannot (the tester's walk of 2026-12-06, findings 1–4 and 8)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.common.fields import MonthField, WarekiDateField


def refusal(field, typed: str) -> str:
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("令和0年1月1日", "和暦の年は1 (元年) 以上です"),
        ("R0.5.1", "和暦の年は1 (元年) 以上です"),
        ("令和8年2月30日", "令和8年2月30日 は存在しない日付です"),
        ("平成元年1月7日", "平成元年1月7日 は平成の期間外です"),
        ("令和元年4月30日", "令和元年4月30日 は令和の期間外です"),
    ],
)
def test_a_wareki_date_that_cannot_be_says_why_not_that_it_is_not_a_date(typed, reason):
    """Finding 1: 「令和8年2月30日」 was refused as 「日付として読み取れません (例: …)」, as if it were not a
    date at all; the 和暦 reader's own reason (no 30 February, before the era began) is what helps."""
    message = refusal(WarekiDateField(), typed)
    assert reason in message and "読み取れません" not in message


def test_a_wareki_date_that_cannot_be_says_why_on_an_english_screen_too(monkeypatch):
    from tests.i18n.pending import english_pending
    from tests.identifiers.test_impossible_dates import ERA_DAY

    english_pending(monkeypatch, ERA_DAY)  # the day's reason, in English once the lead translates it
    with translation.override("en"):
        message = refusal(WarekiDateField(), "令和8年2月30日")
    assert "February" in message and "could not be read" not in message


@pytest.mark.parametrize("typed", ["abc", "令和8年", "2026-02-30x", "8年2月3日"])
def test_text_that_is_not_a_date_keeps_the_example_message(typed):
    assert "日付として読み取れません (例: 令和8年11月26日 / 2026-11-26)" in refusal(WarekiDateField(), typed)


@pytest.mark.parametrize(
    "typed", ["2026年4月3日", "２０２６年４月３日", "2026年04月03日", "2026/4/3", "20260403"]
)
def test_a_western_year_with_年月日_is_a_date_as_2026年4月_is_a_month(typed):
    """Finding 4: the month box read 「2026年4月」 while the date box refused 「2026年4月3日」."""
    assert WarekiDateField().clean(typed) == dt.date(2026, 4, 3)


def test_a_western_date_with_年月日_that_does_not_exist_is_refused():
    assert "2026年2月30日 は存在しない日付です" in refusal(WarekiDateField(), "2026年2月30日")
    assert MonthField().clean("2026年4月") == dt.date(2026, 4, 1)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2026-02-30", "2026年2月30日 は存在しない日付です"),
        ("2026/2/30", "2026年2月30日 は存在しない日付です"),
        ("2026.2.30", "2026年2月30日 は存在しない日付です"),
        ("20260230", "2026年2月30日 は存在しない日付です"),
        ("2026年2月30日", "2026年2月30日 は存在しない日付です"),
        ("２０２６年２月３０日", "2026年2月30日 は存在しない日付です"),
        ("2026-04-31", "2026年4月31日 は存在しない日付です"),
        ("2027-02-29", "2027年2月29日 は存在しない日付です"),
        ("2026-01-00", "2026年1月0日 は存在しない日付です"),
        ("2026-13-01", "2026年13月 は存在しない年月です"),
        ("2026.0.5", "2026年0月 は存在しない年月です"),
        ("20261301", "2026年13月 は存在しない年月です"),
    ],
)
def test_a_seireki_date_that_cannot_be_says_why_as_the_wareki_one_does(typed, reason):
    """「令和8年2月30日 は存在しない日付です」 but 「「2026.2.30」は日付として読み取れません (例: …)」 for the
    same day typed in 西暦, as if it were no date at all: both name the day (the month for 13月, as the
    month box says 「2026年13月 は存在しない年月です」)."""
    with translation.override("ja"):
        message = refusal(WarekiDateField(), typed)
    assert reason in message and "読み取れません" not in message


def test_a_seireki_date_that_cannot_be_says_why_on_an_english_screen_too():
    with translation.override("en"):
        message = refusal(WarekiDateField(), "2026-02-30")
    assert "30" in message and "could not be read" not in message


@pytest.mark.parametrize("typed", ["2026-2/30", "2026-02-300", "202602301", "2026年2月30", "0000-01-01"])
def test_seireki_like_text_of_another_shape_is_not_read_as_a_day_that_cannot_be(typed):
    assert "存在しない" not in refusal(WarekiDateField(), typed)


# Finding 2: the lenient reading of A13 (exemption-statute-audit.md; 機構's 2019 notice on forms printed
# before the 改元) had no end: 「平成99年1月1日」 became 2087-01-01 with the note 「受け付けました」.


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("平成31年5月1日", dt.date(2019, 5, 1)),
        ("平成36年12月31日", dt.date(2024, 12, 31)),  # the era's last year (平成31) + 5
        ("昭和69年12月31日", dt.date(1994, 12, 31)),
    ],
)
def test_a13_an_old_era_is_read_in_the_next_one_for_five_years_after_its_last_year(typed, date):
    field = WarekiDateField()
    assert field.clean(typed) == date and "改元後の日付" in field.era_note


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("平成37年1月1日", "平成36年 (令和6年) まで"),
        ("平成99年1月1日", "平成36年 (令和6年) まで"),
        ("H40.4.1", "平成36年 (令和6年) まで"),
        ("昭和70年1月1日", "昭和69年 (平成6年) まで"),
    ],
)
def test_a13_an_old_era_date_beyond_five_years_after_its_end_is_refused_with_the_reason(typed, reason):
    field = WarekiDateField()
    message = refusal(field, typed)
    assert reason in message and "期間外" in message and field.era_note == ""


# Finding 3: a month is in an era when any of its days is (平成 began on 8 January 1989).


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("平成元年1月", dt.date(1989, 1, 1)),
        ("H1.1", dt.date(1989, 1, 1)),
        ("昭和64年1月", dt.date(1989, 1, 1)),
        ("令和元年5月", dt.date(2019, 5, 1)),
        ("平成31年4月", dt.date(2019, 4, 1)),
        ("平成31年5月", dt.date(2019, 5, 1)),  # an old form after the 改元, as the day box reads it (A13)
    ],
)
def test_a_month_an_era_began_in_is_a_month_of_that_era(typed, month):
    assert MonthField().clean(typed) == month


@pytest.mark.parametrize("typed", ["令和元年4月", "昭和元年11月", "平成37年1月"])
def test_a_month_with_no_day_in_its_era_is_refused_as_the_day_box_refuses_its_days(typed):
    with pytest.raises(ValidationError):
        MonthField().clean(typed)
    with pytest.raises(ValidationError):
        WarekiDateField().clean(typed.replace("月", "月1日"))


def test_a13_the_era_note_writes_the_date_read_as_the_screens_language_writes_dates():
    """Finding 8: an English screen said "accepted as 令和2年1月1日"; its dates read 2020-01-01 (R2)."""
    field = WarekiDateField()
    with translation.override("en"):
        field.clean("平成32年1月1日")
        assert field.era_note == "“平成32年1月1日” is after the change of era; accepted as 2020-01-01 (R2)."
    with translation.override("ja"):
        assert field.era_note == "「平成32年1月1日」は改元後の日付のため 令和2年1月1日 として受け付けました。"
