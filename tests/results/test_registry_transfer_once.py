"""移転の依頼 sent three times at once made requests 1, 2 and 3 (the next ones produced empty files,
件数 0): the form's one-time key makes it one request, and the repeat is shown it."""

import uuid

import pytest
from django.test import Client

from cases.submission.models import RegistryTransfer
from tests.concurrency import race
from tests.factories import TRANSFER_DOCUMENT_FORM


@pytest.mark.django_db
def test_the_form_carries_a_one_time_key_and_a_repeat_shows_the_first(client, clerk):
    client.force_login(clerk)
    assert 'type="hidden" name="once"' in client.get("/transfers/").content.decode()
    once = uuid.uuid4().hex
    first = client.post("/transfers/", {"reason": "月次の反映", **TRANSFER_DOCUMENT_FORM, "once": once})
    transfer = RegistryTransfer.objects.get()
    again = client.post(
        "/transfers/", {"reason": "月次の反映", **TRANSFER_DOCUMENT_FORM, "once": once}, follow=True
    )
    assert RegistryTransfer.objects.count() == 1
    assert first["Location"] == again.redirect_chain[0][0] == f"/transfers/{transfer.pk}/"
    page = again.content.decode()
    assert f"既に移転 #{transfer.pk} として依頼されています" in page and "二重送信" in page


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_three_requests_at_once_make_one(clerk):
    once = uuid.uuid4().hex

    def submit():
        client = Client()
        client.force_login(clerk)
        return client.post(
            "/transfers/", {"reason": "月次の反映", **TRANSFER_DOCUMENT_FORM, "once": once}
        ).status_code

    outcomes = race(submit, submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok"] * 3, outcomes
    assert RegistryTransfer.objects.count() == 1
