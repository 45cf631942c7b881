"""The bundle ZIP and its 送付一覧表 show every person of the bundle: a download or a print is logged under
each of them (PIA III-3, III-4: the 委託先 prints the list; see tests/security/test_audit_lists.py)."""

import pytest
from django.utils import timezone

from cases.security.audit import audit_chain_verify
from cases.security.models.audit import AuditAction
from cases.submission import bundles as svc
from documents.models import Document
from tests.security.test_audit_lists import seen

pytestmark = pytest.mark.django_db


def test_the_bundle_zip_and_its_list_are_found_under_each_person(client, make_ready, supervisor):
    cases = make_ready(2)
    bundle = svc.bundle_build(cutoff_at=timezone.now().replace(second=0, microsecond=0))
    svc.bundle_archive_for_download(bundle=bundle, by=supervisor)
    listing = Document.objects.get(bundle=bundle, kind=Document.Kind.BUNDLE_LIST)
    client.force_login(supervisor)
    assert client.get(f"/documents/{listing.pk}/").status_code == 200
    for case in cases:
        exported = seen(case.resident, AuditAction.EXPORT, f"bundle:{bundle.number}")
        assert [entry.case_id for entry in exported] == [case.pk]
        printed = seen(case.resident, AuditAction.PRINT, "document:bundle_list")
        assert [entry.case_id for entry in printed] == [case.pk]
    assert audit_chain_verify().ok
