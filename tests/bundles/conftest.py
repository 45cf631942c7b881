import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from cases.kernel.models import Case
from cases.submission.models import SubmissionBundle
from documents.models import Document
from documents.snapshots import case_document_kinds
from tests.disability import helpers as claims
from tests.factories import PensionRecordFactory, applicant_with_household, stub_document
from tests.workflows import helpers as h


@pytest.fixture
def private_tmp():
    """Not pytest's tmp_path: a pytest run started by someone else on this machine prunes old
    basetemp directories, which could remove files a worker of ours is still using."""
    path = Path(tempfile.mkdtemp(prefix="nenkin-bundles-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def media_root(settings, private_tmp):
    settings.MEDIA_ROOT = private_tmp / "media"
    return settings.MEDIA_ROOT


def documents_stub(case: Case) -> None:
    """The case's documents as if rendered at approval (no WeasyPrint: the bundle only assembles)."""
    for kind in case_document_kinds(case):
        if kind != Document.Kind.RECEIPT:
            stub_document(case, kind)


@pytest.fixture
def make_ready(clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    """Drives new cases through the real flow to 送付待ち (so the 送付待ち Handle exists)."""

    def make(
        count: int = 1, *, documents: bool = True, approved_at: dt.datetime | None = None, claims_too: int = 0
    ) -> list[Case]:
        """`count` exemptions, then `claims_too` 障害基礎年金 claims, in the same week."""
        cases = []
        for index in range(count + claims_too):
            if index >= count:
                case = claims.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
                claims.ready_to_send(case, clerk, clerk2, supervisor)
            else:
                applicant, spouse = applicant_with_household()
                case = h.start_case(clerk=clerk, resident=applicant)
                h.verify(case, clerk)
                with django_capture_on_commit_callbacks(execute=True):
                    h.enter(case, clerk, spouse=spouse)
                h.cross_check(case, clerk2)
                h.approve(case, supervisor)  # on-commit document rendering deliberately not run
            # Approved "earlier", so a cut-off of this minute (cut-offs are whole minutes) covers it.
            when = approved_at or timezone.now() - dt.timedelta(hours=1)
            Case.objects.filter(pk=case.pk).update(stage_since=when)
            case.refresh_from_db()
            if documents:
                documents_stub(case)
            cases.append(case)
        return cases

    return make


def live_items(bundle: SubmissionBundle) -> list[str]:
    return sorted(bundle.items.filter(live=True).values_list("case__number", flat=True))


@pytest.fixture
def no_render_on_approval(monkeypatch):
    """Transactional tests run on-commit hooks at once; keep approval from rendering real PDFs
    (the stubs stand in for them, as in the benchmark)."""

    from celery import current_app

    monkeypatch.setattr(current_app.tasks["documents.case_documents"], "delay", lambda *args, **kwargs: None)
