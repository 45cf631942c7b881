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

from cases.common.calendar import business_day_from
from cases.common.codes import InsuredKind
from cases.common.identifiers.kana import normalize_kana
from cases.common.identifiers.wareki import age_on, age_reached_on
from cases.common.jobs import job_send
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


def _find(line: ListLine, by_pension, by_atena, by_name) -> tuple[Resident | None, str]:
    if line.basic_pension_no:
        resident = by_pension.get(line.basic_pension_no)
        if resident is None:
            return None, _("基礎年金番号 %(no)s の住民がいません") % {"no": line.basic_pension_no}
    elif line.atena_no:
        resident = by_atena.get(line.atena_no)
        if resident is None:
            return None, _("宛名番号 %(no)s の住民がいません") % {"no": line.atena_no}
    else:
        found = by_name.get((normalize_kana(line.kana_name), line.birth_date), [])
        if len(found) != 1:
            why = (
                _("カナ氏名と生年月日が一致する住民がいません")
                if not found
                else _("カナ氏名と生年月日が一致する住民が%(count)d人います") % {"count": len(found)}
            )
            return None, why
        resident = found[0]
    if resident.birth_date != line.birth_date:
        return resident, _("生年月日が住民記録と一致しません")
    if resident.removed_on is not None:
        return resident, _("住民記録から消除されています (%(reason)s)") % {
            "reason": resident.get_change_reason_display() or _("消除")
        }
    return resident, ""


def already_reason(resident: Resident, kind: str, event_date: dt.date | None) -> str:
    """Why this person needs no 勧奨: an open case of the kind, a filing already made, or 資格情報
    already showing 第1号 (or 第2号 again) from that date."""
    cases = Case.objects.filter(
        case_type=CaseType.QUALIFICATION, resident=resident, qualification__kind=EXPECTED[kind].kind
    )
    open_case = cases.exclude(stage__in=FINAL_STAGES).order_by("pk").first()
    if open_case is not None:
        return _("勧奨中・届出中の案件 %(number)s があります") % {"number": open_case.number}
    filed = cases.filter(qualification__event_date=event_date, qualification__filed_on__isnull=False).first()
    if filed is not None:
        return _("届出済みです (案件 %(number)s)") % {"number": filed.number}
    day = (event_date + dt.timedelta(days=1)) if kind == Kind.EMPLOYEE_PENSION_LOSS else event_date
    covering = Qualification.objects.filter(
        Q(lost_on__isnull=True) | Q(lost_on__gt=day), pension__resident=resident, acquired_on__lte=day
    ).values_list("insured_kind", flat=True)
    kinds = set(covering)
    if InsuredKind.FIRST in kinds:
        return _("資格情報に第1号被保険者の記録があります")
    if kind == Kind.AGE20_UNENROLLED and kinds & {InsuredKind.SECOND, InsuredKind.THIRD}:
        return _("資格情報で第2号・第3号被保険者です")
    return ""


def _outside(kind: str, line: ListLine, event_date: dt.date | None) -> str:
    if kind == Kind.EMPLOYEE_PENSION_LOSS:
        age = age_on(line.birth_date, line.event_date)
        if not 20 <= age < 60:
            return _("厚生年金の資格喪失日に%(age)d歳のため第1号被保険者になりません (法7条1項1号)") % {
                "age": age
            }
    elif event_date > timezone.localdate():
        return _("まだ20歳に達していません (20歳到達日 %(day)s)") % {"day": event_date}
    return ""


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
            status, why = Status.ALREADY, _("%(line)d行目と同じ方です") % {"line": seen[resident.pk]}
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
                reason=why[:200],
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
    reference data), on a day the office is open — not a Sunday or in 年末年始."""
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
                row.status, row.reason = Status.ALREADY, why[:200]
                row.save(update_fields=["status", "reason"])
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
