"""保管・消去 reaches the bundle ZIPs (PIA II-6, III-7): a purged 個人番号 no longer survives in a copy of the
PDF that printed it, inside a sealed bundle a 係長 can still download."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.utils import timezone

from cases.kernel.models import Case, Stage
from cases.registry.mynumber import mynumber_register
from cases.registry.retention import retention_dates_refresh, retention_purge
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.sealed_files import media_path
from cases.submission import bundles as svc
from cases.submission.archive import archive_verify
from cases.submission.storage import archive_read
from documents.models import Document
from tests.factories import stub_document

pytestmark = pytest.mark.django_db


def test_a_purged_number_leaves_the_bundle_zip_that_held_its_pdf(
    make_ready, supervisor, admin_user, django_capture_on_commit_callbacks
):
    purged, kept = make_ready(2)
    # 資格取得 without a 基礎年金番号 and the like print the 個人番号 on the 届書 機構 receives.
    printed = stub_document(purged, Document.Kind.FILING, includes_mynumber=True)
    bundle = svc.bundle_build(cutoff_at=timezone.now().replace(second=0, microsecond=0))
    path = f"cases/{purged.number}/filing.pdf"
    before = archive_read(name=bundle.archive, number=bundle.number)
    assert zipfile.ZipFile(io.BytesIO(before)).read(path)  # the copy the purge must reach
    old_file, old_sha = bundle.archive, bundle.archive_sha256

    resident = purged.resident
    mynumber_register(resident=resident, number="123456789018")
    Case.objects.filter(pk=purged.pk).update(stage=Stage.CLOSED)
    type(resident).objects.filter(pk=resident.pk).update(removed_on=dt.date(2015, 4, 1), change_reason="05")
    retention_dates_refresh()
    with django_capture_on_commit_callbacks(execute=True):
        assert [c.resident_id for c in retention_purge(by=admin_user)] == [resident.pk]

    bundle.refresh_from_db()
    after = svc.bundle_archive_for_download(bundle=bundle, by=supervisor)
    with zipfile.ZipFile(io.BytesIO(after)) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert path not in names and f"cases/{kept.number}/filing.pdf" in names
    assert archive_verify(after) == [] and bundle.archive_sha256 != old_sha
    assert manifest["purged"][path]["sha256"] == printed.sha256
    assert manifest["previous_archives"][-1]["sha256"] == old_sha
    assert manifest["bundle"]["number"] == bundle.number  # the rest of the manifest as it was
    assert not media_path(old_file).exists()  # the old sealed copy is gone too
    entry = AuditEntry.objects.get(action=AuditAction.PURGE, target=f"bundle:{bundle.number}")
    assert entry.detail["files"] == [path] and entry.detail["sha256_before"] == old_sha


def test_a_bundle_without_a_printed_number_is_left_as_it_was(make_ready, admin_user):
    (case,) = make_ready(1)
    bundle = svc.bundle_build(cutoff_at=timezone.now().replace(second=0, microsecond=0))
    sha = bundle.archive_sha256
    mynumber_register(resident=case.resident, number="123456789018")
    Case.objects.filter(pk=case.pk).update(stage=Stage.CLOSED)
    type(case.resident).objects.filter(pk=case.resident_id).update(
        removed_on=dt.date(2015, 4, 1), change_reason="05"
    )
    retention_dates_refresh()
    assert len(retention_purge(by=admin_user)) == 1
    bundle.refresh_from_db()
    assert bundle.archive_sha256 == sha
    assert not AuditEntry.objects.filter(action=AuditAction.PURGE, target=f"bundle:{bundle.number}").exists()
