"""The page's frame at the smallest window the city's desks have (1024×768): the top menu must leave
the first screen to the page. In English its words are longer: it wrapped to six rows (about 240 px)
where Japanese took three (exploratory test in English, 2026-12-06)."""

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


# The width of a curly quote in the page's own font, in ems: a Japanese font draws it full width.
QUOTE = """
const span = document.createElement('span');
span.textContent = '\\u201c';
document.querySelector('main').appendChild(span);
const width = span.getBoundingClientRect().width / parseFloat(getComputedStyle(span).fontSize);
span.remove();
return width;
"""


def test_english_pages_are_set_in_a_latin_font(browser, staff):
    """English text came in IPAexGothic, whose quotes and spaces are full width: 「event.　“Calculate”
    shows…」 (exploratory test in English, 2026-12-06). Japanese keeps its own font."""
    b = browser
    b.login(staff["clerk"].username)
    b.open("/desk/")
    assert b.driver.execute_script(QUOTE) > 0.9  # Japanese: IPAexGothic, a full-width quote
    b.driver.add_cookie({"name": "django_language", "value": "en", "path": "/"})
    b.open("/desk/")
    assert b.driver.execute_script("return document.documentElement.lang") == "en"
    assert b.driver.execute_script(QUOTE) < 0.6
    # Japanese data on an English page (names, offices) still finds a Japanese font.
    family = b.driver.execute_script("return getComputedStyle(document.body).fontFamily")
    assert "IPAexGothic" in family and not family.startswith('"IPAexGothic"'), family
