"""住基への移転: 依頼 → 承認 (not by the requester) → 作成 → download, each in the access log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.models.pension import AdditionalPension, Qualification
from cases.registry.mynumber import mynumber_register
from cases.security.models.audit import AuditEntry
from cases.submission import transfer as svc
from cases.submission.models import RegistryTransfer
from tests.conftest import make_user
from tests.factories import (
    TRANSFER_DOCUMENT,
    TRANSFER_DOCUMENT_FORM,
    PensionRecordFactory,
    category1_since_2015,
)

pytestmark = pytest.mark.django_db
State = RegistryTransfer.State
MYNUMBER = "12345678901" + str(mynumber_check_digit("12345678901"))


@pytest.fixture
def member(reference_data):
    pension = PensionRecordFactory()
    mynumber_register(resident=pension.resident, number=MYNUMBER)
    category1_since_2015(pension)
    return pension


def approved(clerk, supervisor) -> RegistryTransfer:
    transfer = svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    return svc.transfer_decide(transfer=transfer, by=supervisor, approve=True)


def test_request_approve_produce_download_through_the_screens(client, member, clerk, supervisor):
    client.force_login(clerk)
    response = client.post("/transfers/", {"reason": "月次の反映", **TRANSFER_DOCUMENT_FORM})
    transfer = RegistryTransfer.objects.get()
    assert response.status_code == 302 and transfer.state == State.REQUESTED
    # The clerk cannot approve (role) and cannot produce before approval.
    assert client.post(f"/transfers/{transfer.pk}/decide/", {"approve": "1"}).status_code == 403
    refused = client.post(f"/transfers/{transfer.pk}/produce/", follow=True).content.decode()
    assert "承認されていない移転は作成できません" in refused
    transfer.refresh_from_db()
    assert transfer.state == State.REQUESTED and not transfer.file

    client.force_login(supervisor)
    assert "承認する" in client.get(f"/transfers/{transfer.pk}/").content.decode()
    client.post(f"/transfers/{transfer.pk}/decide/", {"approve": "1"})
    transfer.refresh_from_db()
    assert transfer.state == State.APPROVED and transfer.decided_by == supervisor

    client.force_login(clerk)
    client.post(f"/transfers/{transfer.pk}/produce/")
    transfer.refresh_from_db()
    assert transfer.state == State.PRODUCED and transfer.record_count == 1 and len(transfer.sha256) == 64
    response = client.get(f"/transfers/{transfer.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    header, row = text.splitlines()
    assert header.startswith("区分,宛名番号,基礎年金番号,被保険者種別,資格取得日,資格取得理由")
    assert row.startswith(f"資格,{member.resident.atena_no},{member.basic_pension_no},1,2015-06-14,01,")

    logged = list(
        AuditEntry.objects.filter(target=f"transfer:{transfer.pk}").values_list("action", "purpose")
    )
    assert [action for action, _purpose in logged] == ["change", "change", "export", "export"]


def test_the_file_holds_no_mynumber_and_is_encrypted_at_rest(member, clerk, supervisor, media):
    transfer = svc.transfer_produce(transfer=approved(clerk, supervisor), by=clerk)
    plain = svc.transfer_download(transfer=transfer, by=clerk)
    assert MYNUMBER not in plain.decode()
    stored = (media / transfer.file).read_bytes()
    assert member.resident.atena_no.encode() not in stored and member.basic_pension_no.encode() not in stored


def test_the_requester_cannot_approve_their_own_request(member, office):
    both = make_user("clerk-and-supervisor", "clerk", office)
    both.groups.add(*make_user("tmp-super", "supervisor", office).groups.all())
    transfer = svc.transfer_request(by=both, reason="至急", **TRANSFER_DOCUMENT)
    with pytest.raises(PermissionDenied):
        svc.transfer_decide(transfer=transfer, by=both, approve=True)
    transfer.refresh_from_db()
    assert transfer.state == State.REQUESTED


def test_a_rejected_transfer_is_never_produced(member, clerk, supervisor):
    transfer = svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    svc.transfer_decide(transfer=transfer, by=supervisor, approve=False, reason="依頼書の不備")
    with pytest.raises(ValidationError):
        svc.transfer_produce(transfer=transfer, by=clerk)
    transfer.refresh_from_db()
    assert transfer.state == State.REJECTED and transfer.record_count == 0


def test_the_second_transfer_holds_only_what_changed_after_the_first(member, clerk, supervisor):
    untouched = PensionRecordFactory()
    Qualification.objects.create(
        pension=untouched, insured_kind="1", acquired_on=dt.date(2010, 1, 1), acquired_reason="01"
    )
    first = svc.transfer_produce(transfer=approved(clerk, supervisor), by=clerk)
    assert first.record_count == 2 and first.changes_since is None

    qualification = member.qualifications.get()
    qualification.lost_on, qualification.lost_reason = dt.date(2026, 4, 1), "04"
    qualification.save()
    AdditionalPension.objects.create(pension=member, kind="1", joined_on=dt.date(2026, 5, 1))

    second = svc.transfer_produce(transfer=approved(clerk, supervisor), by=clerk)
    assert second.changes_since == first.produced_at and second.record_count == 2
    lines = svc.transfer_download(transfer=second, by=clerk).decode().splitlines()[1:]
    assert all(member.resident.atena_no in text for text in lines)
    assert untouched.resident.atena_no not in "".join(lines)
    assert any(text.startswith("資格,") and ",2026-04-01,04," in text for text in lines)
    assert any(text.startswith("付加,") and ",1,2026-05-01," in text for text in lines)


@pytest.mark.parametrize("persona", ["operator", "auditor"])
def test_operators_and_auditors_have_no_access(client, persona, request, member, clerk, supervisor):
    transfer = svc.transfer_produce(transfer=approved(clerk, supervisor), by=clerk)
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/transfers/").status_code == 403
    assert client.get(f"/transfers/{transfer.pk}/download/").status_code == 403
    assert client.post("/transfers/", {"reason": "x", **TRANSFER_DOCUMENT_FORM}).status_code == 403


def test_a_second_request_while_one_is_open_opens_that_one_instead(client, member, clerk, supervisor, office):
    """Two requests made on purpose both stayed open, and the second, produced after the first,
    was an empty file: a transfer holds every change up to its making, so an open one is enough."""
    first = svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    other = make_user("clerk-b", "clerk", office)
    with pytest.raises(svc.TransferOpen) as raised:
        svc.transfer_request(by=other, reason="至急の反映", **TRANSFER_DOCUMENT)
    assert raised.value.transfer == first
    svc.transfer_decide(transfer=first, by=supervisor, approve=True)
    with pytest.raises(svc.TransferOpen):
        svc.transfer_request(by=other, reason="至急の反映", **TRANSFER_DOCUMENT)
    assert RegistryTransfer.objects.count() == 1
    client.force_login(other)
    response = client.post(
        "/transfers/", {"reason": "至急の反映", **TRANSFER_DOCUMENT_FORM, "once": "k-1"}, follow=True
    )
    text = response.content.decode()
    assert f"移転 #{first.pk} が承認済みで作成を待っている" in text and RegistryTransfer.objects.count() == 1
    svc.transfer_produce(transfer=first, by=clerk)
    assert (
        svc.transfer_request(by=other, reason="次の反映", **TRANSFER_DOCUMENT).pk != first.pk
    )  # once made, a new one


def test_a_rejected_request_does_not_hold_the_next_one(member, clerk, supervisor):
    first = svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    svc.transfer_decide(transfer=first, by=supervisor, approve=False, reason="依頼書の不備")
    assert svc.transfer_request(by=clerk, reason="やり直し", **TRANSFER_DOCUMENT).pk != first.pk


def test_a_request_met_by_an_open_one_says_its_document_was_not_recorded(client, member, clerk, office):
    """QA walk: the second 依頼書 was dropped without a word (an info message said the open one was opened)."""
    svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    other = make_user("clerk-c", "clerk", office)
    client.force_login(other)
    form = {"reason": "至急の反映", **TRANSFER_DOCUMENT_FORM, "request_doc_no": "市第124号", "once": "k-2"}
    text = client.post("/transfers/", form, follow=True).content.decode()
    assert "この依頼 (情報処理依頼書 市第124号) は記録していません" in text


def test_the_file_is_named_after_the_citys_day(client, member, clerk, supervisor):
    """Produced at 05:36 JST on 7 December (20:36 UTC on the 6th): the name said the 6th."""
    transfer = svc.transfer_produce(transfer=approved(clerk, supervisor), by=clerk)
    produced = dt.datetime(2026, 12, 6, 20, 36, tzinfo=dt.UTC)
    RegistryTransfer.objects.filter(pk=transfer.pk).update(produced_at=produced)
    client.force_login(clerk)
    response = client.get(f"/transfers/{transfer.pk}/download/")
    assert f"juki-transfer-{transfer.pk}-20261207.csv" in response["Content-Disposition"]


def test_the_open_requests_message_says_what_it_waits_for(client, member, clerk, supervisor, office):
    """The walk of the ninth session: a clerk met by an open request was told 「開いた依頼を作成してから」 while
    that request still waited for a 係長's approval (and only the 本庁 makes the file)."""
    first = svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    other = make_user("clerk-d", "clerk", office)
    client.force_login(other)
    form = {"reason": "至急の反映", **TRANSFER_DOCUMENT_FORM, "request_doc_no": "市第125号", "once": "k-3"}
    text = client.post("/transfers/", form, follow=True).content.decode()
    assert "係長の承認を待っている" in text and "作成してから" not in text
    svc.transfer_decide(transfer=first, by=supervisor, approve=True)
    text = client.post("/transfers/", {**form, "once": "k-4"}, follow=True).content.decode()
    assert "承認済みで作成を待っている" in text
