import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cases.common.identifiers.eras import from_kiko_code, from_wareki, to_kiko_code, to_wareki
from cases.common.identifiers.wareki import age_on, age_reached_on, format_wareki, parse_wareki


@pytest.mark.parametrize(
    "iso, text",
    [
        ("1989-01-07", "昭和64年1月7日"),
        ("1989-01-08", "平成元年1月8日"),
        ("2019-04-30", "平成31年4月30日"),
        ("2019-05-01", "令和元年5月1日"),
        ("1926-12-25", "昭和元年12月25日"),
        ("1926-12-24", "大正15年12月24日"),
        ("1912-07-30", "大正元年7月30日"),
        ("1988-05-03", "昭和63年5月3日"),
        ("2026-11-26", "令和8年11月26日"),
    ],
)
def test_era_boundaries_both_ways(iso, text):
    day = dt.date.fromisoformat(iso)
    assert format_wareki(day) == text
    assert parse_wareki(text) == day


@pytest.mark.parametrize(
    "era, year, month, day", [("昭和", 64, 1, 8), ("平成", 31, 5, 1), ("平成", 1, 1, 7), ("令和", 1, 4, 30)]
)
def test_dates_outside_their_era_are_rejected(era, year, month, day):
    with pytest.raises(ValidationError) as excinfo:
        from_wareki(era, year, month, day)
    assert "期間外" in excinfo.value.messages[0]


def test_impossible_date_is_rejected_in_japanese():
    with pytest.raises(ValidationError) as excinfo:
        parse_wareki("令和5年2月30日")
    assert "存在しない日付" in excinfo.value.messages[0]


def test_short_forms_and_full_width_digits():
    assert parse_wareki("S63.5.3") == dt.date(1988, 5, 3)
    assert parse_wareki("Ｈ元．１．８") == dt.date(1989, 1, 8)
    assert parse_wareki("令和元年５月１日") == dt.date(2019, 5, 1)


def test_kiko_era_codes():
    assert to_kiko_code(dt.date(1988, 5, 3)) == "5-630503"
    assert to_kiko_code(dt.date(2019, 5, 1)) == "9-010501"
    assert to_kiko_code(dt.date(1989, 1, 8)) == "7-010108"
    assert to_kiko_code(dt.date(1920, 2, 1), separator="") == "3090201"
    assert from_kiko_code("5-630503") == dt.date(1988, 5, 3)
    assert from_kiko_code("9010501") == dt.date(2019, 5, 1)
    with pytest.raises(ValidationError):
        from_kiko_code("5-640108")  # 昭和64年1月8日 does not exist
    with pytest.raises(ValidationError):
        from_kiko_code("4-630503")  # 4 is not an era code


def test_age_is_reached_on_the_day_before_the_birthday():
    assert age_reached_on(dt.date(2006, 2, 2), 20) == dt.date(2026, 2, 1)
    assert age_reached_on(dt.date(2006, 4, 1), 20) == dt.date(2026, 3, 31)
    # born 29 February: the age is reached on 28 February in common and leap years alike
    assert age_reached_on(dt.date(2004, 2, 29), 20) == dt.date(2024, 2, 28)
    assert age_reached_on(dt.date(2004, 2, 29), 21) == dt.date(2025, 2, 28)
    assert age_on(dt.date(2006, 2, 2), dt.date(2026, 2, 1)) == 20
    assert age_on(dt.date(2006, 2, 2), dt.date(2026, 1, 31)) == 19


dates = st.dates(min_value=dt.date(1868, 10, 23), max_value=dt.date(2200, 12, 31))


@given(dates)
def test_wareki_text_round_trip(day):
    assert parse_wareki(format_wareki(day)) == day


@given(dates)
def test_wareki_parts_round_trip(day):
    w = to_wareki(day)
    assert from_wareki(w.era.name, w.year, w.month, w.day) == day


@given(st.dates(min_value=dt.date(1868, 10, 23), max_value=dt.date(2087, 12, 31)))
def test_kiko_code_round_trip(day):
    assert from_kiko_code(to_kiko_code(day)) == day


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(1, 100))
def test_age_steps_up_exactly_on_the_reached_date(birth, age):
    reached = age_reached_on(birth, age)
    assert age_on(birth, reached) == age
    assert age_on(birth, reached - dt.timedelta(days=1)) == age - 1


@pytest.mark.parametrize(
    "typed",
    ["2026-07", "202607", "2026年7月", "令和8年7月", "R8.7", "r8/7", "２０２６－０７", "2026/07"],
)
def test_a_month_is_read_as_clerks_type_it(typed):
    """The month fields were the browser's month picker: 202607 went into its year, 和暦 was impossible
    (the clerk's-day test of 2026-12-06). A text box now reads each spelling."""
    import datetime as dt

    from cases.common.fields import MonthField

    assert MonthField().clean(typed) == dt.date(2026, 7, 1)


def test_a_month_reads_back_in_the_screens_language_and_refuses_nonsense():
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import translation

    from cases.common.fields import MonthField

    field = MonthField()
    with translation.override("ja"):
        assert field.prepare_value(dt.date(2026, 7, 1)) == "令和8年7月"
        assert field.clean(field.prepare_value(dt.date(2019, 4, 1))) == dt.date(2019, 4, 1)
    with translation.override("en"):
        assert field.prepare_value(dt.date(2026, 7, 1)) == "2026-07"
    for nonsense in ("2026-13", "令和8年13月", "abc", "R8.7.40"):
        with pytest.raises(ValidationError):
            field.clean(nonsense)
