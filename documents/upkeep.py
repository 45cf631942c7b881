"""Upkeep of the stored documents: the sweep that queues renders whose job was lost, and the 個人番号's
purge at its 保存期限."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cases.security.sealed_files import media_path
from documents.models import Document

Status = Document.Status


def documents_render_pending(
    *, older_than: dt.timedelta = dt.timedelta(minutes=10), limit: int = 500
) -> list[int]:
    """Current documents still waiting well after their request: their task was lost (broker down
    when the request committed). Rendering is idempotent, so queuing one twice costs nothing. A document
    whose last attempt failed within `older_than` is left to its own retry (at most 160 s away,
    tasks/documents.py); queued again, its attempts go on from the row's count."""
    cutoff = timezone.now() - older_than
    pending = (
        Document.objects.filter(status=Status.REQUESTED, superseded_at__isnull=True, requested_at__lt=cutoff)
        .exclude(render_failed_at__gte=cutoff)
        .order_by("requested_at")
    )
    return list(pending.values_list("pk", flat=True)[:limit])


PURGED_MESSAGE = "個人番号の保存期限を過ぎたため、個人番号を含む帳票を削除しました。"


@transaction.atomic
def documents_mynumber_purge(*, resident_ids: list[int]) -> set[str]:
    """保存期限: the 個人番号 leaves every snapshot and every stored PDF of these residents' cases,
    irreversibly, as it leaves cases.MyNumber. Returns the SHA-256 of the PDFs that carried it, so
    that the bundle ZIPs holding a copy can drop them too (cases/submission/purge.py)."""
    documents = list(
        Document.objects.select_for_update().filter(
            case__resident_id__in=resident_ids, includes_mynumber=True
        )
    )
    for document in documents:
        if document.file:
            media_path(document.file).unlink(missing_ok=True)
        document.context = {**document.context, "mynumber": {"registered": False, "purged": True}}
        document.file, document.status, document.error = "", Status.FAILED, PURGED_MESSAGE
    Document.objects.bulk_update(documents, ["context", "file", "status", "error"])
    return {document.sha256 for document in documents if document.sha256}
