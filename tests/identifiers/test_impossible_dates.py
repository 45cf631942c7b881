"""A date or a month that cannot be, as the date and month boxes refuse it (cases/common/identifiers/
no_such_date.py): the reason names what is wrong — the month (13月, 0月: no such month, as the month box
said it while the date box said only 「存在しない日付」) or the day (the month's last day) — and an English
screen reads the date in English words, not 「令和 8/2/30 does not exist.」 (walks of 2026-12-06)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.common.fields import MonthField, WarekiDateField
from cases.common.identifiers.eras import from_wareki
from tests.i18n.pending import english_pending

# The messages as the code marks them (the English catalogue has them once the lead translates them).
ERA_MONTH = "%(era)s%(year)s年%(month)s月 は存在しない年月です。月は1〜12です。"
MONTH = "%(year)s年%(month)s月 は存在しない年月です。月は1〜12です。"
ERA_DAY = (
    "%(era)s%(year)s年%(month_name)s%(day)s日 は存在しない日付です。"
    "%(era)s%(year)s年 (%(western_year)s年) の%(month_name)sは%(last_day)s日までです。"
)
DAY = "%(year)s年%(month_name)s%(day)s日 は存在しない日付です。%(year)s年の%(month_name)sは%(last_day)s日までです。"
# A date or month outside its era, and when the era began or ended.
ERA_OUTSIDE = (
    "%(era)s%(year)s年%(month_name)s%(day)s日 は%(era)sの期間外です。",
    "%(era)s%(year)s年%(month_name)s は%(era)sの期間外です。",
    "%(era)sは%(era)s%(era_year)s年%(month_name)s%(day)s日 (%(year)s年%(month_name)s%(day)s日) からです。",
    "%(era)sは%(era)s%(era_year)s年%(month_name)s%(day)s日 (%(year)s年%(month_name)s%(day)s日) までです。",
    "%(era)s%(year)s年%(month_name)s%(day)s日 は%(era)sの期間外です。改元後の日付を%(era)sのまま書いたものは "
    "%(era)s%(last)s年 (%(next)s%(next_year)s年) まで読み替えます。%(next)sの年で入力してください。",
    "%(era)s%(year)s年%(month_name)s は%(era)sの期間外です。改元後の年月を%(era)sのまま書いたものは "
    "%(era)s%(last)s年 (%(next)s%(next_year)s年) まで読み替えます。%(next)sの年で入力してください。",
)
SLASH_DATE = re.compile(r"\d+\s*/\s*\d+")


def refusal(field, typed: str) -> str:
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "month_typed"),
    [
        ("令和8年13月1日", "令和8年13月"),
        ("R8.13.1", "令和8年13月"),
        ("令和8年0月5日", "令和8年0月"),
        ("平成30年13月1日", "平成30年13月"),  # an era with an end: read through the 改元 reading (A13)
        ("令和元年13月1日", "令和元年13月"),
    ],
)
def test_a_date_in_no_month_is_refused_as_the_month_box_refuses_that_month(typed, month_typed):
    """令和8年13月1日 said 「存在しない日付」: 13月 is no month, and the date box now says so in the month
    box's words."""
    with translation.override("ja"):
        date_said = refusal(WarekiDateField(), typed)
        month_said = refusal(MonthField(), month_typed)
    assert date_said == month_said
    assert f"{month_typed} は存在しない年月です。月は1〜12です。" == date_said


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("令和8年2月30日", "令和8年2月30日 は存在しない日付です。令和8年 (2026年) の2月は28日までです。"),
        ("R10.2.30", "令和10年2月30日 は存在しない日付です。令和10年 (2028年) の2月は29日までです。"),
        ("令和8年4月31日", "令和8年4月31日 は存在しない日付です。令和8年 (2026年) の4月は30日までです。"),
        ("令和元年6月31日", "令和元年6月31日 は存在しない日付です。令和元年 (2019年) の6月は30日までです。"),
        ("2027-02-29", "2027年2月29日 は存在しない日付です。2027年の2月は28日までです。"),
        ("2026-13-01", "2026年13月 は存在しない年月です。月は1〜12です。"),
        ("令和元年4月30日", "令和元年4月30日 は令和の期間外です。"),
        ("平成元年1月7日", "平成元年1月7日 は平成の期間外です。"),
        ("平成37年1月1日", "平成36年 (令和6年) まで"),
    ],
)
def test_a_day_that_cannot_be_keeps_its_reason_and_says_the_months_last_day(typed, reason):
    with translation.override("ja"):
        assert reason in refusal(WarekiDateField(), typed)


def test_the_wareki_reader_itself_names_the_month_not_the_day():
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        from_wareki("令和", 8, 13, 1)
    assert refused.value.messages[0].startswith("令和8年13月 は存在しない年月です")


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        (WarekiDateField, "令和8年2月30日", ("Reiwa", "8", "February", "30", "28", "2026")),
        (WarekiDateField, "令和元年6月31日", ("Reiwa", "1", "June", "31", "30", "2019")),
        (WarekiDateField, "2026-02-30", ("2026", "February", "30", "28")),
        (WarekiDateField, "令和8年13月1日", ("Reiwa", "8", "13")),
        (MonthField, "R8.13", ("Reiwa", "8", "13")),
        (MonthField, "2026-13", ("2026", "13")),
        (WarekiDateField, "R1.4.30", ("Reiwa", "1", "April", "30", "May", "2019")),
        (WarekiDateField, "平成元年1月7日", ("Heisei", "1", "January", "7", "8", "1989")),
        (MonthField, "令和元年4月", ("Reiwa", "1", "April", "May", "2019")),
        (WarekiDateField, "平成37年1月1日", ("Heisei", "37", "January", "36", "Reiwa", "6")),
        (MonthField, "平成37年1月", ("Heisei", "37", "January", "36", "Reiwa", "6")),
    ],
)
def test_an_english_screen_reads_the_date_in_english_words(monkeypatch, field, typed, words):
    """「令和 8/2/30 does not exist.」: the era's name in Japanese and a slash date in an English sentence. The
    message is the catalogue's sentence around the date's parts in the reader's words (Reiwa, February);
    so is the refusal of a date outside its era and when the era began (「令和 1/4/30 is outside the 令和
    era. The 令和 era began on 2019-5-1 (令和元年5月1日).」)."""
    english_pending(monkeypatch, ERA_MONTH, MONTH, ERA_DAY, DAY, *ERA_OUTSIDE)
    with translation.override("en"):
        message = refusal(field(), typed)
    assert not SLASH_DATE.search(message), message
    assert not re.search("令和|平成|昭和|元年", message), message
    for word in words:
        assert word in message, (word, message)


def test_an_english_screen_says_when_an_era_ended_in_english_words(monkeypatch):
    """The strict reader (機構's era codes, from_kiko_code) refuses 昭和64年1月8日: 昭和 ended on the 7th."""
    english_pending(monkeypatch, *ERA_OUTSIDE)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        from_wareki("昭和", 64, 1, 8)
    message = refused.value.messages[0]
    assert not SLASH_DATE.search(message) and not re.search("昭和|平成", message), message
    for word in ("Shōwa", "64", "January", "8", "7", "1989"):
        assert word in message, (word, message)
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        from_wareki("昭和", 64, 1, 8)
    assert (
        refused.value.messages[0]
        == "昭和64年1月8日 は昭和の期間外です。昭和は昭和64年1月7日 (1989年1月7日) までです。"
    )
