"""What the dashboard's words claim (exploratory walk 2026-12-08, the 係長): its age note says what the desk
lists' note says of the same count (cases/common/calendar.business_days_between), and a filter it cannot
apply is refused on the page, as the desk lists refuse one, not dropped under 「全事務所」."""

import pytest
from django.conf import settings

from tests.workflows.test_desk_list_words import _part, shown

pytestmark = pytest.mark.django_db

AGE_NOTE = {
    "ja": "未完了の案件を、受付日の翌日から今日までの業務日の数で分けています (土日・祝日と年末年始 12月29日〜1月3日は数えません)。",
    "en": "Open cases by the number of business days from the day after the date received up to and including "
    "today (weekends, public holidays and the New Year closure, 29 December to 3 January, are not counted).",
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
