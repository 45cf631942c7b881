"""The case page's 経過 at the city's desk screen (1280 px): beside a long typed comment (a labelled quote,
figure.timeline-typed) the short columns keep their words and the 内容 column takes the rest. Japanese breaks
between any two characters, and the comment's long lines squeezed 操作・段階・実施者 to one character a line on
a 年金事務所 referral case; a comment with no space at all (a pasted URL, a 300-character string) would
push the table wider than its card (exploratory walk 2026-12-08, issue 14 "layout at 1280 px")."""

import pytest

from cases.kernel.models import CaseEvent
from cases.kernel.services import case_event_record
from tests.browser.words import BROKEN_WORDS_JS
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a clerk types on a referral: several sentences of Japanese with hardly a space.
REFERRAL = (
    "年金事務所（旭川年金事務所 国民年金課）へ電話で照会済み。初診日の証明（受診状況等証明書）が取れないため、"
    "第三者証明での請求を案内するよう回答あり。請求者本人には窓口で説明し、来週の再来庁時に書類一式を持参予定。"
    "事務所の担当者は折り返し連絡をくれるとのこと。"
) * 2
UNBROKEN = "あ" * 150 + "x" * 150  # 300 characters, no space
URL = "https://www.nenkin.go.jp/service/jukyu/shougainenkin/jukyu-yoken/20150514.files/" + "a1b2c3d4" * 12

# The words of the short columns' cells (and their heads) drawn over two lines, a word being what lies
# between spaces, 「・」 or a hyphen (tests/browser/words.py), and of the 日時 column what lies between spaces
# (an English date broke at its hyphens, 「2026- / 12-08」); then the table's width against its card's.
MEASURE = (
    BROKEN_WORDS_JS
    + """
const table = document.querySelector('table.timeline');
const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
const broken = [];
const lines = (node, start, end) => {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
};
const when = heads.indexOf(arguments[0][0]);  // 日時
for (const td of [...table.querySelectorAll('tbody tr')].map(tr => tr.cells[when])) {
  const node = td.firstChild, text = node.textContent;
  let end = 0;
  for (const word of text.split(/\\s+/).filter(Boolean)) {
    const start = text.indexOf(word, end);
    end = start + word.length;
    if (lines(node, start, end) > 1) broken.push(word);
  }
}
for (const head of arguments[0]) {
  const at = heads.indexOf(head);
  if (at < 0) throw new Error('no column ' + head + ' in ' + heads);
  const cells = [table.querySelectorAll('thead th')[at], ...[...table.querySelectorAll('tbody tr')].map(tr => tr.cells[at])];
  for (const cell of cells) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) if (walk.currentNode.textContent.trim()) brokenWords(walk.currentNode, broken);
  }
}
const card = table.parentElement;
const style = getComputedStyle(card);
const room = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
const page = document.documentElement;
return [broken, Math.round(table.getBoundingClientRect().width), Math.round(room), page.scrollWidth - page.clientWidth];
"""
)
COLUMNS = {
    "ja": ["日時", "操作", "段階", "実施者", "事務所"],
    "en": ["Date and time", "Action", "Stage", "Performed by", "Office"],
}


@pytest.fixture
def referred(staff):
    """A case sent back at 照合 with a reason, then long comments: a referral's account, a string with no
    space, a pasted URL."""
    clerk, clerk2 = staff["clerk"], staff["clerk2"]
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    h.enter(case, clerk, spouse=spouse)
    h.cross_check(
        case, clerk2, matches=False, reason="配偶者の所得の年度が申請書と違います。確認してください。"
    )
    for comment in (REFERRAL, UNBROKEN, URL):
        case_event_record(
            case=case, actor=clerk, action=CaseEvent.Action.DOCUMENTS_REQUESTED, comment=comment
        )
    return case


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_timeline_s_short_columns_keep_their_words_beside_a_long_comment_at_1280_px(
    browser, staff, referred, language
):
    b = browser
    b.driver.set_window_size(1280, 800)
    try:
        b.login(staff["clerk"].username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open(f"/cases/{referred.pk}/")
        broken, wide, room, sideways = b.driver.execute_script(MEASURE, COLUMNS[language])
        b.driver.execute_script("document.querySelector('table.timeline').scrollIntoView()")
        b.shot(f"timeline_1280_{language}", full=False)
        b.driver.execute_script(
            "[...document.querySelectorAll('table.timeline tbody tr')].pop().scrollIntoView(false)"
        )
        b.shot(f"timeline_1280_{language}_unbroken", full=False)  # the string with no space, the URL
    finally:
        b.driver.set_window_size(1280, 900)
    assert broken == [], broken
    assert wide <= room, f"the timeline is {wide} px wide in a {room} px card"
    assert sideways <= 0, f"the page scrolls {sideways} px sideways"
