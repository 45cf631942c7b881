"""利用停止請求: approval marks the person, and the desk warns on every case of theirs."""

import pytest

from cases.kernel.models import CaseEvent, Stage
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


def _suspended(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "suspension")
    work(client, clerk, case, "respond", {"decision": "grant", "suspension_scope": "免除勧奨への利用"})
    work(client, supervisor, case, "approve", {"decision": "approve"})
    person.refresh_from_db()
    assert person.use_suspended_on is not None
    return case


def test_a_supervisor_lifts_a_suspension_with_a_reason(client, clerk, supervisor, person):
    from cases.security.models.audit import AuditEntry

    case = _suspended(client, clerk, supervisor, person)
    client.force_login(supervisor)
    assert "利用停止を解除" in client.get(f"/residents/{person.pk}/").content.decode()
    page = client.post(
        f"/residents/{person.pk}/suspension/lift/", {"reason": "本人から請求の取下げ"}, follow=True
    ).content.decode()

    person.refresh_from_db()
    assert person.use_suspended_on is None and person.use_suspended_case is None
    assert "利用停止を解除しました" in page and WARNING not in page
    assert case.events.filter(action=CaseEvent.Action.USE_RESUMED, comment="本人から請求の取下げ").exists()
    entry = AuditEntry.objects.filter(target="use_suspension_lifted", resident_id=person.pk).get()
    assert entry.case_id == case.pk and entry.purpose == "本人から請求の取下げ"


def test_lifting_needs_a_reason_and_a_supervisor(client, clerk, supervisor, person):
    _suspended(client, clerk, supervisor, person)
    client.force_login(clerk)
    assert "利用停止を解除" not in client.get(f"/residents/{person.pk}/").content.decode()
    assert client.post(f"/residents/{person.pk}/suspension/lift/", {"reason": "誤り"}).status_code == 403

    client.force_login(supervisor)
    page = client.post(
        f"/residents/{person.pk}/suspension/lift/", {"reason": "  "}, follow=True
    ).content.decode()
    assert "解除の理由を入力してください" in page
    person.refresh_from_db()
    assert person.use_suspended_on is not None
    # The reason goes on the timeline and into the access log: never a 個人番号 (one was kept in clear,
    # exploratory test 2026-12-05).
    page = client.post(
        f"/residents/{person.pk}/suspension/lift/", {"reason": "123456789018"}, follow=True
    ).content.decode()
    assert "自由記述欄には個人番号を書かないでください" in page
    person.refresh_from_db()
    assert person.use_suspended_on is not None
    page = client.post("/residents/999999/suspension/lift/", {"reason": "誤り"})
    assert page.status_code == 404


def test_the_case_search_lists_the_residents_requests_by_type(client, clerk, supervisor, person):
    exemption_case = h.start_case(clerk=clerk, resident=person)
    request_case = take_request(client, clerk, person, "suspension")
    client.force_login(clerk)
    page = client.post("/cases/", {"case_type": "suspension"}, follow=True).content.decode()
    assert request_case.number in page and exemption_case.number not in page
