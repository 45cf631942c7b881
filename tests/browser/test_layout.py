"""The page's frame at the smallest window the city's desks have (1024×768): the top menu must leave
the first screen to the page. In English its words are longer: it wrapped to six rows (about 240 px)
where Japanese took three (exploratory test in English, 2026-12-07)."""

import pytest

from tests.browser.browser import HEIGHT, WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The rows the menu's links sit on (their distinct tops), the top bar's height (brand and user included)
# and the menu's line height.
MEASURE = """
const nav = document.querySelector('.mainnav');
const tops = new Set([...nav.querySelectorAll('a')].map(a => Math.round(a.getBoundingClientRect().top)));
const line = parseFloat(getComputedStyle(nav).lineHeight);
return [tops.size, document.querySelector('.topbar').getBoundingClientRect().height, line];
"""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_top_menu_takes_at_most_two_rows_at_1024_px(browser, staff, language):
    b = browser
    b.driver.set_window_size(1024, 768)
    try:
        for role in ("clerk", "supervisor", "admin"):
            b.login(staff[role].username)
            b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
            b.open("/desk/")
            rows, height, line = b.driver.execute_script(MEASURE)
            if role == "supervisor":
                b.shot(f"70_topbar_1024_{language}", full=False)
            assert rows <= 2, (role, rows)
            # The brand and the user's line, two rows of links and the bar's padding: not 240 px.
            assert height <= 3 * line + 30, (role, height)
    finally:
        b.driver.set_window_size(WIDTH, HEIGHT)
