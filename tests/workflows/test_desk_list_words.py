"""What the inbox's and the queue's words claim (issue 14, walk of "the desk"): the 経過日数 column says
on the page what it counts, not only in a hover title; a refused filter does not head the list with
「0 件」, as if the search had run and found nothing."""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


class _Shown(HTMLParser):
    """The text a page shows and a screen reader reads: its words, not its attributes (a title)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words.append(data)


def shown(html: str) -> str:
    parser = _Shown()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


def _part(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


AGE_WORDS = {
    "ja": (
        "経過日数 (業務日)",
        "経過日数は、受付日の翌日から今日までの業務日の数です (土日・祝日と年末年始 12月29日〜1月3日は数えません)。",
    ),
    "en": (
        "Days open (business days)",
        "Days open: business days from the day after the date received up to and including today (weekends, "
        "public holidays and the New Year closure, 29 December to 3 January, are not counted).",
    ),
}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_age_column_says_on_the_page_that_it_counts_business_days(client, clerk, language):
    """The header read 「経過日数」 / "Age"; that it counts 業務日 from the 受付日 was in its title alone,
    which neither a glance nor a screen reader gets. A case received today is 0 (the 受付日 itself is
    not counted: cases/common/calendar.business_days_between)."""
    applicant, _spouse = applicant_with_household()
    h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/desk/inbox/").content.decode()
    header, note = AGE_WORDS[language]
    head = _part(page, "<thead>", "</thead>")
    assert header in shown(head)
    assert note in shown(page[page.index("</table>") :])  # under the table
    # A screen reader on the column's header is pointed to the note too.
    assert 'aria-describedby="age-note"' in head and 'id="age-note"' in page
    row = _part(page, "<tbody>", "</tbody>")
    assert (
        '<td class="num nowrap">0日</td>' if language == "ja" else '<td class="num nowrap">0 d</td>'
    ) in row


def _heading(page: str) -> str:
    return shown(_part(page, "<h1>", "</h1>"))


REFUSED = {"ja": "条件に誤りがあり、絞り込んでいません", "en": "Filters not applied: correct them"}


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/desk/queue/", "stage=nonsense"),
        ("/desk/queue/", "sort=nonsense"),
        ("/desk/queue/", "case_type=bogus&overdue=on"),
        ("/desk/queue/", "office=999999"),
        ("/desk/inbox/", "stage=nonsense"),
    ],
)
def test_a_refused_filter_heads_the_list_with_no_count(client, supervisor, language, path, query):
    """Walk of "the desk": a filter in error showed its message beside the field and, over the empty
    list, 「キュー 全事務所 ・ 0 件」 — a count of a search that never ran."""
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"{path}?{query}").content.decode()
    heading = _heading(page)
    assert REFUSED[language] in heading, heading
    assert "0 件" not in heading and not heading.endswith(" 0"), heading
    assert 'class="field-error"' in page  # the field in error says what is wrong


@pytest.mark.parametrize(("language", "count"), [("ja", "1 件"), ("en", "/ 1")])
def test_a_valid_filter_still_heads_the_list_with_its_count(
    client, clerk, clerk2, language, count, django_capture_on_commit_callbacks
):
    h.case_at_cross_check(clerk, django_capture_on_commit_callbacks)
    client.force_login(clerk2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    heading = _heading(client.get("/desk/queue/?stage=cross_check&sort=-received").content.decode())
    assert heading.endswith(count) and REFUSED[language] not in heading, heading
    empty = _heading(client.get("/desk/queue/?stage=approval").content.decode())
    assert empty.endswith(count.replace("1", "0")), empty  # found nothing: that is a count
