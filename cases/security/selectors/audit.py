import datetime as dt

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.security.models.audit import AuditEntry
from cases.security.models.users import User


def audit_entries(
    *,
    username: str = "",
    atena_no: str = "",
    case_id: int | None = None,
    case_number: str = "",
    office: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The filters take what the screen shows: a login ID or a staff name, a 宛名番号, a 整理番号, an
    office."""
    entries = AuditEntry.objects.all()
    if username:
        named = User.objects.filter(Q(display_name=username) | Q(username=username)).values_list(
            "pk", flat=True
        )
        entries = entries.filter(Q(actor_username=username) | Q(actor_id__in=list(named)))
    if office:
        entries = entries.filter(office_code=office)
    if case_number:
        cases = apps.get_model("cases", "Case").objects
        found = cases.filter(number=case_number).values_list("pk", flat=True).first()
        entries = entries.filter(case_id=found) if found else entries.none()
    if atena_no:
        # The registry sits above this layer: its model is looked up by name, not imported.
        residents = apps.get_model("cases", "Resident").objects
        resident_id = residents.filter(atena_no=atena_no).values_list("pk", flat=True).first()
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


AUDIT_PURPOSES = {"self_inspection": "自己点検", "internal_audit": "内部監査"}


def audit_filter_json(filters: dict) -> dict:
    """The cleaned filter as JSON (dates ISO), without empty values."""
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in filters.items()
        if value not in (None, "")
    }
