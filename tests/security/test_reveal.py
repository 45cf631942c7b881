"""「個人番号を表示」: number-use staff only, only with a stated purpose, logged without the number,
shown once on the POST response (never in a URL, never cached), masked everywhere else."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.models.pension import MyNumber
from cases.registry.mynumber import PURGED, mynumber_register, mynumber_reveal
from cases.security.models.audit import AuditAction, AuditEntry
from tests.factories import PensionRecordFactory
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
NUMBER = "98765432109" + str(mynumber_check_digit("98765432109"))
SHOWN = f"{NUMBER[:4]} {NUMBER[4:8]} {NUMBER[8:]}"


@pytest.fixture
def person(reference_data):
    resident = PensionRecordFactory().resident
    mynumber_register(resident=resident, number=NUMBER)
    return resident


@pytest.fixture
def case(clerk, person):
    return h.start_case(clerk=clerk, resident=person)


def _everything_logged() -> str:
    return " ".join(f"{e.target} {e.purpose} {e.detail} {e.actor_username}" for e in AuditEntry.objects.all())


def test_reveal_with_a_case_as_purpose_shows_the_number_once_and_logs_it(client, clerk, person, case, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "個人番号を表示" in page and NUMBER not in page and SHOWN not in page

    response = client.post(f"/residents/{person.pk}/mynumber/", {"case": case.pk, "purpose": "filing"})
    body = response.content.decode()
    assert response.status_code == 200 and SHOWN in body
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditAction.MYNUMBER_REVEAL)
    assert (entry.resident_id, entry.case_id, entry.actor_username) == (person.pk, case.pk, "clerk1")
    assert case.number in entry.purpose and entry.detail["result"] == "shown"
    assert NUMBER not in _everything_logged()
    assert NUMBER not in caplog.text and SHOWN not in caplog.text
    assert NUMBER not in response.request["PATH_INFO"] + response.request.get("QUERY_STRING", "")

    again = client.get(f"/residents/{person.pk}/mynumber/").content.decode()
    assert NUMBER not in again and SHOWN not in again  # a reload (GET) never shows it
    assert NUMBER not in client.get(f"/residents/{person.pk}/").content.decode()


def test_reveal_with_a_purpose_from_the_list_and_a_note(client, supervisor, person, case):
    """A person with a case at the office: no case chosen, a purpose from the list and a note."""
    client.force_login(supervisor)
    body = client.post(
        f"/residents/{person.pk}/mynumber/", {"purpose": "pension_office", "note": "機構からの照会への回答"}
    ).content.decode()
    assert SHOWN in body
    entry = AuditEntry.objects.get(action=AuditAction.MYNUMBER_REVEAL)
    assert entry.purpose == "日本年金機構への照会・回答: 機構からの照会への回答"
    # Filed under the case at the office it rests on, though none was chosen (the 整理番号 column finds it).
    assert entry.case_id == case.pk and entry.detail["basis"] == "local_case"


def test_no_purpose_no_number(client, clerk, person, case):
    client.force_login(clerk)
    body = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "  "}).content.decode()
    assert "正しく選択してください" in body and SHOWN not in body
    assert not AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL).exists()


def test_a_number_typed_into_the_note_is_refused(client, clerk, person, case):
    client.force_login(clerk)
    body = client.post(
        f"/residents/{person.pk}/mynumber/", {"purpose": "other", "note": f"番号 {NUMBER} の確認"}
    ).content.decode()
    assert "自由記述欄には個人番号を書かないでください" in body and SHOWN not in body
    assert NUMBER not in _everything_logged()


def test_a_case_of_someone_else_is_not_a_purpose(clerk, person, reference_data):
    other = PensionRecordFactory().resident
    other_case = h.start_case(clerk=clerk, resident=other)
    with pytest.raises(ValidationError):
        mynumber_reveal(user=clerk, resident=person, purpose="filing", case=other_case)
    assert not AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL).exists()


@pytest.mark.parametrize("persona", ["operator", "auditor", "admin_user"])
def test_others_are_refused_and_the_refusal_logged(client, request, persona, person):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(f"/residents/{person.pk}/mynumber/")
    assert response.status_code == 403
    denied = AuditEntry.objects.get(action=AuditAction.DENIED)
    assert denied.resident_id == person.pk and denied.target == "mynumber_reveal"
    # A POST is refused too (監査 and 委託先 already by the read-only-role middleware), and logged.
    response = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "identity"})
    assert response.status_code == 403 and SHOWN not in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED).count() == 2
    with pytest.raises(PermissionDenied):
        mynumber_reveal(user=user, resident=person, purpose="identity")
    assert AuditEntry.objects.filter(action=AuditAction.DENIED).count() == 3
    assert not AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL).exists()


def test_a_purged_number_shows_as_erased(client, clerk, person, case):
    MyNumber.objects.filter(resident=person).update(
        ciphertext="", key_id="", lookup_hash=None, purged_at=timezone.now()
    )
    assert mynumber_reveal(user=clerk, resident=person, purpose="identity") == PURGED
    client.force_login(clerk)
    assert "消去済" in client.get(f"/residents/{person.pk}/").content.decode()
    posted = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "identity"})
    assert "消去済" in posted.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL, detail__result="purged").exists()


def test_the_resident_page_masks_the_number_and_lists_only_visible_cases(
    client, clerk, person, case, other_office
):
    from tests.conftest import make_user

    client.force_login(clerk)
    page = client.get(f"/residents/{person.pk}/").content.decode()
    assert "●●●● ●●●● ●●●●" in page and NUMBER not in page and case.number in page
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, target="resident", resident_id=person.pk
    ).exists()
    outsider = make_user("kamui-clerk", "clerk", other_office)
    client.force_login(outsider)
    page = client.get(f"/residents/{person.pk}/").content.decode()
    assert person.atena_no in page and case.number not in page  # another office's case stays hidden
    # and it cannot be a purpose for them either
    body = client.post(f"/residents/{person.pk}/mynumber/", {"case": case.pk}).content.decode()
    assert SHOWN not in body


@pytest.mark.parametrize("persona", ["operator", "auditor", "admin_user"])
def test_the_resident_page_is_for_the_desk(client, request, persona, person):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/residents/{person.pk}/").status_code == 403
