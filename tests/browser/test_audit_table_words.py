"""The access log's table at the city's desk screen (1280 px): a word of its own stays on one line. The
long 対象 and reasons took the room, and Japanese may break between any two characters: the header
「結 / 果」, 「ログイ / ン」 and 「成 / 功」 were cut in two on every row, and in English a 整理番号 broke at its
hyphen (「2026- / 000023」) (exploratory walk 2026-12-08, the auditor)."""

import pytest

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How many lines the header of each column named in `names` is drawn on, and each of its cells.
LINES = """
const names = arguments[0];
const table = [...document.querySelectorAll('main table')].pop();
const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
const lines = el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
};
const found = {};
for (const name of names) {
  const at = heads.indexOf(name);
  const cells = [...table.querySelectorAll('tbody tr')].map(tr => tr.cells[at]).filter(td => td.innerText.trim());
  found[name] = [lines(table.querySelectorAll('thead th')[at]), cells.map(lines)];
}
return found;
"""


@pytest.mark.parametrize(
    ("language", "names"),
    [("ja", ["操作", "結果", "整理番号"]), ("en", ["Outcome", "Reference no."])],
)
def test_the_access_log_keeps_each_short_word_on_one_line_at_1280_px(browser, staff, language, names):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=staff["clerk"], resident=applicant)
    b = browser
    b.driver.set_window_size(1280, 800)
    try:
        b.login(staff["clerk"].username)
        b.open(f"/cases/{case.pk}/")  # a 閲覧 row with its 宛名番号 and 整理番号
        for n in range(3):  # rows whose purpose and target are long, as a day's log has them
            audit_record(
                action=AuditAction.MYNUMBER_SEARCH,
                actor=staff["clerk2"],
                case_id=case.pk,
                resident_id=applicant.pk,
                target="帳票のプレビュー: 届書 (入力内容)",
                purpose=f"日本年金機構への照会・回答 (年金事務所からの照会 {n} 件目、窓口で本人から聞き取った内容の確認)",
            )
        b.login(staff["auditor"].username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open("/audit/")
        found = b.driver.execute_script(LINES, names)
        b.shot(f"audit_table_1280_{language}", full=False)
    finally:
        b.driver.set_window_size(1280, 900)
    assert all(rows for _head, rows in found.values()), found
    assert all(set(rows) == {1} for _head, rows in found.values()), found
    if language == "ja":  # English headers of two words may take two lines, as on the desk's lists
        assert all(head == 1 for head, _rows in found.values()), found
