"""所得情報 on the resident page (PIA II-2④: 「免除申請等の相談に適切に対応するため保有」; III-3 リスク1):
a clerk whose office handles no open case of the person sees no income until they state a purpose,
which the access log keeps; an open case of the person at their office is purpose enough."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from cases.security.audit_purposes import audit_purpose_show
from cases.security.models.audit import AuditAction, AuditEntry
from tests.factories import applicant_with_household
from tests.workflows.helpers import start_case

pytestmark = pytest.mark.django_db
INCOME = "1,234,567"  # the yen filter's grouping


@pytest.fixture
def person():
    applicant, _spouse = applicant_with_household(income=1_234_567, spouse_income=None)
    return applicant


def test_without_a_case_the_page_asks_for_a_purpose_and_shows_no_income(client, clerk, person):
    client.force_login(clerk)
    page = client.get(f"/residents/{person.pk}/").content.decode()
    assert INCOME not in page and "所得情報を表示" in page
    entry = AuditEntry.objects.filter(target="resident", resident_id=person.pk).latest("id")
    assert not (entry.detail or {}).get("income")


def test_a_stated_purpose_is_logged_in_japanese_and_shows_the_income_for_that_person_only(
    client, clerk, person
):
    other, _ = applicant_with_household(income=7_654_321, spouse_income=None)
    client.force_login(clerk)
    client.cookies["django_language"] = "en"  # the log stays Japanese whatever the screen language
    answer = client.post(f"/residents/{person.pk}/income/", {"purpose": "consultation", "note": ""})
    assert answer.status_code == 302 and answer.url.endswith(f"/residents/{person.pk}/#income")
    logged = AuditEntry.objects.get(target="resident_income", resident_id=person.pk)
    assert logged.action == AuditAction.VIEW and logged.purpose == "所得情報の表示 (免除申請等の相談)"
    assert INCOME in client.get(f"/residents/{person.pk}/").content.decode()
    assert "7,654,321" not in client.get(f"/residents/{other.pk}/").content.decode()


def test_other_needs_a_note_and_a_get_does_nothing(client, clerk, person):
    client.force_login(clerk)
    client.post(f"/residents/{person.pk}/income/", {"purpose": "other", "note": ""})
    assert not AuditEntry.objects.filter(target="resident_income").exists()
    assert INCOME not in client.get(f"/residents/{person.pk}/").content.decode()
    assert client.get(f"/residents/{person.pk}/income/").status_code == 405


def test_the_purpose_lapses_after_its_minutes(client, clerk, person, monkeypatch):
    client.force_login(clerk)
    client.post(f"/residents/{person.pk}/income/", {"purpose": "household", "note": ""})
    later = timezone.now() + dt.timedelta(minutes=16)
    monkeypatch.setattr("cases.registry.income_view.timezone.now", lambda: later)
    assert INCOME not in client.get(f"/residents/{person.pk}/").content.decode()


def test_an_open_case_at_the_clerks_office_is_purpose_enough(client, clerk, person):
    start_case(clerk=clerk, resident=person)
    client.force_login(clerk)
    assert INCOME in client.get(f"/residents/{person.pk}/").content.decode()
    entry = AuditEntry.objects.filter(target="resident", resident_id=person.pk).latest("id")
    assert entry.detail["income"] == "case"


def test_the_auditor_reads_the_purpose_in_english(client, clerk, person):
    client.force_login(clerk)
    client.post(f"/residents/{person.pk}/income/", {"purpose": "consultation", "note": ""})
    with translation.override("en"):
        shown = audit_purpose_show("resident_income", "所得情報の表示 (免除申請等の相談)")
    assert shown == "Income shown (consultation on an exemption etc.)"


def test_a_request_case_is_no_reason_to_show_the_income(client, clerk, person):
    """QA walk: a 開示請求 the clerk takes alone in one form showed the incomes, as it showed the 個人番号."""
    from cases.requests import services as requests_svc

    requests_svc.request_intake(
        actor=clerk,
        resident=person,
        case_type="disclosure",
        requester="self",
        identity_documents=["mynumber_card"],
        content="開示請求",
        received_on=timezone.localdate(),
    )
    client.force_login(clerk)
    assert INCOME not in client.get(f"/residents/{person.pk}/").content.decode()


def test_shown_for_a_case_the_entry_names_the_case_and_the_purpose(client, clerk, person):
    case = start_case(clerk=clerk, resident=person)
    client.force_login(clerk)
    client.get(f"/residents/{person.pk}/")
    entry = AuditEntry.objects.filter(target="resident", resident_id=person.pk).latest("id")
    assert entry.case_id == case.pk and entry.purpose == "所得情報の表示 (案件の事務)"


def test_the_note_of_other_reaches_the_auditor_and_a_refused_form_keeps_its_choice(client, clerk, person):
    client.force_login(clerk)
    page = client.post(f"/residents/{person.pk}/income/", {"purpose": "other", "note": "x" * 201})
    body = page.content.decode()
    assert page.status_code == 400 and 'value="other" selected' in body
    assert "「その他」の場合は備考に目的を書いてください。" not in body  # only the note's own error
    client.post(
        f"/residents/{person.pk}/income/", {"purpose": "other", "note": "年金事務所からの照会への回答"}
    )
    logged = AuditEntry.objects.get(target="resident_income")
    assert logged.purpose == "所得情報の表示 (その他): 年金事務所からの照会への回答"
    with translation.override("en"):
        assert audit_purpose_show("resident_income", logged.purpose) == (
            "Income shown (other): 年金事務所からの照会への回答"
        )
