"""保管・消去 in the weekly bundles: when a person's 個人番号 is purged (cases/registry/retention.py), the
PDFs that printed it leave every stored bundle ZIP too — otherwise the number would survive the purge
inside a sealed copy that a 係長 can still download (PIA II-6, III-7).

The ZIP is written again without those entries (same order, same stamp, so nothing else changes), and
its manifest says what went, when and why, with the SHA-256 the entry had and the one the ZIP had, so
that what was sent to 機構 can still be accounted for. The old sealed file is deleted after commit."""

import io
import zipfile

from django.db import transaction
from django.utils import timezone

from cases.registry.retention import purge_copies_register
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission.archive import MANIFEST, Entry, archive_build, sha256_hex
from cases.submission.bundle_common import audit_bundle
from cases.submission.models import SubmissionBundle
from cases.submission.storage import archive_name, archive_read, archive_remove, archive_write

REASON = "保存期限の経過による個人番号の消去"


def bundle_archives_mynumber_purge(
    *, resident_ids: list[int], digests: set[str], by: User | None = None
) -> list[str]:
    """Removes the PDFs whose SHA-256 is in ``digests`` (those that printed the purged numbers) from
    the ZIPs of the bundles holding these residents' cases. Returns the bundle numbers rewritten."""
    if not resident_ids or not digests:
        return []
    bundles = (
        SubmissionBundle.objects.select_for_update()
        .filter(
            pk__in=SubmissionBundle.objects.filter(items__case__resident_id__in=resident_ids).values("pk")
        )
        .exclude(archive="")
        .order_by("pk")
    )
    return [bundle.number for bundle in bundles if _rewrite(bundle, digests, by)]


def _rewrite(bundle: SubmissionBundle, digests: set[str], by: User | None) -> bool:
    manifest = bundle.manifest or {}
    files = manifest.get("files", {})
    gone = sorted(path for path, meta in files.items() if meta.get("sha256") in digests)
    if not gone:
        return False
    data = archive_read(name=bundle.archive, number=bundle.number)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [
            Entry(name, archive.read(name))
            for name in archive.namelist()
            if name != MANIFEST and name not in gone
        ]
    today = timezone.localdate().isoformat()
    purged = dict(manifest.get("purged", {}))
    for path in gone:
        purged[path] = {"sha256": files[path]["sha256"], "purged_on": today, "reason": REASON}
    kept = {key: value for key, value in manifest.items() if key not in ("files", "format")}
    previous = {"sha256": bundle.archive_sha256, "until": today}
    kept["purged"], kept["previous_archives"] = purged, [*manifest.get("previous_archives", []), previous]
    stamp = timezone.localtime(bundle.cutoff_at).replace(tzinfo=None)  # as bundle_assembly stamps it
    rebuilt, full = archive_build(entries=entries, manifest=kept, stamp=stamp)
    digest = sha256_hex(rebuilt)
    old_name, name = bundle.archive, archive_name(number=bundle.number, sha256=digest)
    archive_write(name=name, plain=rebuilt, number=bundle.number)
    bundle.archive, bundle.archive_sha256, bundle.manifest = name, digest, full
    bundle.save(update_fields=["archive", "archive_sha256", "manifest"])
    if old_name != name:
        transaction.on_commit(lambda: archive_remove(name=old_name))
    audit_bundle(
        bundle=bundle,
        by=by,
        action=AuditAction.PURGE,
        purpose=REASON,
        files=gone,
        sha256_before=previous["sha256"],
        sha256=digest,
    )
    return True


# The retention purge (cases/registry, below this part) reaches the bundles through its hook; this module
# is imported at start-up as every part's `purge` module is (cases/apps.py PLUGIN_MODULES).
purge_copies_register(bundle_archives_mynumber_purge)
