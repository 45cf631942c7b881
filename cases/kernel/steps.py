"""The stage services every case type shares. Each does the common part — separation of duties,
send-back with a reason, escalation reset, the stage move and its timeline row — and calls the
hooks of the case's type (`CaseTypeSpec`). One transaction per step; the workflow calls these inside
the flow lock (workflows/steps.py), and so do the demo and the tests.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.calendar import add_business_days
from cases.common.jobs import job_send
from cases.common.texts import Text
from cases.kernel import duties, texts
from cases.kernel.casetypes import casetype_spec
from cases.kernel.checklist import checklist_check, checklist_mark, checklist_missing
from cases.kernel.counter import counter_identity_save, identity_documents_labels, identity_is_verified
from cases.kernel.models import Case, CaseEvent, ChecklistItem
from cases.kernel.services import case_send_back, case_transition
from cases.kernel.stages import Stage
from cases.security.models.users import User
from cases.security.scope import offices_act_check

DOCUMENTS_DEADLINE_BUSINESS_DAYS = 10
Action = CaseEvent.Action


def _expect(case: Case, stage: Stage) -> None:
    # The flow routes on the stage; a stale screen or a second click must not act twice.
    if case.stage != stage:
        raise ValidationError(
            _("この案件は%(stage)sの段階にありません (現在: %(now)s)。")
            % {"stage": stage.label, "now": Stage(case.stage).label}
        )


def _acting(case: Case, actor: User) -> None:
    """Seeing is not acting (cases/security/scope.py): a branch 係長 sees every office's cases but
    decides only their own office's; the 本庁's act city-wide."""
    offices_act_check(actor, case.office_id)


def _duty(case: Case, step: str, actor: User) -> None:
    if not duties.duty_allows(case, step, actor):
        message = casetype_spec(case.case_type).duty_refusals.get(step)
        if message is None:
            duties.duty_check(case, step, actor)
        raise PermissionDenied(str(message))


@transaction.atomic
def stage_identity_record(
    *, case: Case, actor: User, documents: list[str], note: str = "", due_on: dt.date | None = None
) -> bool:
    """本人確認 (番号法16条). Verified: on to 入力. Otherwise the case waits at 書類不備."""
    _expect(case, Stage.IDENTITY)
    _acting(case, actor)
    counter_identity_save(case=case, documents=documents, note=note)
    labels = identity_documents_labels(documents)
    if identity_is_verified(documents):
        case_transition(
            case=case,
            to_stage=Stage.INPUT,
            actor=actor,
            action=Action.IDENTITY_VERIFIED,
            text=texts.IDENTITY_DOCUMENTS(documents=labels),
        )
        return True
    stage_documents_request(case=case, actor=actor, due_on=due_on, shown=labels, note=note)
    return False


@transaction.atomic
def stage_documents_request(
    *,
    case: Case,
    actor: User,
    due_on: dt.date | None = None,
    shown: list[str] | None = None,
    missing: list[str | dict] | None = None,
    note: str = "",
) -> dt.date:
    """書類不備: the case waits for papers until `due_on` (10 business days unless given); the
    deadline is reminded once it passes (cases/kernel/deadlines.py), and the case resumes where it
    stopped when they come."""
    today = timezone.localdate()
    due = due_on or add_business_days(today, DOCUMENTS_DEADLINE_BUSINESS_DAYS)
    if due < today:
        raise ValidationError({"due_on": _("提出期限は今日以降の日付にしてください。")})
    case.documents_due_on, case.documents_reminded_at = due, None
    case.save(update_fields=["documents_due_on", "documents_reminded_at", "updated_at"])
    # `shown`: the identity documents shown at 本人確認 (their labels), when they were not enough;
    # `missing`: the papers asked for (their labels), worded in the reader's language when shown.
    if missing is not None:
        said = texts.DOCUMENTS_MISSING(documents=missing, due=due)
    elif shown is not None:
        said = texts.DOCUMENTS_REQUESTED_SHOWN(documents=shown, due=due)
    else:
        said = texts.DOCUMENTS_REQUESTED(due=due)
    case_transition(
        case=case,
        to_stage=Stage.AWAITING_DOCUMENTS,
        actor=actor,
        action=Action.DOCUMENTS_REQUESTED,
        comment=note.strip(),
        text=said,
    )
    return due


@transaction.atomic
def stage_input_papers_request(
    *, case: Case, actor: User, data=None, due_on: dt.date | None = None, note: str = ""
) -> dt.date:
    """入力 → 書類不備 for the case's own papers: what was typed is kept (the type's `input_store`),
    each missing required paper is marked 依頼中 with the deadline, and the case waits (reminded once
    the deadline passes) until they come; then it goes back to 入力."""
    _expect(case, Stage.INPUT)
    _acting(case, actor)
    spec = casetype_spec(case.case_type)
    if spec.input_store is None or spec.checklist is None:
        raise ValidationError(_("この種類の案件は入力から書類不備にできません。"))
    spec.input_store(case=case, actor=actor, data=data)
    missing = checklist_missing(case)
    if not missing:
        raise ValidationError({"due_on": _("不足している必須の書類はありません。照合へ進めてください。")})
    due = due_on or add_business_days(timezone.localdate(), DOCUMENTS_DEADLINE_BUSINESS_DAYS)
    for item in missing:
        checklist_mark(
            case=case, code=item.code, state=ChecklistItem.State.REQUESTED, actor=actor, due_on=due
        )
    return stage_documents_request(
        case=case, actor=actor, due_on=due, missing=[item.label_param for item in missing], note=note
    )


def _stage_before_documents(case: Case) -> Stage:
    asked = case.events.filter(action=Action.DOCUMENTS_REQUESTED).order_by("-at", "-id").first()
    return Stage(asked.from_stage) if asked and asked.from_stage else Stage.IDENTITY


@transaction.atomic
def stage_documents_outcome(*, case: Case, actor: User, received: bool, comment: str = "") -> None:
    """書類不備 resolved: the papers came (back to the stage that asked for them) or the applicant
    withdrew (取下げ, with the reason)."""
    _expect(case, Stage.AWAITING_DOCUMENTS)
    _acting(case, actor)
    if received:
        case_transition(
            case=case,
            to_stage=_stage_before_documents(case),
            actor=actor,
            action=Action.DOCUMENTS_RECEIVED,
            comment=comment,
        )
    else:
        stage_withdraw(case=case, actor=actor, reason=comment, field="comment")


@transaction.atomic
def stage_withdraw(*, case: Case, actor: User, reason: str, field: str = "reason") -> None:
    """取下げ: the applicant takes the case back; always with the reason."""
    _acting(case, actor)
    if not reason.strip():
        raise ValidationError({field: _("取下げの理由を入力してください。")})
    case_transition(
        case=case,
        to_stage=Stage.WITHDRAWN,
        actor=actor,
        action=Action.WITHDRAWN,
        comment=reason.strip(),
    )


@transaction.atomic
def stage_input_done(*, case: Case, actor: User, data=None) -> None:
    """入力: the type stores what was typed (its `input_save` hook, which may return a note for the
    timeline: a `Text` the system says, worded for each reader, or words kept as written); the case goes
    to 照合."""
    _expect(case, Stage.INPUT)
    _acting(case, actor)
    spec = casetype_spec(case.case_type)
    note = spec.input_save(case=case, actor=actor, data=data) if spec.input_save is not None else ""
    case.inputter = actor
    case.save(update_fields=["inputter", "updated_at"])
    said = note if isinstance(note, Text) else None
    case_transition(
        case=case,
        to_stage=Stage.CROSS_CHECK,
        actor=actor,
        action=Action.INPUT_SAVED,
        comment="" if said is not None else note or "",
        text=said,
    )


@transaction.atomic
def stage_cross_check(*, case: Case, actor: User, matches: bool, reason: str = "") -> None:
    """照合 by someone other than the inputter (the assessment's 入力後の照合)."""
    _expect(case, Stage.CROSS_CHECK)
    _acting(case, actor)
    _duty(case, duties.CROSS_CHECK, actor)
    spec = casetype_spec(case.case_type)
    if matches and spec.checklist is not None:
        checklist_check(case)  # a case reaches 決裁 only with its required papers (or a 係長's waiver)
    if matches and spec.cross_check_ready is not None:
        spec.cross_check_ready(case)
    if not matches:
        case_send_back(case=case, to_stage=Stage.INPUT, actor=actor, action=Action.SENT_BACK, reason=reason)
        return
    case.cross_checker = actor
    case.save(update_fields=["cross_checker", "updated_at"])
    case_transition(
        case=case, to_stage=Stage.APPROVAL, actor=actor, action=Action.CROSS_CHECK_OK, comment=reason
    )


@transaction.atomic
def stage_approval(*, case: Case, actor: User, approved: bool, reason: str = "") -> None:
    """決裁 by a supervisor who neither input nor cross-checked the case. Approval runs the type's
    `approved` hook, then the case goes on (送付待ち, 回答 or 完了) and its documents are rendered."""
    _expect(case, Stage.APPROVAL)
    _acting(case, actor)
    _duty(case, duties.APPROVAL, actor)
    spec = casetype_spec(case.case_type)
    if not approved:
        case_send_back(
            case=case, to_stage=spec.send_back_stage, actor=actor, action=Action.REJECTED, reason=reason
        )
        return
    if spec.checklist is not None:
        # Checked again here, not only at 照合: a paper may be marked 未提出 while the case waits for
        # 決裁 (or while the 係長's form is open). A 差戻し above needs no papers.
        checklist_check(case)
    if spec.approved is not None:
        spec.approved(case=case, actor=actor)
    case.approver = actor
    case.approval_escalated_at = None
    case.save(update_fields=["approver", "approval_escalated_at", "updated_at"])
    case_transition(
        case=case, to_stage=spec.after_approval, actor=actor, action=Action.APPROVED, comment=reason
    )
    if spec.approval_documents(case):
        # Rendered now, in the background, so the weekly bundle only has to assemble them.
        job_send("documents.case_documents", case.pk)
