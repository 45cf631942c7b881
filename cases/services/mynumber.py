"""Writing 個人番号. Reading one back (reveal) is in cases.selectors.mynumber and is always logged."""

from collections.abc import Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cases.crypto import mynumber_encrypt, mynumber_lookup_hash, mynumber_seal_many
from cases.identifiers.mynumber import mynumber_normalize
from cases.models import AuditAction, MyNumber, Resident
from cases.selectors.mynumber import resident_find_by_mynumber
from cases.services.audit import audit_record


def mynumber_sealed_fields(*, number: str, atena_no: str) -> dict[str, str]:
    """Column values for a validated number; used by the bulk import path as well."""
    ciphertext, key_id = mynumber_encrypt(number=number, atena_no=atena_no)
    return {"ciphertext": ciphertext, "key_id": key_id, "lookup_hash": mynumber_lookup_hash(number)}


@transaction.atomic
def mynumber_register(*, resident: Resident, number: str) -> MyNumber:
    """Stores (or replaces) a resident's number. Raises ValidationError for a malformed number."""
    normalized = mynumber_normalize(number)
    fields = mynumber_sealed_fields(number=normalized, atena_no=resident.atena_no)
    record, _ = MyNumber.objects.update_or_create(resident=resident, defaults={**fields, "purged_at": None})
    return record


def resident_search_by_mynumber(*, user, number: str, purpose: str, request=None) -> Resident | None:
    """個人番号による検索: only for 個人番号利用事務 staff, only with a purpose, always logged.

    The log keeps who, when, why and whom it found; never the number itself.
    """
    if not user.has_perm("cases.use_mynumber"):
        audit_record(action=AuditAction.DENIED, actor=user, request=request, target="mynumber_search")
        raise PermissionDenied("個人番号による検索は個人番号利用事務の担当者のみ行えます。")
    if not purpose.strip():
        raise ValidationError({"purpose": "利用目的を入力してください。"})
    resident = resident_find_by_mynumber(number=number)
    audit_record(
        action=AuditAction.MYNUMBER_SEARCH,
        actor=user,
        request=request,
        resident_id=resident.pk if resident else None,
        target="mynumber_search",
        purpose=purpose.strip(),
        detail={"found": resident is not None},
    )
    return resident


def mynumber_sealed_fields_many(
    pairs: Iterable[tuple[str, str]], *, lookup_hashes: Iterable[str] | None = None
) -> Iterator[tuple[str, str, str]]:
    """(ciphertext, key_id, lookup_hash) for many validated (number, 宛名番号) pairs: the bulk
    import's version of mynumber_sealed_fields, several times cheaper per number. Pass the
    numbers' ``lookup_hashes`` if they were computed already."""
    return mynumber_seal_many(pairs, lookup_hashes=lookup_hashes)
