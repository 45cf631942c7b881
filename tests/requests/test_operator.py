"""/reports/: the 委託先オペレーター outputs report forms and nothing else."""

import pytest

from cases.security.models.audit import AuditAction, AuditEntry
from documents.models import Document
from documents.services import document_render, document_request
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
Kind = Document.Kind


def _done(kind, case, *, includes_mynumber=False, **extra) -> Document:
    return Document.objects.create(
        kind=kind,
        case=case,
        template="stub",
        context={},
        context_sha256=f"{kind}{case.pk}",
        includes_mynumber=includes_mynumber,
        status=Document.Status.DONE,
        sha256="0" * 64,
        **extra,
    )


@pytest.fixture
def documents(clerk):
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    other, _ = applicant_with_household()
    other_case = h.start_case(clerk=clerk, resident=other)
    receipt = document_render(document_id=document_request(kind=Kind.RECEIPT, case=case).pk)
    return {
        "receipt": receipt,
        "filing": _done(Kind.FILING, case),
        "filing_with_number": _done(Kind.FILING, other_case, includes_mynumber=True),
        "income": _done(Kind.INCOME, case),
        "disclosure": _done(Kind.DISCLOSURE, other_case),
    }


def test_the_operator_sees_only_the_forms_they_may_output(client, operator, documents):
    client.force_login(operator)
    page = client.get("/reports/").content.decode()
    listed = {name for name, doc in documents.items() if f'href="/documents/{doc.pk}/"' in page}
    assert listed == {"receipt", "filing"}
    assert "帳票出力" in page  # in the navigation too
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, target="operator_reports").exists()

    assert client.get(f"/documents/{documents['receipt'].pk}/").status_code == 200
    for name in ("filing_with_number", "income", "disclosure"):
        assert client.get(f"/documents/{documents[name].pk}/").status_code == 403, name


def test_filtering_by_kind(client, operator, documents):
    client.force_login(operator)
    page = client.get("/reports/", {"kind": "receipt"}).content.decode()
    assert (
        f"/documents/{documents['receipt'].pk}/" in page
        and f"/documents/{documents['filing'].pk}/" not in page
    )


@pytest.mark.parametrize("persona", ["clerk", "supervisor", "auditor", "admin_user"])
def test_reports_screen_is_the_operators(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/reports/").status_code == 403
