"""The same intake form sent twice makes one case (the browser test of 2026-12-06: a double click on
「受け付ける」 150–250 ms apart made two cases, each with its 受付票 and its 本人確認)."""

import uuid

import pytest
from django.test import Client

from cases.kernel.models import Case
from tests.concurrency import race
from tests.factories import applicant_with_household
from tests.workflows.test_intake_refusals import post_intake


@pytest.fixture
def applicant(clerk):
    resident, _spouse = applicant_with_household(spouse_income=None)
    return resident


@pytest.mark.django_db
def test_the_form_carries_a_one_time_key(client, clerk, applicant):
    client.force_login(clerk)
    page = client.get(f"/intake/exemption/{applicant.pk}/").content.decode()
    assert 'type="hidden" name="once"' in page


@pytest.mark.django_db
def test_a_second_submission_of_the_same_form_shows_the_first_case(client, clerk, applicant):
    client.force_login(clerk)
    once = uuid.uuid4().hex
    first = post_intake(client, applicant, once=once)
    assert first.status_code == 302
    case = Case.objects.get(resident=applicant)
    again = post_intake(client, applicant, once=once)
    assert again.status_code == 302 and again["Location"] == f"/cases/{case.pk}/"
    assert Case.objects.filter(resident=applicant).count() == 1
    said = [str(m) for m in again.wsgi_request._messages]
    assert any("二重送信" in text and case.number in text for text in said)
    # A new form (a new key: Back reloads the page) is not taken while the first is open, unless the
    # clerk confirms a second one (the regression check of 2026-12-06 made a second case that way).
    refused = post_intake(client, applicant, once=uuid.uuid4().hex)
    assert refused.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in refused.content.decode()
    assert Case.objects.filter(resident=applicant).count() == 1
    confirmed = post_intake(client, applicant, once=uuid.uuid4().hex, confirm_open_same="on")
    assert confirmed.status_code == 302 and Case.objects.filter(resident=applicant).count() == 2


def test_the_confirmation_is_offered_only_when_an_open_case_of_the_type_exists(client, clerk, applicant):
    client.force_login(clerk)
    assert 'name="confirm_open_same"' not in client.get(f"/intake/exemption/{applicant.pk}/").content.decode()
    post_intake(client, applicant, once=uuid.uuid4().hex)
    assert 'name="confirm_open_same"' in client.get(f"/intake/exemption/{applicant.pk}/").content.decode()


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_instant_make_one_case(clerk, applicant):
    """On PostgreSQL the second waits on the key's unique index until the first commits."""
    once = uuid.uuid4().hex

    def submit():
        client = Client()
        client.force_login(clerk)
        return post_intake(client, applicant, once=once).status_code

    outcomes = race(submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok", "ok"], outcomes
    assert Case.objects.filter(resident=applicant).count() == 1
