"""利用停止請求: approval marks the person, and the desk warns on every case of theirs."""

import pytest

from cases.models import CaseEvent, Stage
from tests.requests.conftest import take_request, work
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
WARNING = "利用停止中"


def test_an_approved_suspension_flags_the_person_and_warns_on_their_cases(client, clerk, supervisor, person):
    exemption_case = h.start_case(clerk=clerk, resident=person)  # an application already in progress
    client.force_login(clerk)
    assert WARNING not in client.get(f"/cases/{exemption_case.pk}/").content.decode()

    case = take_request(client, clerk, person, "suspension", content="目的外利用の停止を求める")
    work(client, clerk, case, "respond", {"decision": "grant", "suspension_scope": "免除勧奨への利用"})
    person.refresh_from_db()
    assert person.use_suspended_on is None  # only 決裁 suspends
    work(client, supervisor, case, "approve", {"decision": "approve"})

    person.refresh_from_db()
    assert person.use_suspended_on is not None and person.use_suspended_case == case
    assert case.events.filter(action=CaseEvent.Action.USE_SUSPENDED, comment="免除勧奨への利用").exists()

    client.force_login(clerk)
    page = client.get(f"/cases/{exemption_case.pk}/").content.decode()
    assert WARNING in page and case.number in page
    task = h.open_task(exemption_case, "verify_identity")
    assert WARNING in client.get(f"/desk/tasks/{task.pk}/").content.decode()  # on the step screen too
    assert "利用停止" in client.get("/desk/inbox/").content.decode()
    assert WARNING in client.get(f"/residents/{person.pk}/").content.decode()


def test_a_refused_suspension_leaves_the_person_unflagged(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "suspension")
    work(client, clerk, case, "respond", {"decision": "refuse", "refusal_reason": "法令に基づく利用"})
    work(client, supervisor, case, "approve", {"decision": "approve"})
    person.refresh_from_db()
    assert case.stage == Stage.ANSWER and person.use_suspended_on is None


def test_granting_a_suspension_needs_its_scope(client, clerk, person):
    case = take_request(client, clerk, person, "suspension")
    page = work(
        client, clerk, case, "respond", {"decision": "grant", "suspension_scope": " "}
    ).content.decode()
    assert "停止する利用の範囲を入力してください" in page and case.stage == Stage.RESPONSE
