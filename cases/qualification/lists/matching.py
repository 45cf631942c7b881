"""Importing a list and matching each line to a resident: matched, already filed or 勧奨 started, or
unmatched with the reason."""

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.common.codes import ChangeReason, InsuredKind
from cases.common.identifiers.kana import normalize_kana
from cases.common.identifiers.wareki import age_on
from cases.common.texts import Text
from cases.kernel.models import Case, CaseType
from cases.kernel.stages import FINAL_STAGES
from cases.qualification import texts
from cases.qualification.list_file import ListLine, list_read
from cases.qualification.lists.common import EXPECTED, REMOVED, Kind, Status, _require, event_date_of
from cases.qualification.models import QualificationList, QualificationListRow
from cases.registry.models.pension import PensionRecord, Qualification
from cases.registry.models.residents import Resident
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User


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
