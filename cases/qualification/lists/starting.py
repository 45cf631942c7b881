"""One 勧奨 case per person of a list, and the letters, printed by a worker (documents/solicitations.py)."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cases.common.calendar import business_day_from
from cases.common.jobs import job_send
from cases.kernel.models import Case
from cases.qualification import texts
from cases.qualification.lists.common import EXPECTED, Letter, Status, _require
from cases.qualification.lists.matching import already_reason
from cases.qualification.models import QualificationList, QualificationListRow
from cases.qualification.params import qualification_params
from cases.qualification.services import qualification_solicit
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User

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
