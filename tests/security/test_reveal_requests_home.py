"""The walk of the ninth session: a clerk who asked a 係長 to approve showing a stranger's 個人番号 was never
told of the decision and had no list of their requests; they could only try the reveal again. The home now
lists the clerk's own requests (承認待ち; 承認済 while usable, APPROVAL_VALID_HOURS; 却下 of the same hours) with
the way to the person; a used one leaves the list."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.registry.models.reveals import RevealApproval
from tests.security.test_i11_reveals import resident_with_number, reveal, shown

pytestmark = pytest.mark.django_db


def card(client) -> str:
    page = client.get("/desk/").content.decode()
    return (
        page.split('id="reveal-requests"')[1].split("</section>")[0] if 'id="reveal-requests"' in page else ""
    )


def test_a_clerk_follows_their_reveal_requests_from_the_home(client, clerk, supervisor):
    person, other = resident_with_number(5101), resident_with_number(5102)
    client.force_login(clerk)
    assert card(client) == ""  # no request, no card
    reveal(client, person, request_approval="1", purpose="pension_office", note="機構からの照会")
    reveal(client, other, request_approval="1", purpose="pension_office", note="機構からの照会")
    waiting = card(client)
    assert person.kanji_name in waiting and f'href="/residents/{person.pk}/"' in waiting
    assert waiting.count("承認待ち") == 2
    client.force_login(supervisor)
    first = RevealApproval.objects.get(resident=person)
    second = RevealApproval.objects.get(resident=other)
    client.post("/mynumber/approvals/", {"action": "approve", "item": first.pk})
    client.post("/mynumber/approvals/", {"action": "refuse", "item": second.pk})
    client.force_login(clerk)
    decided = card(client)
    assert "承認済" in decided and "却下" in decided and "承認待ち" not in decided
    assert shown(reveal(client, person, purpose="pension_office", note="機構からの照会"))
    assert f'href="/residents/{person.pk}/"' not in card(client)  # used: nothing left to do
    two_days_ago = timezone.now() - dt.timedelta(days=2)
    RevealApproval.objects.filter(pk=second.pk).update(requested_at=two_days_ago, decided_at=two_days_ago)
    assert card(client) == ""  # a refusal of two days ago is old news


def test_the_card_is_the_clerks_own(client, clerk, clerk2):
    person = resident_with_number(5103)
    client.force_login(clerk)
    reveal(client, person, request_approval="1", purpose="pension_office", note="機構からの照会")
    client.force_login(clerk2)
    assert card(client) == ""
