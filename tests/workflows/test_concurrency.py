"""Races on PostgreSQL: the flow lock (SELECT … FOR UPDATE on the process row) makes them safe."""

import pytest
from django.db import connection

from cases.kernel import steps as stages
from cases.kernel.models import CaseEvent, Stage
from cases.registry.models.pension import Exemption
from tests.concurrency import race
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine

pytestmark = [pytest.mark.pg, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case_at_cross_check(clerk):
    assert connection.vendor == "postgresql"
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    h.enter(case, clerk, spouse=spouse)  # on_commit runs for real here: the attachment job is eager
    return case


@pytest.mark.parametrize("attempt", range(3))
def test_two_clerks_claiming_the_same_task_exactly_one_wins(case_at_cross_check, clerk2, office, attempt):
    from tests.conftest import make_user

    clerk3 = make_user(f"clerk3-{attempt}", "clerk", office)
    task = h.open_task(case_at_cross_check, "cross_check")
    outcomes = race(
        lambda: engine.task_claim(task_id=task.pk, user=clerk2),
        lambda: engine.task_claim(task_id=task.pk, user=clerk3),
    )
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    task.refresh_from_db()
    winner = next(value for kind, value in outcomes if kind == "ok")
    assert task.owner_id == winner.owner_id
    assert (
        case_at_cross_check.events.filter(action=CaseEvent.Action.CLAIMED, text_params__task="照合").count()
        == 1
    )


def test_approving_twice_at_once_makes_one_transition(case_at_cross_check, clerk2, supervisor):
    case = case_at_cross_check
    h.cross_check(case, clerk2)
    task = h.open_task(case, "approve")
    engine.task_claim(task_id=task.pk, user=supervisor)

    def approve():
        return engine.task_complete(
            task_id=task.pk,
            user=supervisor,
            work=lambda c: stages.stage_approval(case=c, actor=supervisor, approved=True),
        )

    outcomes = race(approve, approve)
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    case.refresh_from_db()
    assert case.stage == Stage.READY_TO_SEND
    assert case.events.filter(action=CaseEvent.Action.APPROVED).count() == 1
    assert Exemption.objects.filter(case=case).count() == 1
    assert h.open_task(case, "await_dispatch").status == "NEW"
