"""What the dashboard's words claim (exploratory walk 2026-12-08, the 係長): its age note says what the desk
lists' note says of the same count (cases/common/calendar.business_days_between), and a filter it cannot
apply is refused on the page, as the desk lists refuse one, not dropped under 「全事務所」."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from tests.workflows.test_desk_list_words import REFUSED, _part, shown

pytestmark = pytest.mark.django_db

AGE_NOTE = {
    "ja": "未完了の案件を、受付日の翌日から今日までの業務日の数で分けています (土日・祝日と年末年始 12月29日〜1月3日は数えません)。",
    "en": "Open cases by the number of business days from the day after the date received up to and including "
    "today (weekends, public holidays and the New Year closure, 29 December to 3 January, are not counted).",
}


NO_FIGURES = {
    "ja": "条件に誤りがあります。条件を直してください (直すまで集計は表示しません)。",
    "en": "The filter has an error. Correct it (no figures are shown until then).",
}


def _page(client, language: str, query: str = "") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/desk/dashboard/{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_age_note_says_which_days_it_counts_as_the_desk_lists_do(client, supervisor, language):
    """It read 「受付日から今日までの業務日数」: whether the 受付日 itself counts was left open, where the desk's
    note says the count starts the day after it and names the New Year closure's days."""
    client.force_login(supervisor)
    ageing = shown(_part(_page(client, language), 'id="ageing"', "</section>"))
    assert AGE_NOTE[language] in ageing, ageing


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("query", ["?office=zz", "?office=999999"])
def test_an_office_it_cannot_apply_is_refused_not_shown_as_all_offices(client, supervisor, language, query):
    """`?office=zz` showed every office's figures under 「全事務所」, as if that had been asked for."""
    client.force_login(supervisor)
    page = _page(client, language, query)
    heading = shown(_part(page, "<h1>", "</h1>"))
    assert REFUSED[language] in heading, heading
    everyone = "全事務所" if language == "ja" else "All offices"
    assert everyone not in heading, heading
    assert 'class="field-error"' in page  # the office box says what is wrong
    assert 'id="ageing"' not in page, "no figures for a filter that was not applied"
    assert NO_FIGURES[language] in shown(page)


def test_a_chosen_office_or_none_still_shows_its_figures(client, clerk, supervisor):
    applicant, _spouse = applicant_with_household()
    h.start_case(clerk=clerk, resident=applicant)
    client.force_login(supervisor)
    for query, name in (
        ("", "全事務所"),
        (f"?office={clerk.office_id}", clerk.office.name),
        ("?office=", "全事務所"),
    ):
        page = _page(client, "ja", query)
        heading = shown(_part(page, "<h1>", "</h1>"))
        assert name in heading and REFUSED["ja"] not in heading, heading
        assert 'class="field-error"' not in page and 'id="ageing"' in page


def test_the_chosen_office_costs_no_query_more(client, clerk, supervisor):
    client.force_login(supervisor)

    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            _page(client, "ja", query)
        return len(ctx.captured_queries)

    assert count(f"?office={clerk.office_id}") == count("")


def test_the_csv_of_an_office_it_cannot_apply_is_refused(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/desk/dashboard/csv/?chart=stages&office=zz").status_code == 404
