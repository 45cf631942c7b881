"""Uploads whose import stopped (issue 11 M4 and the "lower" list).

An uploaded extract waits in private storage for the worker and holds names, addresses and possibly
plain 個人番号. A batch whose worker died stays RUNNING with its file on disk. The screen shows it as
stopped (no heartbeat for NENKIN_JOB_STALE_SECONDS) and offers to resume it; a file left longer than
NENKIN_UPLOAD_ABANDON_HOURS is deleted by an hourly sweep and the batch closed as interrupted.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from cases.common.jobs import job_send
from cases.common.progress import job_stalled
from cases.registry.imports.errors import RowError, message
from cases.registry.models.imports import ImportBatch
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction


def importbatch_stalled(batch: ImportBatch) -> bool:
    return batch.status == ImportBatch.Status.RUNNING and job_stalled(batch.beat_at or batch.created_at)


def importbatch_resume(*, batch: ImportBatch, by, request=None) -> bool:
    """Queues a stopped import again (the run is idempotent). False when its file is gone."""
    if not importbatch_stalled(batch):
        return False
    if not batch.stored_path or not (Path(settings.MEDIA_ROOT) / batch.stored_path).is_file():
        return False
    ImportBatch.objects.filter(pk=batch.pk).update(beat_at=timezone.now())
    audit_record(
        action=AuditAction.IMPORT,
        actor=by,
        request=request,
        target=f"import:{batch.pk}",
        detail={"event": "resumed"},
    )
    job_send("imports.run", batch.pk)
    return True


def imports_sweep_abandoned(*, now: dt.datetime | None = None) -> int:
    """Deletes the files of uploads stopped for longer than NENKIN_UPLOAD_ABANDON_HOURS. Returns how
    many batches were closed."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.NENKIN_UPLOAD_ABANDON_HOURS)
    stale = ImportBatch.objects.filter(status=ImportBatch.Status.RUNNING).exclude(stored_path="")
    stale = stale.filter(Q(beat_at__lt=cutoff) | Q(beat_at__isnull=True, created_at__lt=cutoff))
    closed = 0
    for batch in stale:
        (Path(settings.MEDIA_ROOT) / batch.stored_path).unlink(missing_ok=True)
        text = message(
            gettext_noop(
                "処理が中断されたまま時間が経ったため、取込ファイルを削除しました。もう一度アップロードしてください"
            )
        )
        ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.RUNNING).update(
            status=ImportBatch.Status.REJECTED,
            stored_path="",
            errors=[RowError(0, "", text).as_dict()],
            error_count=1,
            finished_at=now,
        )
        audit_record(action=AuditAction.DELETE, target=f"import:{batch.pk}", detail={"event": "upload_swept"})
        closed += 1
    return closed
