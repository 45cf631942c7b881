"""A date typed on a Japanese form (令和8年4月1日, R8.7) came back after the language switch spelled so on the
English page, beside boxes the English page fills with ISO dates (2026-04-01): read correctly by the server,
but a mixed page (the walk of issue 14). draft.js now puts a date box's value back as the new page spells
a date it puts in a box (cases/common/date_display.py date_input_value, month_input_value): ISO on English
pages, 和暦 on Japanese ones; a value it cannot read as a date of its era stays as typed, for the server to
read or refuse with its reason."""

import datetime as dt

import pytest
from django.utils import translation
from selenium.webdriver.support.ui import WebDriverWait

from cases.common.date_display import date_input_value, month_input_value
from tests.browser.test_form_draft import _note_shown
from tests.browser.test_language_switch_draft import RESTORED, _english, _switch
from tests.factories import applicant_with_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY, START, END = dt.date(2026, 4, 1), dt.date(2026, 7, 1), dt.date(2027, 6, 1)


def _spelled(language: str, *, day: dt.date, start: dt.date, end: dt.date) -> dict:
    """The boxes as the server itself fills them on a page in `language`."""
    with translation.override(language):
        return {
            "received_on": date_input_value(day),
            "period_start": month_input_value(start),
            "period_end": month_input_value(end),
        }


def _values(b, *names: str) -> dict:
    return {name: b.field(name).get_attribute("value") for name in names}


def test_dates_typed_on_a_japanese_form_come_back_in_the_english_spelling_and_back(browser, staff):
    applicant, _spouse = applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    b.open(f"/intake/exemption/{applicant.pk}/")
    b.fill("received_on", "令和８年４月１日")  # full-width, as a Japanese keyboard may give it
    b.fill("period_start", "R8.7")
    b.fill("period_end", "2027年6月")
    b.fill("job_loss_date", "令和8年2月30日")  # no such day: the server says why, not the script
    b.fill("remarks", "令和8年4月1日に来庁")  # not a date box: text stays text

    _switch(b, "en")
    assert _english(RESTORED) in _note_shown(b).text
    boxes = ("received_on", "period_start", "period_end")
    assert _values(b, *boxes) == _spelled("en", day=DAY, start=START, end=END)
    assert _values(b, *boxes) == {
        "received_on": "2026-04-01",
        "period_start": "2026-07",
        "period_end": "2027-06",
    }
    assert b.field("job_loss_date").get_attribute("value") == "令和8年2月30日"
    assert b.field("remarks").get_attribute("value") == "令和8年4月1日に来庁"
    b.shot("language_switch_dates_en")

    _switch(b, "ja")
    WebDriverWait(b.driver, 5).until(lambda d: b.field("period_start").get_attribute("value") != "")
    assert _values(b, *boxes) == _spelled("ja", day=DAY, start=START, end=END)
    assert _values(b, *boxes) == {
        "received_on": "令和8年4月1日",
        "period_start": "令和8年7月",
        "period_end": "令和9年6月",
    }
    assert b.field("job_loss_date").get_attribute("value") == "令和8年2月30日"


def test_dates_typed_on_an_english_form_come_back_in_wareki_at_the_eras_edges(browser, staff):
    """元年 and the last days of an era, as the server writes them (format_wareki)."""
    applicant, _spouse = applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    b.open(f"/intake/exemption/{applicant.pk}/")
    _switch(b, "en")
    b.fill("received_on", "2019-05-01")
    b.fill("job_loss_date", "1989/1/7")
    b.fill("disaster_date", "19890108")
    b.fill("period_start", "2019-04")
    b.fill(
        "period_end", "平成31年5月"
    )  # an old era's month after the 改元: read by the server, with its note

    _switch(b, "ja")
    assert RESTORED in _note_shown(b).text
    with translation.override("ja"):
        expected = {
            "received_on": date_input_value(dt.date(2019, 5, 1)),
            "job_loss_date": date_input_value(dt.date(1989, 1, 7)),
            "disaster_date": date_input_value(dt.date(1989, 1, 8)),
            "period_start": month_input_value(dt.date(2019, 4, 1)),
        }
    assert expected == {
        "received_on": "令和元年5月1日",
        "job_loss_date": "昭和64年1月7日",
        "disaster_date": "平成元年1月8日",
        "period_start": "平成31年4月",
    }
    assert _values(b, *expected) == expected
    assert b.field("period_end").get_attribute("value") == "平成31年5月"
