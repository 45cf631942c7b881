"""Back and resubmit on the 開示・訂正・利用停止請求 受付 made a second case (2026-000053, then
2026-000054): the screen now guards it as the other intake screens do — the same form is one case
(its one-time key), and a new form for a type the person has open needs the clerk's confirmation."""

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from cases.kernel.models import Case
from tests.concurrency import race
from tests.requests.conftest import take_request

pytestmark = pytest.mark.django_db


def post_request(client, resident, case_type="disclosure", **extra):
    data = {
        "case_type": case_type,
        "received_on": timezone.localdate().isoformat(),
        "requester": "self",
        "identity_documents": ["drivers_licence"],
        "content": "保有している私の情報を知りたい",
        **extra,
    }
    return client.post(f"/intake/requests/{resident.pk}/", data)


def test_a_new_form_for_an_open_type_needs_the_clerks_confirmation(client, clerk, person):
    first = take_request(client, clerk, person, "disclosure", once=uuid.uuid4().hex)
    refused = post_request(client, person, once=uuid.uuid4().hex)  # Back reloaded the page: a new key
    page = refused.content.decode()
    assert refused.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in page
    assert first.number in page  # the open case is named on the screen
    assert Case.objects.filter(resident=person).count() == 1
    confirmed = post_request(client, person, once=uuid.uuid4().hex, confirm_open_same="on")
    assert confirmed.status_code == 302 and Case.objects.filter(resident=person).count() == 2


def test_another_type_of_request_is_taken_without_the_confirmation(client, clerk, person):
    take_request(client, clerk, person, "disclosure")
    assert post_request(client, person, "correction", once=uuid.uuid4().hex).status_code == 302
    page = client.get(f"/intake/requests/{person.pk}/?type=disclosure").content.decode()
    assert 'name="confirm_open_same"' in page  # offered before sending, for the type asked for


def test_the_same_form_again_shows_the_first_case(client, clerk, person):
    once = uuid.uuid4().hex
    case = take_request(client, clerk, person, "disclosure", once=once)
    again = post_request(client, person, once=once)
    assert again.status_code == 302 and again["Location"] == f"/cases/{case.pk}/"
    assert Case.objects.filter(resident=person).count() == 1


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_instant_make_one_case(clerk, person):
    once = uuid.uuid4().hex

    def submit():
        client = Client()
        client.force_login(clerk)
        return post_request(client, person, once=once).status_code

    outcomes = race(submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok", "ok"], outcomes
    assert Case.objects.filter(resident=person).count() == 1
