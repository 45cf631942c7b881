"""Each step of an exemption case. One transaction per step; the workflow calls these inside its lock."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.calendar import add_business_days
from cases.common.codes import ExemptionReason
from cases.common.jobs import job_send
from cases.exemption.models import (
    NUMBER_DOCUMENTS,
    PHOTO_ID_DOCUMENTS,
    ExemptionApplication,
    IdentityDocument,
    SpecialGround,
)
from cases.exemption.periods import add_months
from cases.exemption.request import (
    REQUEST_FIELDS,
    ExemptionRequest,
    applicant_request_validate,
    applicant_validate,
    exemption_request_normalize,
)
from cases.kernel.models import Case, CaseEvent, CaseType, Stage
from cases.kernel.services import case_event_record, case_open, case_send_back, case_transition
from cases.registry.models.pension import Exemption
from cases.registry.models.residents import Resident
from cases.security.models.users import User

DOCUMENTS_DEADLINE_BUSINESS_DAYS = 10
DECLARED_FIELDS = ("declared_kana_name", "declared_kanji_name", "declared_birth_date", "declared_address")


def exemption_request_of(application: ExemptionApplication) -> ExemptionRequest:
    return ExemptionRequest(**{name: getattr(application, name) for name in REQUEST_FIELDS})


@transaction.atomic
def exemption_intake(
    *, actor: User, resident: Resident, received_on: dt.date, request: ExemptionRequest
) -> Case:
    """受付 at the counter of the clerk's office. Refuses what cannot be applied for (request.py);
    the 整理番号 takes the year of the receipt date, which may not lie in the future."""
    applicant_validate(resident=resident)
    request = exemption_request_normalize(request=request, applied_on=received_on)
    applicant_request_validate(resident=resident, request=request, applied_on=received_on)
    case = case_open(case_type=CaseType.EXEMPTION, resident=resident, received_on=received_on, actor=actor)
    ExemptionApplication.objects.create(
        case=case,
        fiscal_year=request.fiscal_year,
        **{name: getattr(request, name) for name in REQUEST_FIELDS},
    )
    case_transition(
        case=case,
        to_stage=Stage.IDENTITY,
        actor=actor,
        action=CaseEvent.Action.RECEIVED,
        comment=" ".join(request.notes),
    )
    return case


def identity_is_verified(documents: list[str]) -> bool:
    """番号法16条: a My Number card alone, or a number document plus a photo ID."""
    docs = set(documents)
    if IdentityDocument.MYNUMBER_CARD in docs:
        return True
    return bool(docs & NUMBER_DOCUMENTS) and bool(
        docs & (PHOTO_ID_DOCUMENTS - {IdentityDocument.MYNUMBER_CARD})
    )


@transaction.atomic
def exemption_identity_record(
    *, case: Case, actor: User, documents: list[str], note: str = "", due_on: dt.date | None = None
) -> bool:
    """本人確認. Returns whether identity was verified; if not, the case waits for documents."""
    unknown = set(documents) - set(IdentityDocument.values)
    if unknown:
        raise ValidationError({"documents": _("本人確認書類の指定が正しくありません。")})
    application = case.exemption
    application.identity_documents = list(documents)
    application.identity_note = note
    application.save(update_fields=["identity_documents", "identity_note", "updated_at"])
    with translation.override(settings.LANGUAGE_CODE):  # the timeline keeps the installation's language
        labels = "・".join(str(IdentityDocument(d).label) for d in documents) or "提示なし"
    if identity_is_verified(documents):
        case_transition(
            case=case,
            to_stage=Stage.INPUT,
            actor=actor,
            action=CaseEvent.Action.IDENTITY_VERIFIED,
            comment=labels,
        )
        return True
    today = timezone.localdate()
    due = due_on or add_business_days(today, DOCUMENTS_DEADLINE_BUSINESS_DAYS)
    if due < today:
        raise ValidationError({"due_on": _("提出期限は今日以降の日付にしてください。")})
    case.documents_due_on, case.documents_reminded_at = due, None
    case.save(update_fields=["documents_due_on", "documents_reminded_at", "updated_at"])
    comment = f"提示: {labels}。期限 {due:%Y-%m-%d}。{note}".strip()
    case_transition(
        case=case,
        to_stage=Stage.AWAITING_DOCUMENTS,
        actor=actor,
        action=CaseEvent.Action.DOCUMENTS_REQUESTED,
        comment=comment,
    )
    return False


@transaction.atomic
def exemption_documents_outcome(*, case: Case, actor: User, received: bool, comment: str = "") -> None:
    """書類不備 resolved: documents came (back to 本人確認) or the applicant withdrew (取下げ)."""
    if received:
        case_transition(
            case=case,
            to_stage=Stage.IDENTITY,
            actor=actor,
            action=CaseEvent.Action.DOCUMENTS_RECEIVED,
            comment=comment,
        )
    else:
        if not comment.strip():
            raise ValidationError({"comment": _("取下げの理由を入力してください。")})
        case_transition(
            case=case,
            to_stage=Stage.WITHDRAWN,
            actor=actor,
            action=CaseEvent.Action.WITHDRAWN,
            comment=comment,
        )


@transaction.atomic
def exemption_input_save(
    *,
    case: Case,
    actor: User,
    request: ExemptionRequest,
    declared: dict,
    spouse: Resident | None,
    householder: Resident | None,
    household_confirmed: bool,
) -> None:
    """入力: the application as written, and the household confirmed by the clerk.

    The income attachment is rebuilt by a Celery job after commit; the cross-check waits for it.
    """
    if not household_confirmed:
        raise ValidationError(
            {"household_confirmed": _("配偶者・世帯主を確認し、チェックを入れてください。")}
        )
    if case.resident_id in {getattr(spouse, "pk", None)}:
        raise ValidationError({"spouse": _("申請者本人を配偶者に指定することはできません。")})
    request = exemption_request_normalize(request=request, applied_on=case.received_on)
    applicant_request_validate(resident=case.resident, request=request, applied_on=case.received_on)
    application = case.exemption
    for name in REQUEST_FIELDS:
        setattr(application, name, getattr(request, name))
    application.fiscal_year = request.fiscal_year
    for name in DECLARED_FIELDS:
        setattr(application, name, declared[name])
    application.spouse, application.householder = spouse, householder
    application.household_confirmed = True
    application.income_attachment, application.income_attached_at = None, None
    application.save()
    case.inputter = actor
    case.save(update_fields=["inputter", "updated_at"])
    case_transition(
        case=case,
        to_stage=Stage.CROSS_CHECK,
        actor=actor,
        action=CaseEvent.Action.INPUT_SAVED,
        comment=" ".join(request.notes),
    )
    job_send("cases.income_attach", case.pk)


@transaction.atomic
def exemption_cross_check(*, case: Case, actor: User, matches: bool, reason: str = "") -> None:
    """照合 by someone other than the inputter (the assessment's 入力後の照合)."""
    if actor.pk == case.inputter_id:
        raise PermissionDenied(_("照合は入力者と異なる職員が行ってください。"))
    if matches and case.exemption.income_attached_at is None:
        raise ValidationError(
            {"matches": _("所得情報の添付が完了していません。しばらくしてから照合してください。")}
        )
    if not matches:
        case_send_back(
            case=case, to_stage=Stage.INPUT, actor=actor, action=CaseEvent.Action.SENT_BACK, reason=reason
        )
        return
    case.cross_checker = actor
    case.save(update_fields=["cross_checker", "updated_at"])
    case_transition(
        case=case,
        to_stage=Stage.APPROVAL,
        actor=actor,
        action=CaseEvent.Action.CROSS_CHECK_OK,
        comment=reason,
    )


_REASON_BY_GROUND = {
    SpecialGround.UNEMPLOYMENT: ExemptionReason.UNEMPLOYMENT,
    SpecialGround.DOMESTIC_VIOLENCE: ExemptionReason.DOMESTIC_VIOLENCE,
    SpecialGround.DISASTER: ExemptionReason.DISASTER,
    SpecialGround.PUBLIC_ASSISTANCE: ExemptionReason.PUBLIC_ASSISTANCE,
}


def _exemption_record_upsert(case: Case) -> Exemption:
    application = case.exemption
    request = exemption_request_of(application)
    if request.is_statutory:
        reason = ExemptionReason.STATUTORY
    elif request.is_maternity:
        reason = ExemptionReason.MATERNITY
    else:
        reason = _REASON_BY_GROUND.get(application.special_ground, ExemptionReason.INCOME)
    end_on = add_months(application.period_end, 1) - dt.timedelta(days=1) if application.period_end else None
    record, __ = Exemption.objects.update_or_create(
        reference_no=case.number,
        defaults={
            "pension": case.resident.pension,
            "case": case,
            "received_on": case.received_on,
            "kind": application.kinds[0],
            "start_on": application.period_start,
            "reason": reason,
            "end_on": end_on,
            "is_statutory": request.is_statutory,
            "statutory_code": application.statutory_ground,
            "graduation_month": application.graduation_month,
        },
    )
    return record


@transaction.atomic
def exemption_approval(*, case: Case, actor: User, approved: bool, reason: str = "") -> None:
    """決裁 by a supervisor who neither input nor cross-checked the case."""
    if actor.pk in (case.inputter_id, case.cross_checker_id):
        raise PermissionDenied(_("入力者・照合者は同じ案件を決裁できません。"))
    if not approved:
        case_send_back(
            case=case, to_stage=Stage.INPUT, actor=actor, action=CaseEvent.Action.REJECTED, reason=reason
        )
        return
    case.approver = actor
    case.approval_escalated_at = None
    case.save(update_fields=["approver", "approval_escalated_at", "updated_at"])
    _exemption_record_upsert(case)
    case_transition(
        case=case, to_stage=Stage.READY_TO_SEND, actor=actor, action=CaseEvent.Action.APPROVED, comment=reason
    )
    # Rendered now, in the background, so the weekly bundle only has to assemble them.
    job_send("documents.case_documents", case.pk)


def exemption_claim_event(*, case: Case, actor: User, action: CaseEvent.Action, comment: str = "") -> None:
    case_event_record(case=case, actor=actor, action=action, comment=comment)
