import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from cases.registry.models.residents import Resident
from cases.security.models.audit import AuditEntry


def audit_entries(
    *,
    username: str = "",
    atena_no: str = "",
    case_id: int | None = None,
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if username:
        entries = entries.filter(actor_username=username)
    if atena_no:
        resident_id = Resident.objects.filter(atena_no=atena_no).values_list("pk", flat=True).first()
        entries = entries.filter(resident_id=resident_id) if resident_id else entries.none()
    if case_id:
        entries = entries.filter(case_id=case_id)
    if action:
        entries = entries.filter(action=action)
    tz = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        entries = entries.filter(
            at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return entries.order_by("-id")
