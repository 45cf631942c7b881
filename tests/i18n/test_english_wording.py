"""English sentences that read badly when their parts were put together (exploratory test in English,
2026-12-06): 「(currently assigned to: Unassigned)」, 「Returned by JPS: Returned by JPS (decided …)」,
「Shown: none shown.」 and a list of cases headed 「Case」."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from cases.kernel.texts import DOCUMENTS_REQUESTED_SHOWN
from cases.submission.texts import RESULT, RETURNED
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def test_the_reassign_screen_of_a_task_nobody_holds_says_it_is_unassigned(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    check = h.open_task(case, "cross_check")
    assert check.owner_id is None
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/desk/tasks/{check.pk}/reassign/").content.decode()
    # 「(現在は未担当)」 is its own message: English "(currently unassigned)" once catalogued.
    assert "assigned to: Unassigned" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    assert "(現在は未担当)" in client.get(f"/desk/tasks/{check.pk}/reassign/").content.decode()


def test_a_return_by_jps_is_said_once():
    returned = RETURNED(result=RESULT(decision="返戻", decided_on=dt.date(2026, 12, 1)))
    with translation.override("en"):
        text = returned.render()
    assert text.count("Returned by JPS") == 1, text


def test_no_documents_shown_is_said_once():
    with translation.override("en"):
        text = DOCUMENTS_REQUESTED_SHOWN(documents=[], due=dt.date(2026, 12, 24)).render()
    assert "Shown: none." in text and "none shown" not in text, text


def test_the_residents_list_of_cases_is_headed_cases(client, clerk):
    applicant, _spouse = applicant_with_household()
    h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/residents/{applicant.pk}/").content.decode()
    # The heading is its own message (context 一覧の見出し): English "Cases" once catalogued.
    assert "<h2>Case</h2>" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    assert "<h2>案件</h2>" in client.get(f"/residents/{applicant.pk}/").content.decode()
