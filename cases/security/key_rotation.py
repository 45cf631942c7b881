"""個人番号 key rotation: everything sealed with the keyring is re-sealed under its first key.

What is sealed is whatever registered itself in `cases.security.sealed_stores`: ``MyNumber.ciphertext``,
the 個人番号 ciphertext kept in document snapshots, the TOTP secrets, and the files at rest (documents,
bundle ZIPs, 住基 transfer files). Each kind is walked in
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

from cases.security.crypto import DecryptionError, current_key_id, key_id_of, secret_reseal
from cases.security.models.users import User
from cases.security.sealed_files import header_key_id, media_path
from cases.security.sealed_stores import TOTP, SealedColumn, sealed_store_register, sealed_stores
from cases.security.totp import totp_secret_context

logger = logging.getLogger(__name__)

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


def _totp_reseal(user: User) -> None:
    user.totp_secret = secret_reseal(ciphertext=user.totp_secret, context=totp_secret_context(user.pk))


sealed_store_register(
    SealedColumn(
        kind=TOTP,
        rows=lambda: User.objects.exclude(totp_secret="").only("pk", "totp_secret"),
        lookup="totp_secret",
        sealed_of=lambda user: user.totp_secret,
        reseal=_totp_reseal,
        fields=("totp_secret",),
        errors=(DecryptionError,),
    )
)


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


def _say(progress: Progress | None, kind: str, report: RotationReport) -> None:
    if progress is not None:
        progress(kind, sum(report.rotated[kind].values()))


def keys_rotate(*, batch_size: int = 500, progress: Progress | None = None) -> RotationReport:
    """Re-seals everything not yet under the keyring's first key. Safe to interrupt and run again."""
    report = RotationReport(key_id=current_key_id())
    for store in sealed_stores():
        if isinstance(store, SealedColumn):
            _column(
                report,
                store.kind,
                store.rows(),
                lookup=store.lookup,
                sealed_of=store.sealed_of,
                reseal=store.reseal,
                fields=list(store.fields),
                errors=store.errors,
                batch_size=batch_size,
                progress=progress,
            )
        else:
            _files(
                report,
                store.kind,
                store.rows(),
                magic=store.magic,
                name_of=store.name_of,
                reseal=store.reseal,
                errors=store.errors,
                progress=progress,
            )
    # Counts and key ids only: nothing here is personal data.
    logger.info("key rotation to %s: %s", report.key_id, report.as_dict())
    return report
