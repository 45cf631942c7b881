"""開示・訂正・利用停止請求: 受付 → 対応 → 決裁 → 回答 (完了). One transaction per step; the workflow
(workflows.requests) calls these inside its lock and routes on the stage they set."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.documents import documents
from cases.kernel.counter import (
    PHOTO_ID_DOCUMENTS,
    Counter,
    IdentityDocument,
    counter_identity_save,
    counter_record_save,
    identity_documents_labels,
)
from cases.kernel.models import REQUEST_CASE_TYPES, Case, CaseEvent, CaseType, Requester, Stage
from cases.kernel.services import case_event_record, case_open, case_transition
from cases.registry.models.residents import Resident
from cases.requests import texts
from cases.requests.corrections import correction_apply, correction_prepare
from cases.requests.models import ResidentRequest
from cases.security.models.users import User

GRANT, REFUSE, WITHDRAW = "grant", "refuse", "withdraw"


@transaction.atomic
def request_intake(
    *,
    actor: User,
    resident: Resident,
    case_type: str,
    received_on: dt.date,
    requester: str,
    content: str,
    identity_documents: list[str],
    identity_note: str = "",
    agent_name: str = "",
    agent_relationship: str = "",
) -> Case:
    """受付: the request as made at the counter (or by post), after the requester's identity was checked."""
    errors = {}
    if case_type not in REQUEST_CASE_TYPES:
        errors["case_type"] = _("請求の種類を選んでください。")
    if requester not in Requester.values:
        errors["requester"] = _("請求者 (本人・代理人) を選んでください。")
    if requester == Requester.AGENT and not (agent_name.strip() and agent_relationship.strip()):
        errors["agent_name"] = _("代理人の氏名と資格 (法定代理人・任意代理人) を入力してください。")
    if set(identity_documents) - set(IdentityDocument.values):
        errors["identity_documents"] = _("本人確認書類の指定が正しくありません。")
    elif not set(identity_documents) & PHOTO_ID_DOCUMENTS:
        # 開示等の請求は本人 (代理人) であることの確認が前提: 写真付きの書類1点で確認する。
        errors["identity_documents"] = _(
            "請求者の本人確認書類 (マイナンバーカード・運転免許証・パスポート 等の写真付きのもの) を確認してください。"
        )
    if not content.strip():
        errors["content"] = _("請求の内容を入力してください。")
    if received_on > timezone.localdate():
        errors["received_on"] = _("受付日に未来の日付は指定できません。")
    if errors:
        raise ValidationError(errors)
    case = case_open(case_type=case_type, resident=resident, received_on=received_on, actor=actor)
    ResidentRequest.objects.create(case=case, content=content.strip())
    counter = Counter(requester=requester, agent_name=agent_name, agent_relationship=agent_relationship)
    counter_record_save(case=case, counter=counter)
    counter_identity_save(case=case, documents=identity_documents, note=identity_note)
    with translation.override(settings.LANGUAGE_CODE):  # stored as its message id
        who = str(Requester(requester).label)
    shown = identity_documents_labels(identity_documents)
    said = (
        texts.RECEIVED_BY_AGENT(
            requester=who,
            agent=agent_name.strip(),
            relationship=agent_relationship.strip(),
            documents=shown,
        )
        if requester == Requester.AGENT
        else texts.RECEIVED(requester=who, documents=shown)
    )
    case_transition(
        case=case, to_stage=Stage.RESPONSE, actor=actor, action=CaseEvent.Action.RECEIVED, text=said
    )
    return case


def _clear_handling(request: ResidentRequest) -> None:
    request.granted = None
    request.handling_note = request.refusal_reason = request.suspension_scope = ""
    request.correction_record = request.correction_field = request.correction_label = ""
    request.correction_old_value = request.correction_new_value = ""
    request.correction_label_text, request.correction_old_value_text, request.correction_new_value_text = (
        {},
        {},
        {},
    )


