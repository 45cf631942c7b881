"""A double-clicked 個人番号 approval request is one request, and a decision is taken once: three
POSTs at the same instant made three pending requests, two of them approved, two reveals (the
exploratory test of the reveal screen)."""

import pytest
from django.core.cache import cache
from django.test import Client

from cases.registry.models.reveals import RevealApproval
from cases.registry.mynumber import mynumber_register
from tests.concurrency import race
from tests.conftest import make_user
from tests.factories import ResidentFactory
from tests.security.test_i11_reveals import valid_number


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def stranger(reference_data):
    resident = ResidentFactory()
    mynumber_register(resident=resident, number=valid_number(5001))
    return resident


def ask(client, resident, purpose="identity"):
    data = {"purpose": purpose, "note": "確認", "request_approval": "1"}
    return client.post(f"/residents/{resident.pk}/mynumber/", data, follow=True)


def said(response) -> str:
    # The page's text, not response.context: the test client collects the templates rendered in any
    # thread, so in a race the context may be the other request's.
    return response.content.decode()


@pytest.mark.django_db
def test_asking_again_for_the_same_purpose_says_it_was_asked(client, clerk, stranger):
    client.force_login(clerk)
    ask(client, stranger)
    again = ask(client, stranger)
    assert RevealApproval.objects.filter(resident=stranger, requested_by=clerk).count() == 1
    assert "既に依頼済みです" in said(again) and "依頼日時" in said(again)
    ask(client, stranger, purpose="pension_office")  # another purpose is another request
    assert RevealApproval.objects.filter(resident=stranger, requested_by=clerk).count() == 2


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_three_requests_at_the_same_instant_make_one(clerk, stranger):
    def submit():
        client = Client()
        client.force_login(clerk)
        return ask(client, stranger).status_code

    outcomes = race(submit, submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok"] * 3, outcomes
    assert RevealApproval.objects.filter(resident=stranger, state=RevealApproval.State.PENDING).count() == 1


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_the_supervisor_who_lost_the_race_is_told_who_decided_and_how(clerk, supervisor, office, stranger):
    other = make_user("super2", "supervisor", office)
    approval = RevealApproval.objects.create(resident=stranger, requested_by=clerk, purpose="identity")

    def decide(user, action):
        def call():
            client = Client()
            client.force_login(user)
            response = client.post(
                "/mynumber/approvals/", {"action": action, "item": approval.pk}, follow=True
            )
            return said(response)

        return call

    outcomes = race(decide(supervisor, "approve"), decide(other, "refuse"))
    assert [outcome for outcome, _ in outcomes] == ["ok", "ok"], outcomes
    approval.refresh_from_db()
    winner, how = (supervisor, "承認") if approval.decided_by == supervisor else (other, "却下")
    loser_said = outcomes[1][1] if winner == supervisor else outcomes[0][1]
    assert "既に処理済み" in loser_said and str(winner) in loser_said and how in loser_said, loser_said
