"""番号法 (decision 45): a 個人番号 is never written to the tab's storage, whatever box it was typed in. The rule
kept empty only a box holding nothing but a 12-digit number in Arabic digits; a number inside a sentence
(「番号 1234 5678 9018 を口頭で確認」 in a note) or in kanji digits (一二三四五六七八九〇一八) went into the draft,
encrypted but kept for up to two hours — text the server's free-text rule (cases/common/freetext.py) refuses
as a 個人番号. A box holding any such number is now kept empty; a date, a 送付番号 (S20260102-1500) or
eleven digits are not numbers and come back."""

import pytest
from selenium.webdriver.common.by import By

from tests.browser.test_form_draft import MYNUMBER, _note_shown
from tests.browser.test_language_switch_draft import RESTORED, _english, _switch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KANJI = "一二三四五六七八九〇一八"


def _value(b, name: str) -> str:
    return b.field(name).get_attribute("value")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (f"番号 {MYNUMBER[:4]} {MYNUMBER[4:8]} {MYNUMBER[8:]} を口頭で確認", False),
        (f"本人申出（{MYNUMBER}）", False),
        ("申出 ２０２５．０７．０１ から ２０２６．０６．３０ まで", True),
        ("送付番号 S20260102-1500 の件", True),
        ("宛名 12345678901 の世帯", True),
    ],
)
def test_a_mynumber_inside_a_sentence_or_in_kanji_digits_is_never_kept(browser, staff, typed, kept):
    b = browser
    b.login(staff["clerk"].username)
    b.open("/intake/")
    b.fill("kana", "アサヒ")
    b.fill("kanji", KANJI)
    b.choose("purpose", "other")
    b.fill("note", typed)
    _switch(b, "en")
    assert _english(RESTORED) in _note_shown(b).text
    assert _value(b, "kana") == "アサヒ"
    assert _value(b, "kanji") == ""
    assert _value(b, "note") == (typed if kept else "")
    assert b.driver.find_elements(By.CSS_SELECTOR, "[data-draft-note]")
