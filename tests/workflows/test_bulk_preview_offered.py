"""The bulk 付け替え's preview before a new owner is chosen (the sixteenth session's left item): a row said 不可
only for a refusal whoever is chosen (a task done, another office's), but a task none of the people offered in
the owner list could take — separation of duties (職務分離: everyone offered already did an earlier step of the
case, the duty table in cases/kernel/duties.py), or the current owner as the only one left — showed 「―」 like
a task waiting for its choice, and the 係長 learnt it only after choosing each person in turn."""

import pytest
from django.conf import settings

from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from tests.workflows.test_bulk_preview_words import REFUSED, _rows
from tests.workflows.test_desk_lists import _bulk
from workflows import engine

pytestmark = pytest.mark.django_db

NOBODY = {
    "ja": "担当者の一覧の誰にも付け替えられません",
    "en": "No one in the assignee list can take this task",
}
SEPARATION = {"ja": "職務分離", "en": "Separation of duties"}
WHOEVER = {"ja": "うち 3 件は、誰を選んでも付け替えられません", "en": "3 of them cannot be reassigned"}


def _unowned_input(clerk):
    """An 入力 task nobody holds, of a case whose 本人確認 `clerk` did."""
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    task = h.open_task(case, "enter_data")
    if task.owner_id:
        engine.task_release(task_id=task.pk, user=task.owner)
    return h.open_task(case, "enter_data")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_task_nobody_offered_may_take_for_separation_of_duties_is_refused_before_the_choice(
    client, clerk, supervisor, three_at_cross_check, language
):
    """職務分離 (照合 never by the inputter): the clerk who entered the three cases is the only clerk offered,
    so nobody in the list may cross-check them; the 入力 task ticked with them is the clerk's to take."""
    checks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    entry = _unowned_input(clerk)
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _bulk(client, "reassign", [*checks, entry]).content.decode()
    rows = _rows(page)
    refused = [row for row in rows if REFUSED[language] in row]
    assert len(refused) == 3 and all(
        case.number in row for case, row in zip(three_at_cross_check, refused, strict=True)
    )
    for row in refused:
        assert NOBODY[language] in row and SEPARATION[language] in row and str(clerk) in row
    assert REFUSED[language] not in rows[3] and entry.process.case.number in rows[3]
    assert WHOEVER[language] in page, "the lead counts them with the tasks refused whoever is chosen"
    assert 'name="confirm" value="1"' not in page


def test_a_task_only_its_current_owner_could_take_is_refused_before_the_choice(client, clerk, supervisor):
    """The only clerk offered holds the 入力 task already: 「既に … の担当です」 whoever else is chosen."""
    entry = _unowned_input(clerk)
    engine.task_claim(task_id=entry.pk, user=clerk)
    client.force_login(supervisor)
    [row] = _rows(_bulk(client, "reassign", [entry]).content.decode())
    assert REFUSED["ja"] in row and NOBODY["ja"] in row and "既に" in row


def test_a_task_someone_offered_may_take_waits_for_the_choice(
    client, clerk, clerk2, supervisor, three_at_cross_check
):
    """clerk2 did nothing on the cases: offered, they may cross-check them, so the rows wait for the choice."""
    checks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    client.force_login(supervisor)
    page = _bulk(client, "reassign", checks).content.decode()
    assert REFUSED["ja"] not in page and NOBODY["ja"] not in page
    assert page.count("新しい担当者を選んでください") == 1
