"""What a 個人番号 reveal without a 係長's approval rests on (the privacy inspector's walk, against the
PIA III-3 リスク1/リスク2): clerk2-kamui, refused for a person with no case at 神居, took a 開示請求 for
that person himself and was then shown the number — the refusal was not in the access log, and the
reveal's entry named neither an approval nor a case.

Now: the refusal is logged; a request case (開示・訂正・利用停止請求) is no basis; every reveal's entry
names the case it rests on and whether the revealing clerk received that case, and the auditor can list
the reveals resting on a case the clerk received."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.models.reveals import RevealApproval
from cases.registry.mynumber import mynumber_register
from cases.registry.reveals import has_local_case, reveal_approval_decide
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.selectors.audit import audit_filter_json
from documents.reports import audit_report_snapshot
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
NUMBER = "21096040111" + str(mynumber_check_digit("21096040111"))
# The audit list costs the same queries with 1 or 6 reveal rows: 12 (11 before each reveal was filed under the case
# it rests on; the list reads the cases' numbers in one query, as for any entry with a case).
AUDIT_LIST_QUERIES = 12
NEEDS_APPROVAL = "この方には当事務所の番号利用事務の案件・受付 (免除・障害基礎年金・資格届出) がありません。表示するには係長の承認が必要です"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def person(reference_data):
    applicant, _ = applicant_with_household()
    mynumber_register(resident=applicant, number=NUMBER)
    return applicant


@pytest.fixture
def kamui_clerk(other_office):
    return make_user("clerk2-kamui", "clerk", other_office)


def reveal(client, resident, **data):
    return client.post(f"/residents/{resident.pk}/mynumber/", {"purpose": "identity", **data})


def shown(response) -> bool:
    return 'id="mynumber"' in response.content.decode()


def take_disclosure(client, resident):
    response = client.post(
        f"/intake/requests/{resident.pk}/",
        {
            "case_type": "disclosure",
            "received_on": timezone.localdate().isoformat(),
            "requester": "self",
            "identity_documents": ["drivers_licence"],
            "content": "保有している私の情報を知りたい",
        },
    )
    assert response.status_code == 302, response.content.decode()
    return resident.cases.get(case_type="disclosure")


def reveals_shown():
    return AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL, detail__result="shown")


def test_a_request_the_clerk_took_alone_is_no_basis_for_showing_the_number(client, kamui_clerk, person):
    """The walk, step by step: refused, 開示請求 taken by the same clerk, then refused again — whether
    the request is chosen on the form or not."""
    client.force_login(kamui_clerk)
    first = reveal(client, person)
    assert not shown(first) and NEEDS_APPROVAL in first.content.decode()
    disclosure = take_disclosure(client, person)
    assert disclosure.office_id == kamui_clerk.office_id and disclosure.received_by_id == kamui_clerk.pk
    assert has_local_case(user=kamui_clerk, resident=person) is None
    for data in ({}, {"case": disclosure.pk}, {"purpose": "request", "case": disclosure.pk}):
        again = reveal(client, person, **data)
        assert not shown(again) and "表示するには係長の承認が必要です" in again.content.decode()
    assert not reveals_shown().exists()


def test_the_refusal_for_want_of_approval_is_in_the_access_log(client, kamui_clerk, person):
    client.force_login(kamui_clerk)
    assert not shown(reveal(client, person, note="窓口で確認"))
    entry = AuditEntry.objects.get(action=AuditAction.DENIED, target="mynumber_reveal")
    assert entry.detail["reason"] == "needs_approval"
    assert (entry.actor_id, entry.resident_id, entry.office_code) == (kamui_clerk.pk, person.pk, "kamui")
    assert NUMBER not in str(entry.detail) + entry.purpose
    client.force_login(make_user("auditor-x", "auditor", kamui_clerk.office))
    page = client.get("/audit/", {"action": AuditAction.DENIED}).content.decode()
    assert "係長の承認なし" in page


def test_a_request_does_not_stand_in_for_an_open_application_either(client, clerk, person):
    """A person with a 開示請求 and an exemption application at the office: the application is the basis."""
    client.force_login(clerk)
    take_disclosure(client, person)
    case = h.start_case(clerk=clerk, resident=person)
    assert has_local_case(user=clerk, resident=person) == case


def test_each_reveal_names_its_basis_and_who_received_it(client, clerk, clerk2, supervisor, person):
    """The counter's real use stays: the clerk who just took the exemption application shows the number
    for 本人確認 — and the entry says it rests on a case that clerk received."""
    case = h.start_case(clerk=clerk, resident=person)
    client.force_login(clerk)
    assert shown(reveal(client, person))  # found by has_local_case
    assert shown(reveal(client, person, case=case.pk))  # chosen on the form
    client.force_login(clerk2)
    assert shown(reveal(client, person))
    by_clerk, by_form, by_other = reveals_shown().order_by("id")
    for entry in (by_clerk, by_form, by_other):
        assert (entry.detail["case_id"], entry.detail["case_number"]) == (case.pk, case.number)
        assert entry.detail["approval_id"] is None
    assert by_clerk.detail["basis"] == "local_case" and by_form.detail["basis"] == "case"
    assert by_clerk.detail["basis_self_received"] is True and by_form.detail["basis_self_received"] is True
    assert by_other.detail["basis_self_received"] is False


def test_a_reveal_on_approval_names_the_approval_and_no_case(client, kamui_clerk, other_office, person):
    kamui_supervisor = make_user("super-kamui", "supervisor", other_office)
    client.force_login(kamui_clerk)
    reveal(client, person, request_approval="1")
    approval = RevealApproval.objects.get(requested_by=kamui_clerk)
    reveal_approval_decide(approval=approval, by=kamui_supervisor, approve=True)
    client.force_login(kamui_clerk)
    assert shown(reveal(client, person))
    entry = reveals_shown().get()
    assert entry.detail["approval_id"] == approval.pk and entry.detail["basis"] == "approval"
    assert entry.detail["case_id"] is None and entry.detail["basis_self_received"] is False


def _audit_list(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/audit/", params or {}).content.decode()
    return page, len(queries)


def test_the_auditor_lists_reveals_resting_on_a_case_the_clerk_received(
    client, clerk, clerk2, auditor, person
):
    case = h.start_case(clerk=clerk, resident=person)
    client.force_login(clerk)
    reveal(client, person, note="自分で受付")
    client.force_login(clerk2)
    reveal(client, person, note="他の職員の受付")
    client.force_login(auditor)
    page, _ = _audit_list(client)
    assert "自分で受け付けた案件を根拠とする個人番号の表示" in page  # the filter
    assert page.count(f"表示の根拠: {case.number}") == 2
    assert "自分で受け付けた案件" in page
    listed, _ = _audit_list(client, {"self_received_basis": "on"})
    assert "自分で受付" in listed and "他の職員の受付" not in listed
    assert "clerk1" in listed
    csv_body = client.get("/audit/report.csv", {"self_received_basis": "on"}).content.decode("utf-8-sig")
    assert "自分で受付" in csv_body and "他の職員の受付" not in csv_body and case.number in csv_body
    report = audit_report_snapshot(filters=audit_filter_json({"self_received_basis": True})).context
    assert [row["purpose"] for row in report["entries"]] == [
        f"本人確認 (窓口での番号の確認): 自分で受付 表示の根拠: {case.number} (自分で受け付けた案件)"
    ]
    assert report["filters"] == [
        {
            "label": "自分で受け付けた案件を根拠とする個人番号の表示",
            "value": "該当するもののみ",
            "date": False,
        }
    ]
    assert audit_filter_json({"self_received_basis": False}) == {}  # an unticked box is no condition


def test_the_basis_costs_the_audit_list_no_query(client, clerk, auditor):
    """Many reveal rows read as many queries as one: the basis comes from each entry's own detail."""
    client.force_login(auditor)
    residents = []
    for n in range(6):
        applicant, _ = applicant_with_household()
        mynumber_register(
            resident=applicant, number=f"{3000 + n:011d}" + str(mynumber_check_digit(f"{3000 + n:011d}"))
        )
        h.start_case(clerk=clerk, resident=applicant)
        residents.append(applicant)
    client.force_login(clerk)
    reveal(client, residents[0])
    client.force_login(auditor)
    _audit_list(client)  # warm the per-process caches (the session, the offices)
    __, one = _audit_list(client)
    client.force_login(clerk)
    for resident in residents[1:]:
        reveal(client, resident)
    client.force_login(auditor)
    _audit_list(client)
    __, many = _audit_list(client)
    assert many == one == AUDIT_LIST_QUERIES, (one, many)


def test_a_request_chosen_on_the_form_is_named_as_no_basis_and_approval_can_be_asked(
    client, kamui_clerk, person
):
    """The clerk handling the 開示請求 picks it on the form: told why it is no basis, and 「承認を依頼する」
    (with the request still chosen) asks a 係長 instead of trying the reveal again."""
    client.force_login(kamui_clerk)
    disclosure = take_disclosure(client, person)
    refused = reveal(client, person, purpose="request", case=disclosure.pk)
    page = refused.content.decode()
    assert not shown(refused) and "開示・訂正・利用停止請求の案件は個人番号の表示の根拠になりません" in page
    assert "承認を依頼する" in page
    entry = AuditEntry.objects.get(action=AuditAction.DENIED, target="mynumber_reveal")
    assert entry.case_id == disclosure.pk and disclosure.number in entry.purpose
    asked = reveal(client, person, purpose="request", case=disclosure.pk, request_approval="1")
    assert asked.status_code == 302
    assert RevealApproval.objects.filter(requested_by=kamui_clerk, purpose="request").count() == 1
