"""The 開示・訂正・利用停止請求 受付 as the QA walk found it: the person's open requests are listed on the
first view (before the type is chosen on the form), and a missing choice is named, not Django's generic
「このフィールドは必須です。」."""

import uuid

import pytest

from cases.kernel.models import CaseType
from tests.requests.conftest import take_request
from tests.requests.test_intake_once import post_request

pytestmark = pytest.mark.django_db


def above_the_form(client, url: str) -> str:
    """The screen between its heading and the form (not the last intake's message above it)."""
    return client.get(url).content.decode().split("<h1>", 1)[1].split("<form", 1)[0]


def test_the_first_view_lists_the_persons_open_requests_of_every_type(client, clerk, person):
    """The other intakes list the open case above the form on the first view; here the type is chosen on
    the form, so nothing was listed until the form had been sent."""
    disclosure = take_request(client, clerk, person, "disclosure", once=uuid.uuid4().hex)
    correction = take_request(client, clerk, person, "correction", once=uuid.uuid4().hex)
    page = above_the_form(client, f"/intake/requests/{person.pk}/")
    assert disclosure.number in page and correction.number in page and "二重の受付" in page
    # Which request each one is: the clerk has not chosen a type to compare with yet.
    assert str(CaseType.DISCLOSURE.label) in page and str(CaseType.CORRECTION.label) in page


def test_once_a_type_is_chosen_only_that_types_open_request_is_listed(client, clerk, person):
    take_request(client, clerk, person, "disclosure", once=uuid.uuid4().hex)
    page = client.get(f"/intake/requests/{person.pk}/?type=suspension").content.decode()
    assert "二重の受付" not in page and 'name="confirm_open_same"' not in page
    # A different type is taken without the confirmation; the same type still needs it.
    assert post_request(client, person, "suspension", once=uuid.uuid4().hex).status_code == 302
    refused = post_request(client, person, "disclosure", once=uuid.uuid4().hex)
    assert refused.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in refused.content.decode()


def test_a_person_without_open_requests_gets_no_warning(client, clerk, person):
    client.force_login(clerk)
    page = client.get(f"/intake/requests/{person.pk}/").content.decode()
    assert "二重の受付" not in page and 'name="confirm_open_same"' not in page


def test_a_missing_request_type_and_requester_are_named(client, clerk, person):
    client.force_login(clerk)
    page = post_request(client, person, case_type="", requester="", once=uuid.uuid4().hex).content.decode()
    assert "請求の種類を選んでください。" in page and "請求者を選んでください。" in page
    assert "このフィールドは必須です。" not in page
