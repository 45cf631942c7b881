"""Two requests for the same document of a case at the same moment (two clerks printing the 受付票 again):
the case's row lock makes the second wait for the first to commit, so exactly one document stays current.
Without the lock the second fails on the one-current-document constraint (checked by removing it)."""

import time

import pytest

from cases.kernel.models import Case
from documents import services
from documents.models import Document
from tests.concurrency import race

pytestmark = [pytest.mark.pg, pytest.mark.django_db(transaction=True)]


def test_two_requests_at_once_leave_one_current_document(intake_case, monkeypatch):
    build = services.snapshot_build

    def slow_build(**kwargs):
        time.sleep(0.3)  # both requests are inside document_request together unless the lock holds one
        return build(**kwargs)

    monkeypatch.setattr(services, "snapshot_build", slow_build)
    monkeypatch.setattr(services, "_schedule", lambda document: None)  # rendering is not the point here

    def reprint() -> int:
        case = Case.objects.get(pk=intake_case.pk)
        return services.document_request(kind=Document.Kind.RECEIPT, case=case, force=True).pk

    outcomes = race(reprint, reprint)

    made = [value for _kind, value in outcomes]
    assert [kind for kind, _value in outcomes] == ["ok", "ok"] and len(set(made)) == 2
    current = Document.objects.filter(
        case=intake_case, kind=Document.Kind.RECEIPT, superseded_at__isnull=True
    )
    assert list(current.values_list("pk", flat=True)) == [max(made)]
