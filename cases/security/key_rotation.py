"""個人番号 key rotation: everything sealed with the keyring is re-sealed under its first key.

What is sealed: ``MyNumber.ciphertext``, the 個人番号 ciphertext kept in document snapshots, the TOTP
secrets, and the files at rest (documents, bundle ZIPs, 住基 transfer files). Each kind is walked in
primary-key order, a batch per transaction (files one by one, each replaced by an atomic rename), and
anything already under the first key is skipped — so the run can be interrupted and simply run again.
The procedure is in docs/security/key-rotation.md.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from cases.registry.models.pension import MyNumber
from cases.security.crypto import (
    DecryptionError,
    current_key_id,
    key_id_of,
    mynumber_reencrypt,
    secret_reseal,
)
from cases.security.models.users import User
from cases.security.sealed_files import header_key_id, media_path
from cases.security.totp import totp_secret_context
from cases.submission.models import RegistryTransfer, SubmissionBundle
from cases.submission.storage import BundleFileError, archive_read, archive_write
from cases.submission.transfer_file import TransferFileError, transfer_file_read, transfer_file_write
from documents.models import Document
from documents.storage import SealedFileError, open_sealed, write_sealed

logger = logging.getLogger(__name__)

MYNUMBERS = "個人番号"
SNAPSHOTS = "帳票データの個人番号"
TOTP = "二要素認証の鍵"
DOCUMENT_FILES = "帳票ファイル"
BUNDLE_FILES = "送付データ (ZIP)"
TRANSFER_FILES = "住基への移転ファイル"
KINDS = (MYNUMBERS, SNAPSHOTS, TOTP, DOCUMENT_FILES, BUNDLE_FILES, TRANSFER_FILES)

MISSING = "(ファイルなし)"
UNKNOWN = "(形式不明)"

Progress = Callable[[str, int], None]


@dataclass
class RotationReport:
    key_id: str
    # kind → old key id → how many were re-sealed under key_id
    rotated: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # kind → how many were already under key_id
    current: Counter = field(default_factory=Counter)
    # kind → old key id (or MISSING / UNKNOWN) → how many could not be opened
    failed: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def rotated_total(self) -> int:
        return sum(sum(counter.values()) for counter in self.rotated.values())

    @property
    def failed_total(self) -> int:
        return sum(sum(counter.values()) for counter in self.failed.values())

    def as_dict(self) -> dict:
        return {
            "key_id": self.key_id,
            "rotated": {kind: dict(counter) for kind, counter in self.rotated.items() if counter},
            "current": dict(self.current),
            "failed": {kind: dict(counter) for kind, counter in self.failed.items() if counter},
        }


def _batches(queryset, batch_size: int) -> Iterator[list]:
    """Rows in pk order, each batch locked inside its own transaction (the caller's block)."""
    last = 0
    while True:
        with transaction.atomic():
            rows = list(
                queryset.select_for_update(of=("self",)).filter(pk__gt=last).order_by("pk")[:batch_size]
            )
            if not rows:
                return
            yield rows
        last = rows[-1].pk


def _column(
    report: RotationReport,
    kind: str,
    sealed,
    *,
    lookup: str,
    sealed_of: Callable,
    reseal: Callable,
    fields: list[str],
    errors: tuple[type[Exception], ...],
    batch_size: int,
    progress: Progress | None,
) -> None:
    """Rows of ``sealed`` keep a ciphertext at ``lookup`` (``sealed_of(row)``); ``reseal(row)`` puts it
    under the first key in place, and the batch is saved with ``fields``."""
    current = {f"{lookup}__startswith": f"v1${report.key_id}$"}
    report.current[kind] += sealed.filter(**current).count()
    for rows in _batches(sealed.exclude(**current), batch_size):
        changed = []
        for row in rows:
            old = key_id_of(sealed_of(row)) or UNKNOWN
            try:
                reseal(row)
            except errors:
                report.failed[kind][old] += 1
                continue
            report.rotated[kind][old] += 1
            changed.append(row)
        sealed.model.objects.bulk_update(changed, fields)
        _say(progress, kind, report)


def _mynumber_reseal(row: MyNumber) -> None:
    row.ciphertext, row.key_id = mynumber_reencrypt(ciphertext=row.ciphertext, atena_no=row.resident.atena_no)


def _snapshot_reseal(document: Document) -> None:
    """Documents keep the 個人番号 ciphertext of when they were issued, to print it at render time."""
    part = document.context["mynumber"]
    ciphertext, _kid = mynumber_reencrypt(ciphertext=part["ciphertext"], atena_no=part["atena_no"])
    document.context = {**document.context, "mynumber": {**part, "ciphertext": ciphertext}}


def _totp_reseal(user: User) -> None:
    user.totp_secret = secret_reseal(ciphertext=user.totp_secret, context=totp_secret_context(user.pk))


def _file_key_id(path: Path, magic: bytes) -> str | None:
    """The key id in a sealed file's header (magic, id length, id); None if the file is missing."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(magic) + 1 + 255)
    except FileNotFoundError:
        return None
    return header_key_id(head, magic) or UNKNOWN


def _files(
    report: RotationReport,
    kind: str,
    rows,
    *,
    magic: bytes,
    name_of: Callable,
    reseal: Callable,
    errors: tuple[type[Exception], ...],
    progress: Progress | None,
) -> None:
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk")[:200])
        if not batch:
            return
        for row in batch:
            old = _file_key_id(media_path(name_of(row)), magic)
            if old is None:
                report.failed[kind][MISSING] += 1
            elif old == report.key_id:
                report.current[kind] += 1
            else:
                try:
                    reseal(row)
                except errors:
                    report.failed[kind][old] += 1
                else:
                    report.rotated[kind][old] += 1
        last = batch[-1].pk
        _say(progress, kind, report)


def _document_reseal(document: Document) -> None:
    plain = open_sealed(sealed=media_path(document.file).read_bytes(), document_id=document.pk)
    write_sealed(name=document.file, plain=plain, document_id=document.pk)


def _bundle_reseal(bundle: SubmissionBundle) -> None:
    archive_write(
        name=bundle.archive,
        plain=archive_read(name=bundle.archive, number=bundle.number),
        number=bundle.number,
    )


def _transfer_reseal(transfer: RegistryTransfer) -> None:
    plain = transfer_file_read(name=transfer.file, transfer_id=transfer.pk)
    transfer_file_write(name=transfer.file, plain=plain, transfer_id=transfer.pk)


def _say(progress: Progress | None, kind: str, report: RotationReport) -> None:
    if progress is not None:
        progress(kind, sum(report.rotated[kind].values()))


def keys_rotate(*, batch_size: int = 500, progress: Progress | None = None) -> RotationReport:
    """Re-seals everything not yet under the keyring's first key. Safe to interrupt and run again."""
    report = RotationReport(key_id=current_key_id())
    batches = {"batch_size": batch_size, "progress": progress}
    _column(
        report,
        MYNUMBERS,
        MyNumber.objects.exclude(ciphertext="").select_related("resident"),
        lookup="ciphertext",
        sealed_of=lambda row: row.ciphertext,
        reseal=_mynumber_reseal,
        fields=["ciphertext", "key_id"],
        errors=(DecryptionError,),
        **batches,
    )
    _column(
        report,
        SNAPSHOTS,
        Document.objects.filter(context__mynumber__has_key="ciphertext").only("pk", "context"),
        lookup="context__mynumber__ciphertext",
        sealed_of=lambda document: document.context["mynumber"]["ciphertext"],
        reseal=_snapshot_reseal,
        fields=["context"],
        errors=(DecryptionError, KeyError),
        **batches,
    )
    _column(
        report,
        TOTP,
        User.objects.exclude(totp_secret="").only("pk", "totp_secret"),
        lookup="totp_secret",
        sealed_of=lambda user: user.totp_secret,
        reseal=_totp_reseal,
        fields=["totp_secret"],
        errors=(DecryptionError,),
        **batches,
    )
    _files(
        report,
        DOCUMENT_FILES,
        Document.objects.exclude(file="").only("pk", "file"),
        magic=b"NDOC1",
        name_of=lambda document: document.file,
        reseal=_document_reseal,
        errors=(SealedFileError, OSError),
        progress=progress,
    )
    _files(
        report,
        BUNDLE_FILES,
        SubmissionBundle.objects.exclude(archive="").only("pk", "archive", "number"),
        magic=b"NBDL1",
        name_of=lambda bundle: bundle.archive,
        reseal=_bundle_reseal,
        errors=(BundleFileError, OSError),
        progress=progress,
    )
    _files(
        report,
        TRANSFER_FILES,
        RegistryTransfer.objects.exclude(file="").only("pk", "file"),
        magic=b"NRTX1",
        name_of=lambda transfer: transfer.file,
        reseal=_transfer_reseal,
        errors=(TransferFileError, OSError),
        progress=progress,
    )
    # Counts and key ids only: nothing here is personal data.
    logger.info("key rotation to %s: %s", report.key_id, report.as_dict())
    return report
