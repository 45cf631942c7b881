"""The weekly job reads its cases no more often than it needs (issue 15: build + seal of 1,000 cases ≤ 10 s).

Reading the bundle's cases with their resident, records and applications costs about 0.2 s for 1,000 cases
(docs/benchmarks.md, ## Weekly bundle). The ZIP's assembly read them three times (its data file, then the
送付書's snapshot, then the 送付一覧表's), and the seal snapshotted both documents twice (to have them rendered
while the cases move, then again in the final ZIP).
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.submission import bundles as svc
from documents import snapshots
from workflows.submission import bundle_seal as seal

pytestmark = pytest.mark.django_db


def wide_case_reads(queries) -> int:
    """SELECTs of whole cases with their resident and applications (the bundle's reads of its cases)."""
    return sum(
        1
        for query in queries
        if query["sql"].startswith("SELECT")
        and 'JOIN "cases_pensionrecord"' in query["sql"]
        and 'JOIN "cases_exemptionapplication"' in query["sql"]
    )


@pytest.fixture
def draft(make_ready):
    make_ready(3)
    return svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=10))


@pytest.fixture
def built(monkeypatch):
    """How many times each bundle document's snapshot is built."""
    counts = {}
    for kind, builder in list(snapshots.BUNDLE_BUILDERS.items()):

        def counted(*, bundle, _kind=kind, _builder=builder):
            counts[_kind] = counts.get(_kind, 0) + 1
            return _builder(bundle=bundle)

        monkeypatch.setitem(snapshots.BUNDLE_BUILDERS, kind, counted)
    return counts


def test_assembling_the_zip_reads_the_cases_once_for_the_data_file_and_both_documents(draft):
    with CaptureQueriesContext(connection) as queries:
        rebuilt = svc.bundle_assemble(bundle_id=draft.pk)
    assert rebuilt.archive_sha256 == draft.archive_sha256  # the same bytes as before
    assert wide_case_reads(queries.captured_queries) == 1


def test_the_seal_snapshots_the_transmittal_and_the_list_once_each(draft, supervisor, built):
    sealed = seal(bundle=draft, by=supervisor)
    assert sealed.manifest["sealed"]
    assert built == {"transmittal": 1, "bundle_list": 1}


def test_the_seal_reads_the_cases_for_its_record_check_its_documents_and_its_zip(draft, supervisor):
    with CaptureQueriesContext(connection) as queries:
        seal(bundle=draft, by=supervisor)
    # the record check under the bundle's lock, the two documents' snapshots, the final ZIP's data file
    assert wide_case_reads(queries.captured_queries) == 3
