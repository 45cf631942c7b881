"""The intake search's results at the city's desk screen (1280×800): a number or a date stays on one line and
a name or a link breaks only between its words, the table no wider than its card. The addresses and the row's
intake buttons took the room and Japanese breaks between any two characters: 「0130- / 947207」,
「平成元年2 / 月27日」, 「宛 / 名・年金記録」 (exploratory walk 2026-12-08, the counter)."""

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from cases.registry.models.residents import Resident
from tests.browser.test_language_switch_draft import _english
from tests.browser.words import BROKEN_WORDS_JS
from tests.factories import PensionRecordFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per row: the lines of each cell kept whole (宛名番号, 生年月日, 基礎年金番号), and the words drawn over two
# lines in the 氏名 cell and the row's links, a word being what lies between spaces, 「・」 or a hyphen.
MEASURE = (
    BROKEN_WORDS_JS
    + """
const table = document.querySelector('main section.card table');
const lines = node => {
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
};
const broken = [];
const words = el => {
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) brokenWords(walk.currentNode, broken);
};
const whole = [];
for (const row of table.querySelectorAll('tbody tr')) {
  whole.push([0, 2, 4].map(at => lines(row.cells[at])));
  words(row.cells[1]);
  row.cells[5].querySelectorAll('a').forEach(words);
}
return [whole, broken, table.scrollWidth, table.parentElement.clientWidth, document.documentElement.scrollWidth];
"""
)


@pytest.fixture
def namesakes():
    """Four people found by one name, with what made the table tight: long addresses, a 消除 badge, a long
    name, birth dates of 平成元年 (the widest 和暦 month and day)."""
    for n in range(4):
        pension = PensionRecordFactory(basic_pension_no=f"013094720{n}")
        resident = pension.resident
        resident.kanji_name = "旭 健太郎左衛門" if n == 0 else f"旭 {'一二三四'[n]}郎"
        resident.kana_name = "アサヒ ケンタロウザエモン" if n == 0 else "アサヒ イチロウ"
        resident.birth_date = dt.date(1989, 2, 27)
        resident.address = (
            f"旭川市東旭川町上兵村{n + 1}丁目番外地 グランドメゾン旭川東光第二{n + 1}号棟 1203号室"
        )
        if n == 3:
            resident.removed_on = dt.date(2026, 11, 30)
        resident.save()
    return Resident.objects.count()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_intake_results_keep_numbers_and_dates_whole_at_1280_px(browser, staff, namesakes, language):
    b = browser
    b.driver.set_window_size(1280, 800)
    try:
        b.login(staff["clerk"].username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open("/intake/")
        b.fill("kanji", "旭")
        search = "検索" if language == "ja" else _english("検索")
        b.press(search, within=b.field("kanji").find_element(By.XPATH, "./ancestor::form"))
        whole, broken, wide, room, page = b.driver.execute_script(MEASURE)
        b.shot(f"intake_results_1280_{language}")
    finally:
        b.driver.set_window_size(1280, 900)
    assert len(whole) == namesakes, whole
    assert all(cells == [1, 1, 1] for cells in whole), whole
    assert broken == [], broken
    assert wide <= room, f"the table is {wide} px wide in a {room} px card"
    assert page <= 1280, f"the page is {page} px wide"
