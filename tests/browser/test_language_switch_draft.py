"""Switching the screen language (the footer's 「English」/「日本語」, _language.html → Django's set_language,
which returns to the Referer) reloaded a form page in the other language with the form empty: everything the
clerk had typed was lost. The tab now keeps the typed form as the idle lock does (cases/static/cases/draft.js:
encrypted in sessionStorage, never the 個人番号) and the page that comes back puts it back with the same note;
only the language and the CSRF token go to the server (docs/decisions.md §10, §45)."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import translation
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from cases.common.date_display import month_input_value
from tests.browser.browser import PASSWORD
from tests.browser.test_form_draft import (
    MYNUMBER,
    REMARKS,
    _note,
    _note_shown,
    _stored,
    _type_the_exemption_form,
)
from tests.factories import applicant_with_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RESTORED = "入力していた内容を戻しました。確認してから保存してください。"
SEARCH_NOTE = "本人の申出により番号で検索"
PERIOD = ("period_start", "period_end")


def _english(text: str) -> str:
    with translation.override("en"):
        english = translation.gettext(text)
    assert english != text, f"no English for 「{text}」"
    return english


def _switch(b, to: str) -> None:
    b.press({"en": "English", "ja": "日本語"}[to], within=b.driver.find_element(By.TAG_NAME, "footer"))
    WebDriverWait(b.driver, 5).until(lambda d: d.execute_script("return document.documentElement.lang") == to)


def _log_in_in_english(b, username: str) -> None:
    """Logs in on the (English) login page the browser is on; its ?next= brings the form back."""
    b.fill("username", username)
    b.fill("password", PASSWORD)
    b.press(_english("ログイン"), within=b.driver.find_element(By.TAG_NAME, "main"))


def _exemption_values(b) -> dict:
    return {
        name: b.field(name).get_attribute("value")
        for name in ("kind_1", "kind_2", "period_start", "period_end")
    }


def test_the_typed_intake_comes_back_after_switching_to_english_and_back(browser, staff, language_posts):
    applicant, _spouse = applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    page = f"/intake/exemption/{applicant.pk}/"
    typed = _type_the_exemption_form(b, applicant)

    _switch(b, "en")
    assert b.driver.current_url == b.base_url + page, "back on the same page, nothing typed in its address"
    assert b.heading == _english("受付: 免除・納付猶予申請")
    note = _note_shown(b)
    assert note.text.startswith(_english(RESTORED)), note.text
    assert _exemption_values(b) == typed
    assert b.field("remarks").get_attribute("value") == REMARKS
    assert b.field("continuation").is_selected()
    assert not _stored(b), "put back once: the form holds it, the tab no longer"
    b.shot("draft_language_switch_en")

    # And back: the values are still the form's (the note's discard was not pressed), so they are kept again,
    # the months spelled as the Japanese page spells them (test_language_switch_dates.py).
    _switch(b, "ja")
    assert b.heading == "受付: 免除・納付猶予申請"
    assert RESTORED in _note_shown(b).text
    with translation.override("ja"):
        months = {name: month_input_value(dt.date.fromisoformat(typed[name] + "-01")) for name in PERIOD}
    assert _exemption_values(b) == {**typed, **months}
    assert b.field("remarks").get_attribute("value") == REMARKS
    assert not _stored(b)
    b.shot("draft_language_switch_ja")

    # The server was told the language and nothing else.
    assert [sorted(post) for post in language_posts] == [["csrfmiddlewaretoken", "language"]] * 2
    assert [post["language"] for post in language_posts] == [["en"], ["ja"]]
    assert REMARKS not in repr(language_posts)


def test_the_mynumber_box_comes_back_empty_after_a_switch(browser, staff):
    """番号法: the 個人番号 is never written to the browser's storage, so a switch leaves it empty (the
    purpose and the note come back)."""
    b = browser
    b.login(staff["clerk"].username)
    b.open("/intake/")
    b.fill("number", MYNUMBER)
    b.choose("purpose", "other")
    b.fill("note", SEARCH_NOTE)
    _switch(b, "en")
    assert b.heading == _english("受付: 申請者の検索")
    assert _english(RESTORED) in _note_shown(b).text
    assert Select(b.field("purpose")).first_selected_option.get_attribute("value") == "other"
    assert b.field("note").get_attribute("value") == SEARCH_NOTE
    assert b.field("number").get_attribute("value") == ""
    b.shot("draft_language_switch_mynumber")


def test_a_page_nobody_typed_in_switches_as_before(browser, staff, language_posts):
    applicant, _spouse = applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    b.open(f"/intake/exemption/{applicant.pk}/")
    _switch(b, "en")
    assert b.heading == _english("受付: 免除・納付猶予申請")
    assert _note(b) is None and not _stored(b)
    assert b.field("remarks").get_attribute("value") == ""
    assert len(language_posts) == 1


def test_without_webcrypto_nothing_is_kept_and_the_switch_works_as_before(browser, staff):
    """A page not served over HTTPS has no WebCrypto: draft.js keeps nothing (never plain text)."""
    applicant, _spouse = applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    insecure = b.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": "Object.defineProperty(window, 'isSecureContext', {value: false});"},
    )
    try:
        _type_the_exemption_form(b, applicant)
        _switch(b, "en")
        assert b.heading == _english("受付: 免除・納付猶予申請")
        assert not _stored(b)
        assert b.field("remarks").get_attribute("value") == ""
        assert _note(b) is None
    finally:
        b.driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": insecure["identifier"]}
        )


def test_a_switch_after_the_session_ended_keeps_the_form_for_its_user_only(browser, staff):
    """The session ended meanwhile (a logout in another tab): the switch leads to the login page, the draft
    waits there as the lock's does; a colleague logging in at the tab never gets it, its owner does."""
    applicant, _spouse = applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    page = f"/intake/exemption/{applicant.pk}/"
    _type_the_exemption_form(b, applicant)
    Session.objects.all().delete()
    _switch(b, "en")
    assert "/login/" in b.driver.current_url
    assert len(_stored(b)) == 1 and REMARKS not in repr(_stored(b))

    _log_in_in_english(b, staff["clerk2"].username)
    assert b.driver.current_url.endswith(page)
    WebDriverWait(b.driver, 5).until(lambda d: not _stored(b))
    assert _note(b) is None and b.field("remarks").get_attribute("value") == ""

    # Gone for its owner too (deleted, not hidden); a second switch by the owner keeps it again.
    b.login(staff["clerk"].username)
    b.open(page)
    assert b.field("remarks").get_attribute("value") == ""
    typed = _type_the_exemption_form(b, applicant)
    Session.objects.all().delete()
    _switch(b, "en")
    _log_in_in_english(b, staff["clerk"].username)
    assert b.driver.current_url.endswith(page)
    assert _english(RESTORED) in _note_shown(b).text
    assert _exemption_values(b) == typed
