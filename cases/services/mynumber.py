"""Writing 個人番号. Reading one back (reveal) is in cases.selectors.mynumber and is always logged."""

from django.db import transaction

from cases.crypto import mynumber_encrypt, mynumber_lookup_hash
from cases.identifiers.mynumber import mynumber_normalize
from cases.models import MyNumber, Resident


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
