import datetime as dt
import unicodedata

from django.apps import apps
from django.db.models import Func, Q, QuerySet, TextField
from django.db.models.fields.json import KT
from django.utils import timezone

from cases.security.audit import ACTOR_NAME
from cases.security.models.audit import AuditAction, AuditEntry, StaffName
from cases.security.models.users import User


def name_key(name: str) -> str:
    """A name as the 職員 filter compares it: NFKC (full-width letters and spaces made half-width),
    without spaces of any kind, lower case. 「佐藤　美咲」, 「佐藤 美咲」 and 「佐藤美咲」 are one name."""
    return "".join(unicodedata.normalize("NFKC", name).split()).lower()


class _NameKey(Func):
    """name_key in SQL, for the name kept in each entry (the log is too big to read in Python): NFKC,
    then every space dropped; the match is case-insensitive (icontains). PostgreSQL has normalize();
    SQLite (the demo) is given Python's NFKC as a function of the connection."""

    output_field = TextField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="regexp_replace(normalize(%(expressions)s, NFKC), '\\s', '', 'g')",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function("nenkin_nfkc", 1, _nfkc, deterministic=True)
        return self.as_sql(
            compiler,
            connection,
            template="REPLACE(nenkin_nfkc(%(expressions)s), ' ', '')",  # NFKC made U+3000 a space
            **extra_context,
        )


def _nfkc(value):
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


def _staff_filter(typed: str) -> Q:
    """The user ID exactly, or part of a name: today's (the small staff table, read here) or the one
    the entry was written under (the key actor_name of its detail). Every branch goes through an index
    of the log: the name kept in an entry is compared only among the entries of people who ever had a
    matching name (StaffName, read here), never across the whole log."""
    ids = list(User.objects.filter(username=typed).values_list("pk", flat=True))
    by_id = Q(actor_username=typed) | Q(actor_id__in=ids)
    needle = name_key(typed)
    if not needle:
        return by_id
    named_now = [
        pk
        for pk, display in User.objects.exclude(display_name="").values_list("pk", "display_name")
        if needle in name_key(display)
    ]
    had_it = sorted(
        {
            user_id
            for user_id, name in StaffName.objects.values_list("user_id", "name")
            if needle in name_key(name)
        }
    )
    named_then = Q(actor_id__in=had_it, actor_name_key__icontains=needle)
    return by_id | Q(actor_id__in=named_now) | named_then


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
    self_received_basis: bool = False,
) -> QuerySet[AuditEntry]:
    """The filters take what the screen shows: a login ID or a staff name, a 宛名番号, a 整理番号, an
    office. `self_received_basis`: only the 個人番号 reveals resting on a case the revealing user received
    themself (detail basis_self_received, cases/registry/mynumber.py)."""
    entries = AuditEntry.objects.all()
    if username:
        entries = entries.alias(actor_name_key=_NameKey(KT(f"detail__{ACTOR_NAME}"))).filter(
            _staff_filter(username)
        )
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
    if self_received_basis:
        entries = entries.filter(action=AuditAction.MYNUMBER_REVEAL, detail__basis_self_received=True)
    tz = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        entries = entries.filter(
            at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return entries.order_by("-id")


# The kinds of 監査 the assessment names (別添2, III-8 監査: 自己点検・内部監査・外部監査); the report and the
# access log keep the Japanese. Each is on cases.security.audit_purposes' list, worded for the reader there.
AUDIT_PURPOSES = {"self_inspection": "自己点検", "internal_audit": "内部監査", "external_audit": "外部監査"}


def audit_filter_json(filters: dict) -> dict:
    """The cleaned filter as JSON (dates ISO), without empty values."""
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in filters.items()
        if value not in (None, "") and value is not False  # an unticked box is no filter
    }
