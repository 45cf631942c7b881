"""Mechanics every case type shares: numbering, stage changes and the timeline."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.dates import last_day_counted
from cases.common.identifiers.wareki import format_wareki
from cases.common.texts import Text
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case, CaseEvent, CaseNumberSequence
from cases.kernel.stages import FINAL_STAGES, TRANSITIONS, Stage
from cases.security.models.offices import Office
from cases.security.models.users import User


def case_number_next(*, year: int) -> str:
    """The next 整理番号 of the year, in one statement (PostgreSQL and SQLite): the row lock the
    upsert takes is held until commit, so two counters never draw the same number, and a rolled-back
    intake gives its number back."""
    meta = CaseNumberSequence._meta
    table, year_col, last_col = (
        connection.ops.quote_name(name)
        for name in (meta.db_table, meta.get_field("year").column, meta.get_field("last").column)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({year_col}, {last_col}) VALUES (%s, 1) ON CONFLICT ({year_col}) "
            f"DO UPDATE SET {last_col} = {table}.{last_col} + 1 RETURNING {last_col}",
            [year],
        )
        (last,) = cursor.fetchone()
    return f"{year}-{last:06d}"


# 国民年金法施行規則9条: 14 days (calendar) from 受理 to sending to 機構.
SEND_DAYS = 14


def case_send_due_on(received_on: dt.date) -> dt.date:
    """送付期限: 則9条 has the city send what it received to 機構 「受理した日から十四日以内」 (the day of
    receipt not counted, 民法140条); the desk holds every type filed with 機構 to it (product.md,
    "Statutory clock"). A type may store its own (資格届出: the reference data's figure)."""
    return last_day_counted(received_on, SEND_DAYS)


def received_on_refusal(received_on: dt.date, today: dt.date | None = None) -> str | None:
    """Why a 受付日 cannot be taken, or None. A day after today would start the 送付期限 (則9条) and the
    claim's dates from a day that has not come (a typing slip: 2030 for 2026)."""
    today = today or timezone.localdate()
    if received_on <= today:
        return None
    return _("受付日 (%(date)s) が今日 (%(today)s) より後です。今日以前の日付にしてください。") % {
        "date": format_wareki(received_on),
        "today": format_wareki(today),
    }


def case_open(*, case_type: str, resident, received_on, actor: User, filed: bool = True) -> Case:
    """A new case at 受付, numbered in its year, at the receiving clerk's office. `filed=False`: opened
    before anything was filed (a 勧奨 waiting for the person), so no 送付期限 runs yet."""
    spec = casetype_spec(case_type)  # an unregistered type fails here, before anything is written
    refusal = received_on_refusal(received_on)
    if refusal:  # every type's intake form says it first; this guards the other callers
        raise ValidationError({"received_on": refusal})
    return Case.objects.create(
        send_due_on=case_send_due_on(received_on) if spec.goes_to_kiko and filed else None,
        decision_due_on=last_day_counted(received_on, spec.decision_days) if spec.decision_days else None,
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
    text: Text | None = None,
) -> CaseEvent:
    """One timeline row: `text` is what the system says (worded when shown), `comment` what a person
    typed."""
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        office=office or (actor.office if actor is not None else None),
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        comment=comment,
        text_code=text.code if text else "",
        text_params=text.params if text else {},
    )


class StageTransitionRefused(ValidationError):
    """A move the stage table (cases/kernel/stages.py) or the case's type does not allow."""


def transition_check(*, case: Case, to_stage: Stage) -> None:
    spec = casetype_spec(case.case_type)
    if to_stage not in TRANSITIONS[Stage(case.stage)] or to_stage not in spec.stages:
        raise StageTransitionRefused(
            _("案件 %(number)s は「%(from)s」から「%(to)s」へ進めません。")
            % {"number": case.number, "from": Stage(case.stage).label, "to": Stage(to_stage).label}
        )


def case_transition(
    *,
    case: Case,
    to_stage: Stage,
    actor: User | None,
    action: CaseEvent.Action,
    comment: str = "",
    text: Text | None = None,
) -> CaseEvent:
    """Moves a case to another stage and writes the timeline row in the same transaction. Only the
    moves of the stage table, and only to stages the case's type uses."""
    transition_check(case=case, to_stage=to_stage)
    from_stage = case.stage
    case.stage = to_stage
    case.stage_since = timezone.now()
    fields = ["stage", "stage_since", "updated_at"]
    if to_stage in FINAL_STAGES:
        case.closed_at = timezone.now()
        fields.append("closed_at")
    case.save(update_fields=fields)
    return case_event_record(
        case=case,
        actor=actor,
        action=action,
        comment=comment,
        from_stage=from_stage,
        to_stage=to_stage,
        text=text,
    )


def case_send_back(
    *, case: Case, to_stage: Stage, actor: User, action: CaseEvent.Action, reason: str
) -> CaseEvent:
    """A 差戻し: the case goes back a stage, and only with a reason the timeline can show."""
    if not reason.strip():
        raise ValidationError({"reason": _("差戻しの理由を入力してください。")})
    return case_transition(case=case, to_stage=to_stage, actor=actor, action=action, comment=reason)
