"""The desk lists name which clock a row's deadline is (書類 / 決定 / 送付). In English they read "Paper" and "Sent"
or "Submission" (the walk of 2026-12-07): the same message ids serve the paper medium and the 送付 stage
elsewhere. The list's words carry their own context now: "papers", "decision", "dispatch"."""

import pytest
from django.conf import settings

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def test_the_english_inbox_names_the_sending_deadline_dispatch(client, clerk):
    applicant, _spouse = applicant_with_household()
    h.start_case(clerk=clerk, resident=applicant)  # the intake clerk holds its 本人確認
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/desk/inbox/").content.decode()
    row = page[page.index("<tbody>") :]
    assert '<small class="hint">dispatch</small>' in row
    assert ">Sent<" not in row and ">Submission<" not in row
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    page = client.get("/desk/inbox/").content.decode()
    assert '<small class="hint">送付</small>' in page[page.index("<tbody>") :]
