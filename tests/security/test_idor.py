"""Direct object references (the viewflow #505 pattern): ids typed into the address bar.

A clerk of 神居支所 asks for 本庁's cases, tasks, documents, bundle items, discrepancies, import batches,
result lines and transfers by id; ids that do not exist are asked for too; the 委託先 asks for a
document with a 個人番号; the auditor POSTs to every endpoint that changes something. Every request is
refused (404, or 403 where the role has no right at all) and no business table changes.
"""

import pytest

from cases.security.access_matrix import URLS
from cases.security.authz import url_routes
from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.security.auth_helpers import client_as
from tests.security.dbstate import changed_tables, db_state
from tests.security.matrix_client import concrete_path, post_everywhere
from tests.security.world import APPLICANT_KANA, APPLICANT_KANJI, url_values

pytestmark = pytest.mark.django_db
MADE_UP = 987654


@pytest.fixture
def kamui_clerk(other_office):
    return make_user("kamui1", "clerk", other_office)


def test_a_clerk_of_another_office_gets_nothing_of_honcho_by_id(world, kamui_clerk):
    client = client_as(kamui_clerk)
    case, task, ready = world.case, world.task, world.ready_case
    requests = [
        ("GET", f"/cases/{case.pk}/", {}),
        ("GET", f"/desk/tasks/{task.pk}/", {}),
        ("POST", f"/desk/tasks/{task.pk}/", {"documents": ["mynumber_card"]}),
        ("POST", f"/desk/tasks/{task.pk}/claim/", {}),
        ("POST", f"/desk/tasks/{task.pk}/release/", {}),
        ("GET", f"/desk/tasks/{task.pk}/reassign/", {}),
        ("POST", f"/desk/tasks/{task.pk}/reassign/", {"to_user": kamui_clerk.pk, "reason": "引継ぎ"}),
        ("GET", f"/documents/{world.receipt.pk}/", {}),
        ("GET", f"/documents/{world.filing.pk}/", {}),
        ("POST", f"/documents/{world.receipt.pk}/regenerate/", {}),
        ("GET", f"/cases/{case.pk}/documents/receipt/preview/", {}),
        ("POST", f"/cases/{case.pk}/documents/receipt/issue/", {}),
        ("GET", f"/bundles/{world.bundle.pk}/cases/{ready.pk}/remove/", {}),
        ("POST", f"/bundles/{world.bundle.pk}/cases/{ready.pk}/remove/", {"reason": "誤り", "confirm": "on"}),
        ("GET", f"/results/discrepancies/{world.discrepancy.pk}/", {}),
        ("POST", f"/results/discrepancies/{world.discrepancy.pk}/", {"note": "確認済"}),
        ("GET", f"/imports/{world.batch.pk}/", {}),
        ("GET", f"/transfers/{world.transfer.pk}/", {}),
        ("POST", f"/transfers/{world.transfer.pk}/decide/", {"approve": "1"}),
        ("POST", f"/transfers/{world.transfer.pk}/produce/", {}),
        ("GET", f"/transfers/{world.transfer.pk}/download/", {}),
        ("POST", f"/cases/{case.pk}/disclosure/report/", {}),
    ]
    before = db_state()
    answers = {}
    for method, path, data in requests:
        response = client.get(path) if method == "GET" else client.post(path, data)
        answers[f"{method} {path}"] = response.status_code
    assert {key: code for key, code in answers.items() if code not in (403, 404)} == {}
    # The case's own pages are a 404: another office's case does not exist for this clerk.
    assert answers[f"GET /cases/{case.pk}/"] == 404 and answers[f"GET /desk/tasks/{task.pk}/"] == 404
    assert answers[f"GET /transfers/{world.transfer.pk}/"] == 404
    assert changed_tables(before, db_state()) == []


def test_lists_of_another_office_do_not_show_honcho_by_name_or_number(world, kamui_clerk):
    client = client_as(kamui_clerk)
    pages = {
        "search": client.post("/cases/", {"number": world.case.number}, follow=True),
        "queue": client.get("/desk/queue/"),
        "inbox": client.get("/desk/inbox/"),
        "bundle": client.get(f"/bundles/{world.bundle.pk}/"),
        "discrepancies": client.get("/results/discrepancies/", {"status": "all"}),
        "discrepancies of the import": client.get(
            "/results/discrepancies/", {"status": "all", "import": world.result_line.result_import_id}
        ),
        "transfers": client.get("/transfers/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        if name == "search":  # the form keeps what was typed; the results must not have it
            text = text.replace(f'value="{world.case.number}"', "")
        for secret in (world.case.number, world.ready_case.number, APPLICANT_KANJI, APPLICANT_KANA):
            assert secret not in text, f"{name} shows {secret}"
        assert f"/cases/{world.case.pk}/" not in text and f"/cases/{world.ready_case.pk}/" not in text, name
    assert f"/transfers/{world.transfer.pk}/" not in pages["transfers"].content.decode()


def test_made_up_ids_are_not_found_for_every_url_that_takes_one(world, clerk, supervisor, admin_user):
    """Whoever asks, an id that does not exist is a 404 (or the role's 403): never a 500."""
    routes = [r for r in url_routes() if r.namespace != "admin" and "<" in r.route]
    assert len(routes) >= 20
    values = {name: MADE_UP for name in url_values(world)}
    values["kind"] = "receipt"
    refused = {}
    for user in (clerk, supervisor, admin_user):
        client = client_as(user)
        for route in routes:
            path = concrete_path(route, values)
            access = URLS[route.key]
            method = "GET" if access.get is not None else "POST"
            response = client.get(path) if method == "GET" else client.post(path, {})
            refused[f"{user.username} {method} {path}"] = response.status_code
    assert {key: code for key, code in refused.items() if code not in (403, 404)} == {}


def test_the_operator_never_gets_a_document_with_a_mynumber(world, operator):
    client = client_as(operator)
    assert client.get(f"/documents/{world.receipt.pk}/").status_code == 200  # 受付票: report output
    response = client.get(f"/documents/{world.filing.pk}/")
    assert response.status_code == 403
    assert b"%PDF" not in response.content
    denied = AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=operator.pk)
    assert denied.filter(detail__document_id=world.filing.pk).exists()
    # and no case screen, where a number could be revealed
    assert client.get(f"/cases/{world.case.pk}/").status_code == 403
    assert client.get(f"/residents/{world.resident.pk}/mynumber/").status_code == 403


def test_the_auditor_changes_nothing_by_posting_anywhere(world, auditor):
    """Every URL that takes a POST, with data that would work for a role that may post there."""
    client = client_as(auditor)
    values = url_values(world)
    values["case_id"] = world.case.pk
    data = {"documents": ["mynumber_card"], "reason": "監査", "note": "監査", "approve": "1", "confirm": "on"}
    before = db_state()
    answers = post_everywhere(client, world, values, data)
    assert len(answers) >= 25
    assert {path: code for path, code in answers.items() if code != 403} == {}
    assert changed_tables(before, db_state()) == []
    # Each refusal is in the access log with the reason.
    assert AuditEntry.objects.filter(actor_id=auditor.pk, action=AuditAction.DENIED).count() >= len(answers)
