"""A step that meets the case's flow lock held for longer than viewflow's retries (a bundle seal, a bulk
resume): the clerk hears that a colleague's work is in the way, keeps what they typed, nothing is
written, and it is not logged as a refusal — on PostgreSQL, with the lock held from a second connection."""

import types

import pytest
from django.core.cache import cache
from django.db import connection
from viewflow.workflow.status import STATUS

from cases.kernel.models import CaseEvent, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from tests.concurrency import process_row_locked
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine

pytestmark = [pytest.mark.pg, pytest.mark.django_db(transaction=True)]
BUSY = "他の職員の処理"


@pytest.fixture(autouse=True)
def _refusals_logged_afresh():
    # A refusal is logged once per user and URL for a while, and ids repeat between runs: without
    # this, "nothing was logged" could hold only because an earlier run's entry suppressed it.
    cache.clear()


@pytest.fixture(autouse=True)
def _no_waiting_between_attempts(monkeypatch):
    # viewflow waits about 8 s over its five attempts; the lock is held throughout anyway.
    monkeypatch.setattr("viewflow.workflow.lock.time", types.SimpleNamespace(sleep=lambda seconds: None))


@pytest.fixture
def case_at_cross_check(clerk):
    assert connection.vendor == "postgresql"
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    h.enter(case, clerk, spouse=spouse)
    return case


def _denied():
    return AuditEntry.objects.filter(action=AuditAction.DENIED).count()


def test_a_step_meeting_a_held_flow_lock_shows_the_form_again_with_what_was_typed(
    client, case_at_cross_check, clerk2
):
    case = case_at_cross_check
    task = h.open_task(case, "cross_check")
    engine.task_claim(task_id=task.pk, user=clerk2)
    client.force_login(clerk2)
    events_before = case.events.count()
    with process_row_locked(case.process_id):
        response = client.post(
            f"/desk/tasks/{task.pk}/", {"decision": "mismatch", "reason": "配偶者の所得が住民税の記録と違う"}
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert BUSY in page and "もう一度送信してください" in page
    assert "配偶者の所得が住民税の記録と違う" in page  # the typed reason is still in the form
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK and case.cross_checker_id is None
    assert task.status == STATUS.ASSIGNED and task.owner_id == clerk2.pk
    assert case.events.count() == events_before
    assert _denied() == 0
    # Once the colleague's work is done, the same form goes through.
    client.post(f"/desk/tasks/{task.pk}/", {"decision": "mismatch", "reason": "配偶者の所得が違う"})
    case.refresh_from_db()
    assert case.stage == Stage.INPUT


def test_claiming_while_the_flow_lock_is_held_says_so_and_takes_nothing(client, case_at_cross_check, clerk2):
    case = case_at_cross_check
    task = h.open_task(case, "cross_check")
    client.force_login(clerk2)
    with process_row_locked(case.process_id):
        response = client.post(f"/desk/tasks/{task.pk}/claim/", follow=True)
    assert response.status_code == 200
    assert BUSY in response.content.decode()
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner_id is None
    assert not case.events.filter(action=CaseEvent.Action.CLAIMED, actor=clerk2).exists()
    assert _denied() == 0
