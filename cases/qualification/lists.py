"""Bulk starts from 機構's lists (厚生年金保険 資格喪失者, 20歳到達者 without an enrolment): import → preview
(matched, already filed or 勧奨 started, or unmatched with the reason) → one 勧奨 case per person.

The same file again is the same list (SHA-256); starting again skips every row that has its case and
every person who has an open case of that kind, so nothing is ever started twice."""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.common.calendar import business_day_from
from cases.common.codes import ChangeReason, InsuredKind
from cases.common.identifiers.kana import normalize_kana
from cases.common.identifiers.wareki import age_on, age_reached_on
from cases.common.jobs import job_send
from cases.common.texts import Text
from cases.kernel.models import Case, CaseType
from cases.kernel.stages import FINAL_STAGES
from cases.qualification import texts
from cases.qualification.list_file import ListLine, list_read
from cases.qualification.models import Event, FilingKind, QualificationList, QualificationListRow
from cases.qualification.params import qualification_params
from cases.qualification.services import qualification_solicit
from cases.registry.models.pension import PensionRecord, Qualification
from cases.registry.models.residents import Resident
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User

Kind = QualificationList.Kind
Status = QualificationListRow.Status
Letter = QualificationListRow.Letter
PERMISSION = "cases.take_intake"
REMOVED = gettext_lazy("消除")  # a removal without its 異動事由


@dataclass(frozen=True)
class Expected:
    """The filing a list asks of the people on it."""

    kind: str
    event: str


EXPECTED = {
    Kind.EMPLOYEE_PENSION_LOSS: Expected(FilingKind.KIND_CHANGE, Event.LEAVE_EMPLOYEE_PENSION),
    Kind.AGE20_UNENROLLED: Expected(FilingKind.ACQUISITION, Event.AGE20),
}


def _require(user: User) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(_("勧奨の一覧を扱う権限がありません。"))


def listed_date(kind: str, event_date: dt.date | None) -> tuple[str, dt.date | None]:
    """The list's own date for a stored row, and its name: what the clerk compares with the paper and
    the letter quotes (the 厚生年金 loss date, the day after the stored last day employed; the
    20歳到達日 as stored). event_date_of's inverse."""
    if kind == Kind.EMPLOYEE_PENSION_LOSS:
        return _("厚生年金の資格喪失日"), event_date + dt.timedelta(days=1) if event_date else None
    return _("20歳到達日"), event_date


def event_date_of(kind: str, line) -> dt.date | None:
    """The fact's date the filing will state: the last day employed (the day before the 厚生年金 loss
    date on the list, 厚年法14条), or the 20歳到達日."""
    if kind == Kind.EMPLOYEE_PENSION_LOSS:
        return line.event_date - dt.timedelta(days=1)
    return age_reached_on(line.birth_date, 20)


# --- matching ------------------------------------------------------------------------------------


def _candidates(lines: list[ListLine]) -> tuple[dict, dict, dict]:
    by_pension = {
        record.basic_pension_no: record.resident
        for record in PensionRecord.objects.filter(
            basic_pension_no__in=[line.basic_pension_no for line in lines if line.basic_pension_no]
        ).select_related("resident")
    }
    by_atena = {
        resident.atena_no: resident
        for resident in Resident.objects.filter(
            atena_no__in=[line.atena_no for line in lines if line.atena_no]
        )
    }
    by_name: dict[tuple, list[Resident]] = {}
    keys = [(normalize_kana(line.kana_name), line.birth_date) for line in lines]
    births = {birth for _kana, birth in keys}
    names = {kana for kana, _birth in keys}
    for resident in Resident.objects.filter(
        birth_date__in=births, kana_search__in=names, removed_on__isnull=True
    ):
        by_name.setdefault((resident.kana_search, resident.birth_date), []).append(resident)
    return by_pension, by_atena, by_name


# The reasons below are Texts (cases/qualification/texts.py ROW_*), worded when the list is shown in its
# reader's language, not in that of the clerk who imported it.


