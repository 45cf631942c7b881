"""A search form's date boxes show their whole example. Sized as the filters' other boxes (10rem), the
case search's and the access log's 受付日 and 期間 boxes cut it: 「例: 令和8年11月26日 ,」 and "e.g. 2026-11-26
/ R8.11.2", an example that reads as another day (2 November) (exploratory walk 2026-12-08)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each filter box whose example (placeholder) is wider than the room for text inside it: the example
# measured in the box's own font, the room its width less its padding and borders.
CUT = """
const canvas = document.createElement('canvas').getContext('2d');
const cut = [];
for (const box of document.querySelectorAll('form.filters input[placeholder]')) {
  const style = getComputedStyle(box);
  canvas.font = style.font;
  const text = canvas.measureText(box.placeholder).width;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (text > room) cut.push([box.name, Math.round(text), Math.round(room)]);
}
return [document.querySelectorAll('form.filters input[placeholder]').length, cut];
"""


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(("who", "path"), [("clerk", "/cases/"), ("auditor", "/audit/")])
def test_a_filter_date_box_shows_its_whole_example_at_1280_px(browser, staff, who, path, language):
    b = browser
    b.driver.set_window_size(1280, 800)
    try:
        b.login(staff[who].username)
        b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        b.open(path)
        boxes, cut = b.driver.execute_script(CUT)
        b.shot(f"filter_dates_{who}_{language}", full=False)
    finally:
        b.driver.set_window_size(1280, 900)
    assert boxes >= 2, boxes  # 受付日 (or 期間) from and until
    assert cut == [], cut
