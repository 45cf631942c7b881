"""保管・消去: after a person's retention end the 個人番号 is removed irreversibly, and logged.

The number is not kept anywhere else: ciphertext, key id and lookup hash are all cleared, so neither the
key nor the hash key can bring it back. Residents with an open case are never purged.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.common.documents import documents
from cases.kernel.models import OPEN_STAGES
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction

PURGEABLE_FIELDS = {
    "address",
    "previous_address",
    "address_before_move_in",
    "address_after_move_out",
    "relationship",
}


# Parts above this one that keep copies of what a purged 個人番号 was printed on (the bundle ZIPs:
# cases/submission/purge.py) register here: (resident_ids=, digests=, by=) with the SHA-256 of the PDFs
# that lost the number.
_COPIES: list[Callable[..., object]] = []


def purge_copies_register(purge: Callable[..., object]) -> None:
    if purge not in _COPIES:
        _COPIES.append(purge)


@dataclass(frozen=True)
class PurgeCandidate:
    resident_id: int
    atena_no: str
    retention_until: dt.date


def retention_dates_refresh(*, years: int | None = None) -> int:
    """Sets the retention end of removed residents that have none: 消除日 + the configured years."""
    years = settings.NENKIN_RETENTION_YEARS if years is None else years
    updated = 0
    for resident in Resident.objects.filter(removed_on__isnull=False, retention_until__isnull=True).only(
        "pk", "removed_on"
    ):
        try:
            until = resident.removed_on.replace(year=resident.removed_on.year + years)
        except ValueError:  # 29 February
            until = resident.removed_on.replace(year=resident.removed_on.year + years, day=28)
        updated += Resident.objects.filter(pk=resident.pk, retention_until__isnull=True).update(
            retention_until=until
        )
    return updated


def purge_candidates(*, today: dt.date | None = None) -> list[PurgeCandidate]:
    today = today or timezone.localdate()
    residents = (
        Resident.objects.filter(retention_until__lt=today, mynumber__purged_at__isnull=True)
        .exclude(cases__stage__in=OPEN_STAGES)
        .filter(Q(mynumber__retention_until__isnull=True) | Q(mynumber__retention_until__lt=today))
        .order_by("retention_until", "pk")
        .values_list("pk", "atena_no", "retention_until")
    )
    return [PurgeCandidate(*row) for row in residents.distinct()]


@transaction.atomic
def retention_purge(*, today: dt.date | None = None, dry_run: bool = False, by=None) -> list[PurgeCandidate]:
    candidates = purge_candidates(today=today)
    if dry_run:
        return candidates
    fields = [f for f in settings.NENKIN_RETENTION_PURGE_FIELDS if f in PURGEABLE_FIELDS]
    now = timezone.now()
    for candidate in candidates:
        MyNumber.objects.filter(resident_id=candidate.resident_id).update(
            ciphertext="", key_id="", lookup_hash=None, purged_at=now
        )
        if fields:
            Resident.objects.filter(pk=candidate.resident_id).update(**{name: "" for name in fields})
    # Issued documents that printed the number lose it too (snapshot and stored PDF), and so do the
    # bundle ZIPs that hold a copy of those PDFs.
    resident_ids = [c.resident_id for c in candidates]
    digests = documents().mynumber_purge(resident_ids=resident_ids)
    for purge in _COPIES:
        purge(resident_ids=resident_ids, digests=digests, by=by)
    for candidate in candidates:
        audit_record(
            action=AuditAction.PURGE,
            actor=by,
            resident_id=candidate.resident_id,
            target="retention",
            purpose="保存期限の経過による消去",
            detail={
                "retention_until": candidate.retention_until.isoformat(),
                "fields": ["個人番号", *fields],
            },
        )
    return candidates
