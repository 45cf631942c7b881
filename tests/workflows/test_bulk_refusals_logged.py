"""Every refusal is logged (the brief's security measures; PIA III): a task the single 担当 button refuses is logged
as 拒否, but the same refusal inside a bulk action (担当・付け替え on ticked rows) was only shown on the result
page — an insider could try task after task through the bulk form unseen (the walk of 2026-12-07). A bulk run now
logs one 拒否 entry naming the tasks refused for want of a right (permission, office, role, four-eyes); a task
refused because a colleague took it or it finished is a race, not a refusal, and is not logged."""

import pytest
from django.core.cache import cache

from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.workflows import helpers as h
from workflows import engine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _refusals_logged_afresh():
    cache.clear()  # a refusal is logged once per user and URL for a while


@pytest.fixture
def at_cross_check(clerk, django_capture_on_commit_callbacks):
    """A case at 照合 whose 入力 the clerk did (so the clerk may not take its 照合: four-eyes)."""
    case = h.case_at_cross_check(clerk, django_capture_on_commit_callbacks)
    return h.open_task(case, "cross_check")


def _bulk_claim(client, tasks):
    data = {"action": "claim", "task": [t.pk for t in tasks], "back": "/desk/queue/", "confirm": "1"}
    return client.post("/desk/tasks/bulk/", data)


def _denied(user):
    return list(AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=user.pk))


def test_a_bulk_claim_refused_by_the_four_eyes_rule_is_logged(client, clerk, at_cross_check):
    client.force_login(clerk)
    page = _bulk_claim(client, [at_cross_check]).content.decode()
    assert "職務分離" in page
    [entry] = _denied(clerk)
    assert entry.target == "/desk/tasks/bulk/"
    assert str(at_cross_check.pk) in entry.detail["message"] and "職務分離" in entry.detail["message"]


def test_a_bulk_claim_taken_by_a_colleague_is_a_race_and_not_logged(client, clerk, clerk2, at_cross_check):
    engine.task_claim(task_id=at_cross_check.pk, user=clerk2)
    other = make_user("clerk3", "clerk", clerk.office)
    client.force_login(other)
    page = _bulk_claim(client, [at_cross_check]).content.decode()
    assert "担当しています" in page
    assert _denied(other) == []


def test_a_bulk_reassign_refused_to_a_clerk_is_logged(client, clerk2, at_cross_check):
    """The view refuses the whole form to a non-係長 (PermissionDenied, logged by the refusal handler)."""
    client.force_login(clerk2)
    data = {"action": "reassign", "task": [at_cross_check.pk], "back": "/desk/queue/", "to_user": clerk2.pk}
    assert client.post("/desk/tasks/bulk/", data).status_code == 403
    assert len(_denied(clerk2)) == 1


def test_a_task_of_another_office_ticked_by_hand_is_logged_as_not_found(client, other_office, at_cross_check):
    """A clerk of another office cannot see the task: the bulk form says 「見つかりません」 as the task's own
    page answers 404 — and that 404 is logged (not_found), so an insider trying other offices' task ids through
    the bulk form (preview or run) is logged too, as on the single screens."""
    prober = make_user("kamui_clerk", "clerk", other_office)
    client.force_login(prober)
    for confirm in ("", "1"):
        cache.clear()
        data = {"action": "print", "task": [at_cross_check.pk], "back": "/desk/queue/", "confirm": confirm}
        page = client.post("/desk/tasks/bulk/", data).content.decode()
        assert "見つかりません" in page and at_cross_check.process.case.number not in page
    entries = _denied(prober)
    assert len(entries) == 2
    for entry in entries:
        assert entry.detail["reason"] == "not_found" and str(at_cross_check.pk) in entry.detail["message"]