@transaction.atomic
def request_respond(
    *,
    case: Case,
    actor: User,
    decision: str,
    note: str = "",
    refusal_reason: str = "",
    correction_target: str = "",
    correction_value: str = "",
    suspension_scope: str = "",
) -> None:
    """対応: what the desk will do (or why not). Goes to 決裁; 取下げ ends the case."""
    if case.stage != Stage.RESPONSE:
        raise ValidationError(_("この請求は対応の段階にありません。"))
    request = case.resident_request
    if decision == WITHDRAW:
        if not note.strip():
            raise ValidationError({"note": _("取下げの経緯を入力してください。")})
        case_transition(
            case=case, to_stage=Stage.WITHDRAWN, actor=actor, action=CaseEvent.Action.WITHDRAWN, comment=note
        )
        return
    if decision not in (GRANT, REFUSE):
        raise ValidationError({"decision": _("対応を選んでください。")})
    _clear_handling(request)
    request.granted = decision == GRANT
    request.handling_note = note.strip()
    if decision == REFUSE:
        if not refusal_reason.strip():
            raise ValidationError({"refusal_reason": _("請求に応じない理由を入力してください。")})
        request.refusal_reason = refusal_reason.strip()
        summary = texts.REFUSE(reason=request.refusal_reason)
    elif case.case_type == CaseType.CORRECTION:
        record, __, field = correction_target.partition("|")
        if not record or not field:
            raise ValidationError({"target": _("訂正する記録と項目を選んでください。")})
        prepared = correction_prepare(
            resident=case.resident, record=record, field=field, new_value=correction_value
        )
        for name, value in prepared.items():
            setattr(request, name, value)
        summary = texts.CORRECT(
            field=request.correction_label_text,
            old=request.correction_old_value_text or request.correction_old_value,
            new=request.correction_new_value_text or correction_value.strip(),
        )
    elif case.case_type == CaseType.SUSPENSION:
        if not suspension_scope.strip():
            raise ValidationError({"suspension_scope": _("停止する利用の範囲を入力してください。")})
        request.suspension_scope = suspension_scope.strip()
        summary = texts.SUSPEND(scope=request.suspension_scope)
    else:
        summary = texts.DISCLOSE()
    request.save()
    case.inputter = actor
    case.save(update_fields=["inputter", "updated_at"])
    case_transition(
        case=case,
        to_stage=Stage.APPROVAL,
        actor=actor,
        action=CaseEvent.Action.REQUEST_HANDLED,
        comment=request.handling_note,
        text=summary,
    )


def _disclosure_report_ready(case: Case) -> bool:
    return documents().is_usable(documents().current(kind="disclosure", case=case))


@transaction.atomic
def resident_use_suspend(*, case: Case, actor: User, on: dt.date | None = None) -> Resident:
    """利用停止: marks the person; every case of theirs shows the warning from now on."""
    resident = Resident.objects.select_for_update().get(pk=case.resident_id)
    resident.use_suspended_on = on or timezone.localdate()
    resident.use_suspended_case = case
    resident.save(update_fields=["use_suspended_on", "use_suspended_case", "updated_at"])
    case_event_record(
        case=case,
        actor=actor,
        action=CaseEvent.Action.USE_SUSPENDED,
        comment=case.resident_request.suspension_scope,
    )
    return resident


def request_approved(*, case: Case, actor: User) -> None:
    """決裁 carries the handling out (the kernel's `approved` hook for the three request types)."""
    request = case.resident_request
    if not request.granted:
        return
    if case.case_type == CaseType.DISCLOSURE and not _disclosure_report_ready(case):
        raise ValidationError(_("開示報告書を作成してから決裁してください。"))
    if case.case_type == CaseType.CORRECTION:
        correction_apply(case=case, actor=actor)
    if case.case_type == CaseType.SUSPENSION:
        resident_use_suspend(case=case, actor=actor)


@transaction.atomic
def request_answer(*, case: Case, actor: User, outcome: str, answered_on: dt.date | None) -> None:
    """完了: the requester was told the outcome (by letter or at the counter) on `answered_on`."""
    if case.stage != Stage.ANSWER:
        raise ValidationError(_("この請求は回答の段階にありません。"))
    errors = {}
    if not outcome.strip():
        errors["outcome"] = _("請求者へ伝えた結果を入力してください。")
    if answered_on is None:
        errors["answered_on"] = _("回答した日を入力してください。")
    elif answered_on > timezone.localdate():
        errors["answered_on"] = _("回答日に未来の日付は指定できません。")
    elif answered_on < case.received_on:
        errors["answered_on"] = _("回答日は受付日以降にしてください。")
    if errors:
        raise ValidationError(errors)
    request = case.resident_request
    request.outcome, request.answered_on = outcome.strip(), answered_on
    request.save(update_fields=["outcome", "answered_on", "updated_at"])
    case_transition(
        case=case,
        to_stage=Stage.CLOSED,
        actor=actor,
        action=CaseEvent.Action.ANSWERED,
        comment=request.outcome,
        text=texts.ANSWERED(date=answered_on),
    )
