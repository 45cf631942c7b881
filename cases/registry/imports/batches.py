"""Starting and running imports (住民記録・所得). The work itself is in cases.registry.imports."""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_noop

from cases.common.jobs import job_send
from cases.registry.imports.errors import RowError, message
from cases.registry.imports.runner import import_execute
from cases.registry.models.imports import ImportBatch
from cases.security.models.users import User

UPLOAD_DIR = "imports"


def _upload_root() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR


def importbatch_run_file(
    *, kind: str, path: Path | str, filename: str = "", user: User | None = None
) -> tuple[ImportBatch, list[RowError]]:
    """Imports a file now, in this process (the management commands). Returns the batch and errors."""
    batch = ImportBatch.objects.create(kind=kind, filename=filename or Path(path).name, created_by=user)
    errors = import_execute(batch=batch, path=path)
    return batch, errors


def importbatch_upload(*, kind: str, upload: UploadedFile, user: User) -> ImportBatch:
    """Keeps an uploaded file in private storage and queues its import for the worker."""
    root = _upload_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored = f"{UPLOAD_DIR}/{uuid.uuid4().hex}.csv"
    target = Path(settings.MEDIA_ROOT) / stored
    # Owner-only from the first byte: the file holds names, addresses and possibly 個人番号.
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        batch = ImportBatch.objects.create(
            kind=kind,
            filename=Path(upload.name or "upload.csv").name[:255],
            stored_path=stored,
            created_by=user,
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise

    job_send("imports.run", batch.pk)
    return batch


def importbatch_run(*, batch_id: int) -> ImportBatch:
    """The worker's side of an upload. Safe to run twice: a finished batch is left alone."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != ImportBatch.Status.RUNNING or not batch.stored_path:
        return batch
    path = Path(settings.MEDIA_ROOT) / batch.stored_path
    try:
        if path.is_file():
            import_execute(batch=batch, path=path)
        else:
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportBatch.Status.REJECTED,
                errors=[
                    RowError(
                        0,
                        "",
                        message(
                            gettext_noop("取込ファイルが見つかりません。もう一度アップロードしてください")
                        ),
                    ).as_dict()
                ],
                error_count=1,
                finished_at=timezone.now(),
            )
    finally:
        path.unlink(missing_ok=True)
        ImportBatch.objects.filter(pk=batch.pk).update(stored_path="")
    batch.refresh_from_db()
    return batch
