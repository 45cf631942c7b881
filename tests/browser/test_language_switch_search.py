"""The name search on /intake/ (氏名・生年月日・番号で検索) is posted: names and birth dates never go in a URL
(docs/decisions.md §11). The language switch returns by the Referer, a GET of /intake/, so a clerk who had
searched a name found the page in the other language with the search empty and no results (the walk of
issue 14). The name search is now a kept form (draft.js, decision 45): typed, it comes back as any form does;
searched, it is sent again once put back, and the page shows the same search and its results in the
other language (each showing logged, as any search is). Nothing of it goes in the address or to the switch."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from cases.security.models.audit import AuditAction, AuditEntry
from tests.browser.test_form_draft import MYNUMBER, _note_shown, _stored
from tests.browser.test_language_switch_draft import RESTORED, _english, _switch
from tests.factories import applicant_with_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _name_search(b):
    return b.field("kanji").find_element(By.XPATH, "./ancestor::form")


def _found(b) -> list[str]:
    """The names in the results table (each row's 氏名 cell: the kanji name, then the kana)."""
    cells = b.driver.find_elements(By.CSS_SELECTOR, "main table tbody tr td:nth-child(2)")
    return [cell.text.splitlines()[0] for cell in cells]


def _searches() -> int:
    """The name searches' entries in the access log: one per person a list showed (PIA III-3)."""
    return AuditEntry.objects.filter(action=AuditAction.SEARCH, target="resident_search").count()


def _boxes(b) -> dict:
    return {name: b.field(name).get_attribute("value") for name in ("kanji", "birth_date")}


def test_a_name_search_comes_back_with_its_results_after_switching_language_and_back(
    browser, staff, language_posts
):
    applicant, _spouse = applicant_with_household()  # 旭 太郎, born 1995-06-15 (平成7年6月15日)
    b = browser
    b.login(staff["clerk"].username)
    b.open("/intake/")
    b.fill("kanji", "旭")
    b.fill("birth_date", "平成7年6月15日")
    b.press("検索", within=_name_search(b))
    assert _found(b) == [applicant.kanji_name]
    assert _searches() == 1

    _switch(b, "en")
    WebDriverWait(b.driver, 5).until(lambda d: _found(b))
    assert b.driver.current_url == b.base_url + "/intake/", "nothing of the search in the address"
    assert b.heading == _english("受付: 申請者の検索")
    assert _found(b) == [applicant.kanji_name]
    assert _english("検索結果") in b.text
    # The birth date as the English page spells it (the search's boxes are the page's own, sent again).
    assert _boxes(b) == {"kanji": "旭", "birth_date": "1995-06-15"}
    assert _searches() == 2, "shown again: logged again (PIA III-3)"
    assert not _stored(b), "put back and sent: nothing left in the tab"
    b.shot("language_switch_search_en")

    _switch(b, "ja")
    WebDriverWait(b.driver, 5).until(lambda d: _found(b))
    assert b.heading == "受付: 申請者の検索"
    assert _found(b) == [applicant.kanji_name]
    assert _boxes(b) == {"kanji": "旭", "birth_date": "平成7年6月15日"}
    assert _searches() == 3
    # The switch was told the language and nothing else; the search went to its own page, posted.
    assert [sorted(post) for post in language_posts] == [["csrfmiddlewaretoken", "language"]] * 2
    assert "旭" not in repr(language_posts)


def test_a_name_typed_and_not_searched_comes_back_without_a_search(browser, staff):
    """Typed, never sent: it comes back with the note (true: the typed input came back), and nothing is
    searched that the clerk did not send."""
    applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    b.open("/intake/")
    b.fill("kana", "アサヒ")
    _switch(b, "en")
    assert _english(RESTORED) in _note_shown(b).text
    assert b.field("kana").get_attribute("value") == "アサヒ"
    assert _found(b) == [] and _searches() == 0


def test_a_search_changed_after_its_results_comes_back_as_typed_without_a_search(browser, staff):
    """The results on the page were for another search than the boxes now hold: the boxes come back, and
    no search the clerk did not send is made."""
    applicant_with_household()
    b = browser
    b.login(staff["clerk"].username)
    b.open("/intake/")
    b.fill("kanji", "旭")
    b.press("検索", within=_name_search(b))
    assert len(_found(b)) == 2
    searched = _searches()  # one entry per person shown
    b.fill("kanji", "旭 太")
    _switch(b, "en")
    assert _english(RESTORED) in _note_shown(b).text
    assert b.field("kanji").get_attribute("value") == "旭 太"
    assert _found(b) == [] and _searches() == searched


def test_a_mynumber_typed_into_the_name_search_is_never_kept(browser, staff):
    """番号法: a 個人番号 typed by mistake into a box of the name search (宛名番号) is not written to the tab's
    storage, as the 個人番号 box never is; the rest of the search comes back."""
    b = browser
    b.login(staff["clerk"].username)
    b.open("/intake/")
    b.fill("kana", "アサヒ")
    b.fill("atena_no", MYNUMBER[:4] + " " + MYNUMBER[4:8] + " " + MYNUMBER[8:])
    _switch(b, "en")
    assert _english(RESTORED) in _note_shown(b).text
    assert b.field("kana").get_attribute("value") == "アサヒ"
    assert b.field("atena_no").get_attribute("value") == ""
