"""Clocks the desk watches: approvals waiting too long, documents not brought in time."""

from django.db import transaction
from django.utils import timezone

from cases.common.calendar import business_days_between
from cases.kernel import texts
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_event_record

APPROVAL_BUSINESS_DAYS = 3


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