def _find(line: ListLine, by_pension, by_atena, by_name) -> tuple[Resident | None, Text | None]:
    if line.basic_pension_no:
        resident = by_pension.get(line.basic_pension_no)
        if resident is None:
            return None, texts.ROW_NO_PENSION_NO(no=line.basic_pension_no)
    elif line.atena_no:
        resident = by_atena.get(line.atena_no)
        if resident is None:
            return None, texts.ROW_NO_ATENA_NO(no=line.atena_no)
    else:
        found = by_name.get((normalize_kana(line.kana_name), line.birth_date), [])
        if len(found) != 1:
            return None, texts.ROW_MANY_NAMES(count=len(found)) if found else texts.ROW_NO_NAME()
        resident = found[0]
    if resident.birth_date != line.birth_date:
        return resident, texts.ROW_BIRTH_DIFFERS()
    if resident.removed_on is not None:
        removal = ChangeReason(resident.change_reason).label if resident.change_reason else REMOVED
        return resident, texts.ROW_REMOVED(reason=removal)
    return resident, None


def already_reason(resident: Resident, kind: str, event_date: dt.date | None) -> Text | None:
    """Why this person needs no 勧奨: an open case of the kind, a filing already made, or 資格情報
    already showing 第1号 (or 第2号 again) from that date."""
    cases = Case.objects.filter(
        case_type=CaseType.QUALIFICATION, resident=resident, qualification__kind=EXPECTED[kind].kind
    )
    open_case = cases.exclude(stage__in=FINAL_STAGES).order_by("pk").first()
    if open_case is not None:
        return texts.ROW_OPEN_CASE(number=open_case.number)
    filed = cases.filter(qualification__event_date=event_date, qualification__filed_on__isnull=False).first()
    if filed is not None:
        return texts.ROW_FILED(number=filed.number)
    day = (event_date + dt.timedelta(days=1)) if kind == Kind.EMPLOYEE_PENSION_LOSS else event_date
    covering = Qualification.objects.filter(
        Q(lost_on__isnull=True) | Q(lost_on__gt=day), pension__resident=resident, acquired_on__lte=day
    ).values_list("insured_kind", flat=True)
    kinds = set(covering)
    if InsuredKind.FIRST in kinds:
        return texts.ROW_FIRST_ON_RECORD()
    if kind == Kind.AGE20_UNENROLLED and kinds & {InsuredKind.SECOND, InsuredKind.THIRD}:
        return texts.ROW_SECOND_THIRD_ON_RECORD()
    return None


def _outside(kind: str, line: ListLine, event_date: dt.date | None) -> Text | None:
    if kind == Kind.EMPLOYEE_PENSION_LOSS:
        age = age_on(line.birth_date, line.event_date)
        if not 20 <= age < 60:
            return texts.ROW_AGE_OUTSIDE(age=age)
    elif event_date > timezone.localdate():
        return texts.ROW_NOT_20_YET(day=event_date)
    return None


@transaction.atomic
def list_import(*, kind: str, filename: str, data: bytes, by: User) -> QualificationList:
    """Imports and matches a list. The same file again returns the list imported before, unchanged
    (`already_imported`). A bad file raises ImportRejected and changes nothing."""
    _require(by)
    if kind not in Kind.values:
        raise ValueError(kind)
    digest = hashlib.sha256(data).hexdigest()
    existing = QualificationList.objects.filter(sha256=digest).first()
    if existing is not None:
        existing.already_imported = True
        return existing
    lines = list_read(data, event_required=kind == Kind.EMPLOYEE_PENSION_LOSS)
    qlist = QualificationList.objects.create(
        kind=kind, filename=filename[:255], sha256=digest, imported_by=by, office=by.office
    )
    by_pension, by_atena, by_name = _candidates(lines)
    seen: dict[int, int] = {}
    rows = []
    for line in lines:
        resident, why = _find(line, by_pension, by_atena, by_name)
        event_date = event_date_of(kind, line)
        status = Status.UNMATCHED if why else Status.MATCHED
        if not why:
            why = _outside(kind, line, event_date)
            status = Status.UNMATCHED if why else status
        if not why and resident.pk in seen:
            status, why = Status.ALREADY, texts.ROW_SAME_AS_LINE(line=seen[resident.pk])
        if not why:
            seen[resident.pk] = line.line_no
            why = already_reason(resident, kind, event_date)
            status = Status.ALREADY if why else status
        rows.append(
            QualificationListRow(
                qualification_list=qlist,
                line_no=line.line_no,
                basic_pension_no=line.basic_pension_no,
                atena_no=line.atena_no,
                kana_name=line.kana_name,
                birth_date=line.birth_date,
                event_date=event_date,
                employer=line.employer,
                resident=resident,
                status=status,
                reason_text=why.as_json() if why else {},
            )
        )
    QualificationListRow.objects.bulk_create(rows)
    audit_record(
        action=AuditAction.IMPORT,
        actor=by,
        target=f"qualification_list:{qlist.pk}",
        purpose="勧奨の一覧の取込",
        detail={"kind": kind, "filename": qlist.filename, "sha256": digest, "lines": len(rows)},
    )
    qlist.already_imported = False
    return qlist


