"""The 障害基礎年金 入力 screen's 納付状況 table at the city's desk screen (1280 px): each box shows its whole
example. The table's five columns share the form's width, and the 納付日・免除の申請日 box cut its example
(placeholder) short, so the clerk read a part of it as the format (exploratory walk 2026-12-08, issue 14
"layout at 1280 px")."""

import pytest

from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each box of the 納付状況 rows whose example is wider than the room for text inside it: the example measured
# in the box's own font, the room its width less its padding and borders (test_filter_placeholders.py).
CUT = """
const canvas = document.createElement('canvas').getContext('2d');
const boxes = [...document.querySelectorAll('input[name^="periods-"][placeholder]')];
const cut = [];
for (const box of boxes) {
  const style = getComputedStyle(box);
  canvas.font = style.font;
  const text = canvas.measureText(box.placeholder).width;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (text > room) cut.push([box.name, box.placeholder, Math.round(text), Math.round(room)]);
}
const page = document.documentElement;
return [boxes.map(box => box.name), cut, page.scrollWidth - page.clientWidth];
"""


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_payment_period_box_shows_its_whole_example_at_1280_px(browser, staff, language):
    clerk = staff["clerk"]
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    task = d.take(case, "enter_data", clerk)
    b = browser
    b.driver.set_window_size(1280, 800)
    try:
        b.login(clerk.username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open(f"/desk/tasks/{task.pk}/")
        names, cut, sideways = b.driver.execute_script(CUT)
        b.driver.execute_script(
            "document.querySelector('input[name=\"periods-0-start\"]').closest('table').scrollIntoView()"
        )
        b.shot(f"disability_periods_1280_{language}", full=False)
    finally:
        b.driver.set_window_size(1280, 900)
    assert "periods-0-settled_on" in names, names
    assert cut == [], cut
    assert sideways <= 0, f"the page scrolls {sideways} px sideways"
