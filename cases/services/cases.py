"""Mechanics every case type shares: numbering, stage changes and the timeline."""

from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseNumberSequence, Office, Stage, User


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