# --- one 勧奨 case per person -----------------------------------------------------------------------

# start(intake) → Case: workflows.start.case_start for the type, without a 受付票 (handed in by the
# screen: this package never imports the flows).
Starter = Callable[[Callable[[], Case]], Case]


def reply_by_for(started_on: dt.date, *, days: int) -> dt.date:
    """The day the 勧奨状 asks the person to file by: ``days`` after the start (the city's practice,
    reference data), moved on to the next day the office is open when it falls on a Saturday, a Sunday,
    a national holiday or in 年末年始 (12/29–1/3; cases/common/calendar.py)."""
    return business_day_from(started_on + dt.timedelta(days=days))


def list_start(*, qlist: QualificationList, by: User, start: Starter) -> int:
    """Opens the 勧奨 case of every matched row that has none, one row per transaction (a failure keeps
    what was done; running again does the rest). Returns how many cases were opened."""
    _require(by)
    params = qualification_params(on=timezone.localdate())
    with transaction.atomic():
        locked = QualificationList.objects.select_for_update().get(pk=qlist.pk)
        if locked.started_at is None:
            locked.started_at, locked.started_by = timezone.now(), by
            locked.reply_by = reply_by_for(timezone.localdate(), days=params.reply_days)
            locked.save(update_fields=["started_at", "started_by", "reply_by"])
    expected = EXPECTED[qlist.kind]
    source = texts.SOLICITED(list=QualificationList.Kind(qlist.kind).label, file=qlist.filename)
    opened = 0
    pending = qlist.rows.filter(status=Status.MATCHED, case__isnull=True).order_by("line_no")
    for row_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            row = (
                QualificationListRow.objects.select_for_update(of=("self",))
                .select_related("resident")
                .get(pk=row_id)
            )
            if row.case_id is not None or row.status != Status.MATCHED:
                continue
            why = already_reason(row.resident, qlist.kind, row.event_date)
            if why:
                row.status, row.reason_text = Status.ALREADY, why.as_json()
                row.save(update_fields=["status", "reason_text"])
                continue
            row.case = start(
                lambda row=row: qualification_solicit(
                    actor=by,
                    resident=row.resident,
                    kind=expected.kind,
                    event=expected.event,
                    event_date=row.event_date,
                    source=source,
                )
            )
            row.letter = Letter.PENDING
            row.save(update_fields=["case", "letter"])
            opened += 1
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        target=f"qualification_list:{qlist.pk}",
        purpose="勧奨の開始 (案件の作成)",
        detail={"opened": opened},
    )
    return opened


# --- the letters, printed by a worker (documents/solicitations.py) -----------------------------------


def letters_request(*, qlist: QualificationList, by: User) -> int:
    """Queues the letter batch of every case that has no letter yet; returns how many wait."""
    _require(by)
    with transaction.atomic():
        locked = QualificationList.objects.select_for_update().get(pk=qlist.pk)
        waiting = locked.rows.filter(letter__in=[Letter.PENDING, Letter.PREPARED]).count()
        if waiting == 0:
            return 0
        locked.job, locked.job_done, locked.job_total, locked.job_error = "letters", 0, waiting, ""
        locked.save(update_fields=["job", "job_done", "job_total", "job_error"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            target=f"qualification_list:{qlist.pk}",
            purpose="勧奨状の作成を依頼",
            detail={"letters": waiting},
        )
        job_send("qualification.letters", locked.pk, by.pk)
    return waiting
