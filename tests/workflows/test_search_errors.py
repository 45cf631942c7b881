"""A search with a box in error shows no result list (the counter walk, finding 5): /cases/ with 受付日 まで =
「2026/12/5x」 showed the error above a table of every case, the 漢字氏名 ignored."""

import pytest

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def test_the_case_search_with_an_error_lists_no_cases(client, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    page = client.post("/cases/", {"kanji": "高橋", "received_to": "2026/12/5x"}).content.decode()
    assert "日付として読み取れません" in page
    assert case.number not in page
    assert "条件を直してください" in page
    assert "該当する案件はありません" not in page  # not a search that found nothing: no search ran


def test_a_task_list_with_a_filter_in_error_lists_no_tasks(client, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    assert case.number in client.get("/desk/inbox/?stage=identity").content.decode()
    for url in ("/desk/inbox/?stage=nosuchstage", "/desk/inbox/?case_type=nosuchtype&stage=identity"):
        page = client.get(url).content.decode()
        assert case.number not in page and "条件を直してください" in page, url
