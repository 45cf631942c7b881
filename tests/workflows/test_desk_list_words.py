"""What the inbox's and the queue's words claim (issue 14, walk of "the desk"): a refused filter does not
head the list with 「0 件」, as if the search had run and found nothing."""

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
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    client.force_login(clerk2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    heading = _heading(client.get("/desk/queue/?stage=cross_check&sort=-received").content.decode())
    assert heading.endswith(count) and REFUSED[language] not in heading, heading
    empty = _heading(client.get("/desk/queue/?stage=approval").content.decode())
    assert empty.endswith(count.replace("1", "0")), empty  # found nothing: that is a count
