"""Which 住基への移転 a user may see: a clerk those requested from their own office, a supervisor all."""

from django.db.models import QuerySet

from cases.kernel.access import user_sees_all_offices
from cases.security.models.users import User
from cases.submission.models import RegistryTransfer


def transfers_visible_to(user: User) -> QuerySet[RegistryTransfer]:
    if not user.is_authenticated or not user.has_perm("cases.view_registrytransfer"):
        return RegistryTransfer.objects.none()
    transfers = RegistryTransfer.objects.select_related("requested_by", "decided_by")
    if not user_sees_all_offices(user):
        # Another office's request is a 404, like its cases: its existence is itself information.
        transfers = transfers.filter(requested_by__office_id=user.office_id)
    return transfers.order_by("-requested_at", "-id")
