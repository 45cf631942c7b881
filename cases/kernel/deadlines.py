"""Clocks the desk watches: approvals waiting too long, documents not brought in time, and the
送付期限 of every case filed with 機構."""

import datetime as dt

from django.db import transaction
from django.db.models import Case as SqlCase
from django.db.models import DateField, F, Q, When
from django.utils import timezone

from cases.common.calendar import business_days_between
from cases.kernel import texts
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_event_record
from cases.kernel.stages import BEFORE_SENDING, FINAL_STAGES

APPROVAL_BUSINESS_DAYS = 3


def send_due_on(case: Case) -> dt.date | None:
    """送付期限 while the case may still wait for a bundle (stored when it was received:
    services.case_send_due_on; None for a type the city settles)."""
    return case.send_due_on if case.stage in BEFORE_SENDING else None


def case_deadline(case: Case) -> dt.date | None:
    """The date the desk must act by now: the papers' 提出期限 while waiting for them, else the
    送付期限, else the 決定期限 of a type the law gives one (開示・訂正・利用停止請求) until it is settled."""
    if case.stage == Stage.AWAITING_DOCUMENTS and case.documents_due_on:
        return case.documents_due_on
    if case.decision_due_on and case.stage not in FINAL_STAGES:
        return case.decision_due_on
    return send_due_on(case)


def deadline_expression(prefix: str = ""):
    """`case_deadline` in SQL (for sorting and filtering lists); `prefix` is the path to the case."""
    return SqlCase(
        When(
            Q(**{f"{prefix}stage": Stage.AWAITING_DOCUMENTS, f"{prefix}documents_due_on__isnull": False}),
            then=F(f"{prefix}documents_due_on"),
        ),
        When(
            Q(**{f"{prefix}decision_due_on__isnull": False}) & ~Q(**{f"{prefix}stage__in": FINAL_STAGES}),
            then=F(f"{prefix}decision_due_on"),
        ),
        When(Q(**{f"{prefix}stage__in": BEFORE_SENDING}), then=F(f"{prefix}send_due_on")),
        default=None,
        output_field=DateField(),
    )


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    """Cases past `case_deadline` on `today`, in SQL."""
    papers = Q(
        **{
            f"{prefix}stage": Stage.AWAITING_DOCUMENTS,
            f"{prefix}documents_due_on__lt": today,
        }
    )
    sending = Q(
        **{
            f"{prefix}stage__in": [s for s in BEFORE_SENDING if s != Stage.AWAITING_DOCUMENTS],
            f"{prefix}send_due_on__lt": today,
        }
    )
    deciding = (
        Q(**{f"{prefix}decision_due_on__lt": today})
        & ~Q(**{f"{prefix}stage__in": FINAL_STAGES})
        & ~Q(**{f"{prefix}stage": Stage.AWAITING_DOCUMENTS, f"{prefix}documents_due_on__isnull": False})
    )
    return papers | sending | deciding


@transaction.atomic
def approvals_escalate_overdue(*, now=None) -> int:
    """Flags cases waiting for 決裁 longer than 3 business days (once per wait)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = Case.objects.select_for_update().filter(
        stage=Stage.APPROVAL, approval_escalated_at__isnull=True
    )
    count = 0
    for case in waiting:
        days = business_days_between(timezone.localdate(case.stage_since), today)
        if days > APPROVAL_BUSINESS_DAYS:
            case.approval_escalated_at = now
            case.save(update_fields=["approval_escalated_at"])
            case_event_record(
                case=case,
                actor=None,
                action=CaseEvent.Action.ESCALATED,
                text=texts.APPROVAL_ESCALATED(days=days, limit=APPROVAL_BUSINESS_DAYS),
            )
            count += 1
    return count


@transaction.atomic
def documents_remind_overdue(*, now=None) -> int:
    """Reminds (on the office's screens and the timeline) when the document deadline has passed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = Case.objects.select_for_update().filter(
        stage=Stage.AWAITING_DOCUMENTS, documents_due_on__lt=today, documents_reminded_at__isnull=True
    )
    count = 0
    for case in due:
        case.documents_reminded_at = now
        case.save(update_fields=["documents_reminded_at"])
        case_event_record(
            case=case,
            actor=None,
            action=CaseEvent.Action.DOCUMENTS_REMINDED,
            text=texts.DOCUMENTS_OVERDUE(due=case.documents_due_on),
        )
        count += 1
    return count
