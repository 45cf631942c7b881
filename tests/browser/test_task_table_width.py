"""The desk's task table at the city's usual desk screen (1280×800): the whole table, its last column
(担当する / 付け替え) included, is seen without scrolling it sideways, in Japanese and in English, for a
clerk's queue and inbox and for a 係長's queue with everyone's tasks (the 担当 column). In English the
one-line creation times and the actions kept side by side made it wider than the page: the 係長 had to
scroll the table to reach 付け替え (exploratory walk, issue 14 "the desk")."""

import datetime as dt

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel.models import Case
from cases.registry.models.residents import Resident
from tests.browser.words import BROKEN_WORDS_JS
from tests.conftest import make_user
from tests.disability import helpers as claims
from tests.factories import PensionRecordFactory, applicant_with_household
from tests.qualification import helpers as filings
from tests.workflows import helpers as h
from workflows import engine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The table's own width against its scrolling region's: wider is a sideways scroll bar.
MEASURE = """
const region = document.querySelector('.table-scroll');
const table = region.querySelector('table.tasks');
return [table.scrollWidth, region.clientWidth, table.querySelectorAll('tbody tr').length];
"""


@pytest.fixture
def busy_desk(staff):
    """The widest rows a list shows: every case type, a long name with a 利用停止, overdue cases, a return with its
    reason, tasks a clerk holds (the inbox, the 担当 column) and tasks nobody holds (担当する).
    Returns a clerk who has touched none of them, whose queue holds every unheld task."""
    clerk, clerk2 = staff["clerk"], staff["clerk2"]
    suspended = []
    for n in range(3):
        applicant, spouse = applicant_with_household()
        if n == 0:
            applicant.kanji_name, applicant.kana_name = "長谷川 健太郎左衛門", "ハセガワ ケンタロウザエモン"
            applicant.save(update_fields=["kanji_name", "kana_name"])
        case = h.start_case(clerk=clerk, resident=applicant)
        h.verify(case, clerk)
        h.enter(case, clerk, spouse=spouse)
        if n == 1:
            reason = "配偶者の所得の年度が申請書と違います。確認してください。"
            h.cross_check(case, clerk2, matches=False, reason=reason)
        if n < 2:
            suspended.append(applicant.pk)
        h.backdate_receipt(case, 30 * n)
    claim = claims.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    claims.verify(claim, clerk)
    filing = filings.employment_left(clerk)
    for task in Task.objects.filter(process__case=filing, status=STATUS.ASSIGNED):
        engine.task_release(task_id=task.pk, user=task.owner)
    # A granted 利用停止請求 shows its badge beside the name, in the inbox and the queue.
    Resident.objects.filter(pk__in=suspended).update(use_suspended_on=timezone.localdate())
    Case.objects.update(received_on=timezone.localdate() - dt.timedelta(days=400))  # three-digit ages
    newcomer = make_user("clerk3-honcho", "clerk", clerk.office)
    newcomer.display_name = "窓口 三子"
    newcomer.save(update_fields=["display_name"])
    return newcomer


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("newcomer", "/desk/queue/"),
        ("clerk", "/desk/inbox/"),
        ("supervisor", "/desk/queue/?everyone=on"),
    ],
)
def test_the_task_table_fits_a_1280_px_screen_without_scrolling_sideways(
    browser, staff, busy_desk, language, who, path
):
    b = browser
    user = busy_desk if who == "newcomer" else staff[who]
    b.driver.set_window_size(1280, 800)
    try:
        b.login(user.username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open(path)
        wide, room, rows = b.driver.execute_script(MEASURE)
        b.shot(f"desk_table_1280_{who}_{language}", full=False)
        assert rows >= 2, rows
        assert wide <= room, f"the table is {wide} px wide in a {room} px region"
    finally:
        b.driver.set_window_size(1280, 900)


# The weight each column's cell is drawn in, in the first overdue row, by its header's words.
OVERDUE_WEIGHTS = """
const table = document.querySelector('table.tasks');
const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
const row = table.querySelector('tbody tr.overdue');
return Object.fromEntries([...row.cells].map((td, i) => [heads[i], getComputedStyle(td).fontWeight]));
"""


def test_an_overdue_row_marks_its_deadline_not_when_its_task_began(browser, staff, busy_desk):
    """The rule that draws an overdue row's deadline in red bold counted its cell by position
    (td:nth-child(10)); a column added since moved it onto 作業開始, and the deadline was plain."""
    b = browser
    b.login(staff["clerk"].username)
    b.open("/desk/inbox/?sort=deadline")
    weights = b.driver.execute_script(OVERDUE_WEIGHTS)
    deadline = next(w for head, w in weights.items() if head.startswith("期限"))
    started = next(w for head, w in weights.items() if head.startswith("作業開始"))
    assert (deadline, started) == ("700", "400"), weights


# The words of the 作業 (its name, not a return's reason), 種別, 申請者, 受付事務所 and 担当 cells that are drawn over
# two lines, a word being what lies between spaces (U+3000 between a family and a given name), 「・」 or a
# hyphen (English breaks "Cross- / check" as it may).
BROKEN_WORDS = (
    BROKEN_WORDS_JS
    + """
const table = document.querySelector('table.tasks');
const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
const texts = (cell, first) => {
  const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walk.nextNode()) if (walk.currentNode.textContent.trim()) found.push(walk.currentNode);
  return first ? found.slice(0, 1) : found;
};
const broken = [];
for (const [head, first] of arguments[0]) {
  const at = heads.indexOf(head);
  for (const row of table.querySelectorAll('tbody tr')) {
    for (const node of texts(row.cells[at], first)) brokenWords(node, broken);
  }
}
return broken;
"""
)
COLUMNS = {
    "ja": [["作業", True], ["種別", False], ["申請者", False], ["受付事務所", False], ["担当", False]],
    "en": [
        ["Task", True],
        ["Type", False],
        ["Applicant", False],
        ["Receiving office", False],
        ["Assigned", False],
    ],
}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_name_an_office_or_a_type_breaks_only_between_its_words(browser, staff, busy_desk, language):
    """At 1280 px the 係長's queue with everyone's tasks gave the names the least room, and a Japanese
    word breaks between any two characters: 「上田　大 / 樹」, 「アオキ　ツ / ヨシ」, 「市民課 (本 / 庁)」,
    「免除・納付猶 / 予申請」, 「書類不備 (提出待 / ち)」 (exploratory walk 2026-12-08)."""
    holder = staff["clerk"]  # the 担当 of the inbox's tasks, named as a demo clerk is (「佐藤　美 / 咲」)
    holder.display_name = "長谷川　美智子"
    holder.save(update_fields=["display_name"])
    b = browser
    b.driver.set_window_size(1280, 800)
    try:
        b.login(staff["supervisor"].username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open("/desk/queue/?everyone=on")
        broken = b.driver.execute_script(BROKEN_WORDS, COLUMNS[language])
        wide, room, _rows = b.driver.execute_script(MEASURE)
        b.shot(f"desk_table_words_{language}", full=False)
    finally:
        b.driver.set_window_size(1280, 900)
    assert broken == [], broken
    assert wide <= room, f"the table is {wide} px wide in a {room} px region"
