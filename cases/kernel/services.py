"""Mechanics every case type shares: numbering, stage changes and the timeline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kernel.models import Case, CaseEvent, CaseNumberSequence, Stage
from cases.security.models.offices import Office
from cases.security.models.users import User


@transaction.atomic
def case_number_next(*, year: int) -> str:
    sequence, _ = CaseNumberSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{year}-{sequence.last:06d}"


def case_open(*, case_type: str, resident, received_on, actor: User) -> Case:
    """A new case at 受付, numbered in its year, at the receiving clerk's office."""
    return Case.objects.create(
        number=case_number_next(year=received_on.year),
        case_type=case_type,
        stage=Stage.INTAKE,
        office=actor.office,
        resident=resident,
        received_on=received_on,
        received_by=actor,
    )


def case_event_record(
    *,
    case: Case,
    actor: User | None,
    action: CaseEvent.Action,
    comment: str = "",
    from_stage: str = "",
    to_stage: str = "",
    office: Office | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        office=office or (actor.office if actor is not None else None),
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        comment=comment,
    )


def case_transition(
    *, case: Case, to_stage: Stage, actor: User | None, action: CaseEvent.Action, comment: str = ""
) -> CaseEvent:
    """Moves a case to another stage and writes the timeline row in the same transaction."""
    from_stage = case.stage
    case.stage = to_stage
    case.stage_since = timezone.now()
    fields = ["stage", "stage_since", "updated_at"]
    if to_stage in (Stage.CLOSED, Stage.WITHDRAWN):
        case.closed_at = timezone.now()
        fields.append("closed_at")
    case.save(update_fields=fields)
    return case_event_record(
        case=case, actor=actor, action=action, comment=comment, from_stage=from_stage, to_stage=to_stage
    )


def case_send_back(
    *, case: Case, to_stage: Stage, actor: User, action: CaseEvent.Action, reason: str
) -> CaseEvent:
    """A 差戻し: the case goes back a stage, and only with a reason the timeline can show."""
    if not reason.strip():
        raise ValidationError({"reason": _("差戻しの理由を入力してください。")})
    return case_transition(case=case, to_stage=to_stage, actor=actor, action=action, comment=reason)
