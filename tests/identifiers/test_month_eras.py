"""The month box at the eras' edges (cases/common/fields.py MonthField): a month is in an era when one of its
days is, and a month that cannot be says why, as the date box does for its days (the left item of the fifth
session: 「令和元年4月」 got only 「年月として読み取れません」). An old era's month after the 改元 is read in the
next era with the note the date box gives (A13, decision 41)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.common.fields import MonthField
from tests.i18n.pending import english_pending
from tests.identifiers.test_impossible_dates import ERA_OUTSIDE


def refusal(typed: str) -> str:
    field = MonthField()
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert field.era_note == ""
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "outside", "began"),
    [
        ("令和元年1月", "令和元年1月 は令和の期間外です", "令和は令和元年5月1日 (2019年5月1日) からです"),
        ("令和元年4月", "令和元年4月 は令和の期間外です", "令和は令和元年5月1日 (2019年5月1日) からです"),
        ("R1.4", "令和元年4月 は令和の期間外です", "令和は令和元年5月1日 (2019年5月1日) からです"),
        (
            "昭和元年11月",
            "昭和元年11月 は昭和の期間外です",
            "昭和は昭和元年12月25日 (1926年12月25日) からです",
        ),
        ("大正元年6月", "大正元年6月 は大正の期間外です", "大正は大正元年7月30日 (1912年7月30日) からです"),
    ],
)
def test_a_month_before_its_era_began_says_when_the_era_began(typed, outside, began):
    """The month refused is echoed with its first year as 元年, as the desk writes it (the QA walk read
    「令和1年4月 は令和の期間外です」 for 「令和元年4月」)."""
    with translation.override("ja"):
        message = refusal(typed)
    assert outside in message and began in message and "読み取れません" not in message


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("令和元年5月", dt.date(2019, 5, 1)),
        ("平成31年4月", dt.date(2019, 4, 1)),
        ("平成元年1月", dt.date(1989, 1, 1)),  # 平成 from 8 January: the month has days of 平成
        ("昭和64年1月", dt.date(1989, 1, 1)),  # 昭和 until 7 January
        ("昭和元年12月", dt.date(1926, 12, 1)),
        ("大正15年12月", dt.date(1926, 12, 1)),
        ("大正元年7月", dt.date(1912, 7, 1)),
        ("明治45年7月", dt.date(1912, 7, 1)),
    ],
)
def test_a_month_with_a_day_in_its_era_is_read_without_a_note(typed, month):
    field = MonthField()
    assert field.clean(typed) == month and field.era_note == ""


@pytest.mark.parametrize(
    ("typed", "month", "read_as"),
    [
        ("平成31年5月", dt.date(2019, 5, 1), "令和元年5月"),
        ("平成31年12月", dt.date(2019, 12, 1), "令和元年12月"),
        ("H31.8", dt.date(2019, 8, 1), "令和元年8月"),
        ("昭和64年2月", dt.date(1989, 2, 1), "平成元年2月"),
        ("大正16年1月", dt.date(1927, 1, 1), "昭和2年1月"),
        ("明治45年8月", dt.date(1912, 8, 1), "大正元年8月"),
        ("平成36年12月", dt.date(2024, 12, 1), "令和6年12月"),  # the last year read (A13)
    ],
)
def test_a13_an_old_era_month_after_the_改元_is_read_in_the_next_era_with_the_note(typed, month, read_as):
    field = MonthField()
    with translation.override("ja"):
        assert field.clean(typed) == month
        assert field.era_note == f"「{typed}」は改元後の年月のため {read_as} として受け付けました。"


def test_a13_the_month_note_writes_the_month_as_an_english_screen_writes_months():
    field = MonthField()
    with translation.override("en"):
        field.clean("平成31年5月")
        assert "2019-05 (R1)" in field.era_note


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("平成37年1月", "平成36年 (令和6年) まで"),
        ("H40.4", "平成36年 (令和6年) まで"),
        ("昭和70年1月", "昭和69年 (平成6年) まで"),
    ],
)
def test_a13_an_old_era_month_beyond_five_years_after_its_end_is_refused_with_the_reason(typed, reason):
    message = refusal(typed)
    assert reason in message and "期間外" in message and "読み取れません" not in message


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("令和0年5月", "和暦の年は1 (元年) 以上です"),
        ("R0.7", "和暦の年は1 (元年) 以上です"),
        ("令和8年13月", "令和8年13月 は存在しない年月です"),
        ("R8.13", "令和8年13月 は存在しない年月です"),
        ("令和8年0月", "令和8年0月 は存在しない年月です"),
    ],
)
def test_a_wareki_month_that_cannot_be_says_why(typed, reason):
    message = refusal(typed)
    assert reason in message and "読み取れません" not in message


@pytest.mark.parametrize(
    "typed", ["2026-13", "2026/13", "2026.13", "202613", "2026年13月", "２０２６－１３", "2026-00"]
)
def test_a_seireki_month_that_cannot_be_says_so_as_the_wareki_one_does(typed):
    """「令和8年13月 は存在しない年月です」 but 「「2026-13」は年月として読み取れません」 for the same month 13
    typed in 西暦 (QA walk): both say the month does not exist, naming it."""
    month = "0" if typed.endswith("00") else "13"
    with translation.override("ja"):
        message = refusal(typed)
    assert f"2026年{month}月 は存在しない年月です" in message and "読み取れません" not in message


def test_a_seireki_month_that_cannot_be_is_said_on_an_english_screen_too():
    with translation.override("en"):
        message = refusal("2026-13")
    assert "13" in message and "is not a month that can be read" not in message


def test_an_era_year_one_is_echoed_as_元年_by_the_date_box_too_and_in_figures_in_english(monkeypatch):
    """The date box and the month box echo 令和元年4月30日 / 令和元年4月 alike; English keeps the figure."""
    from cases.common.fields import WarekiDateField

    with translation.override("ja"):
        date_field = WarekiDateField()
        with pytest.raises(ValidationError) as refused:
            date_field.clean("R1.4.30")
        assert "令和元年4月30日 は令和の期間外です" in refused.value.messages[0]
        assert "令和元年4月 は令和の期間外です" in refusal("令和元年4月")
    english = english_pending(monkeypatch, ERA_OUTSIDE[1])[ERA_OUTSIDE[1]]
    with translation.override("en"):
        said = refusal("令和元年4月")
    assert said.startswith(english % {"era": "Reiwa", "year": "1", "month_name": "April"})


@pytest.mark.parametrize("typed", ["令和8年", "abc", "令和8年7月3", "2026.7.40"])
def test_text_that_is_no_month_keeps_the_example_message(typed):
    assert "年月として読み取れません (例: 令和8年7月 / 2026-07)" in refusal(typed)


def test_a_month_outside_the_desks_years_keeps_the_range_message():
    assert "1900年〜2099年の年月" in refusal("明治32年12月")


def test_a13_the_exemption_request_keeps_an_old_era_month_note_for_the_timeline():
    """The timeline's 受付 notes carried the date boxes' old-era notes only; a month box read 平成31年5月 as
    令和元年5月 silently."""
    from workflows.forms.exemption import ExemptionRequestForm

    form = ExemptionRequestForm(
        data={"kind_1": "full", "period_start": "平成31年5月", "period_end": "令和2年6月"}
    )
    assert form.is_valid(), form.errors
    assert [str(note) for note in form.era_notes()] == [
        "対象期間 (開始月): 「平成31年5月」は改元後の年月のため 令和元年5月 として受け付けました。"
    ]


def test_the_two_sentences_of_an_era_refusal_are_apart_in_english(monkeypatch):
    """「…の期間外です。」 and 「…からです。」 run together in Japanese; English needs the space between them (the
    QA walk read "outside the 令和 era.The 令和 era began")."""
    english = english_pending(monkeypatch, *ERA_OUTSIDE)
    with translation.override("en"):
        message = refusal("令和元年4月")
    outside = english[ERA_OUTSIDE[1]] % {"era": "Reiwa", "year": "1", "month_name": "April"}
    began = english[ERA_OUTSIDE[2]] % {
        "era": "Reiwa",
        "era_year": "1",
        "month_name": "May",
        "day": 1,
        "year": 2019,
    }
    assert message == f"{outside} {began}"
    with translation.override("ja"):
        assert "期間外です。令和は" in refusal("令和元年4月")


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("令和8年7月15日", dt.date(2026, 7, 1)),
        ("R8.7.15", dt.date(2026, 7, 1)),
        ("平成元年1月8日", dt.date(1989, 1, 1)),
    ],
)
def test_a_wareki_date_in_a_month_box_is_read_as_its_month_as_a_seireki_date_is(typed, month):
    """QA walk (eighth session): 2026-07-15 in a month box was its month, 令和8年7月15日 「年月として読み取れません」."""
    assert MonthField().clean(typed) == month


def test_a_wareki_date_that_cannot_be_in_a_month_box_says_why():
    """令和8年13月1日 in a month box said only 「年月として読み取れません」; it says the month cannot be, as the date
    box says it."""
    with translation.override("ja"), pytest.raises(ValidationError) as raised:
        MonthField().clean("令和8年13月1日")
    assert raised.value.messages == ["令和8年13月 は存在しない年月です。月は1〜12です。"]


def test_a_whole_wareki_date_with_no_such_day_in_a_month_box_says_why():
    """R8.7.40 is a date written whole: its reason is the date box's (no 40th day), not 「年月として読み取れません」."""
    assert refusal("R8.7.40").startswith("令和8年7月40日 は存在しない日付です。")
