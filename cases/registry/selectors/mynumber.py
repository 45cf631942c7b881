from cases.common.identifiers.mynumber import mynumber_normalize
from cases.registry.models.residents import Resident
from cases.security.crypto import mynumber_lookup_hash


def resident_find_by_mynumber(*, number: str) -> Resident | None:
    """Exact lookup through the keyed hash; the plain number is never sent to the database.

    Callers must check the number-use permission and write the audit entry with the purpose.
    """
    digest = mynumber_lookup_hash(mynumber_normalize(number))
    return Resident.objects.filter(mynumber__lookup_hash=digest, mynumber__purged_at__isnull=True).first()
