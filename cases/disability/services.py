"""The 障害基礎年金 case type's own part of each step: the counter's routing check and intake (or the
referral to the 年金事務所), what 入力 stores, the request for missing papers, and what 照合 checks.
The common part of every step is the kernel's (cases/kernel/steps.py), which calls these hooks
through the type's spec (cases/disability/casetype.py)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.calendar import add_business_days
from cases.common.documents import documents
from cases.disability import rules
from cases.disability.assessment import FACT_FIELDS, Assessment, ClaimFacts, claim_assess
from cases.disability.checklist import CLAIM_FORM
from cases.disability.contribution import Period
from cases.disability.models import (
    CertificateForm,
    ClaimBasis,
    DisabilityClaim,
    FirstVisitStatus,
    OfficeRoute,
)
from cases.disability.present import REASONS, WHY_NOT
from cases.disability.record import contribution_record, current_on_checks
from cases.disability.ruleset import DisabilityParamsMissing, disability_params_for
from cases.kernel.checklist import checklist_mark, checklist_missing, checklist_sync
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.models import Case, CaseEvent, CaseType, ChecklistItem, Stage
from cases.kernel.services import case_open, case_transition
from cases.kernel.steps import DOCUMENTS_DEADLINE_BUSINESS_DAYS, stage_documents_request
from cases.registry.models.residents import Resident
from cases.security.models.users import User

State = ChecklistItem.State


@dataclass
class DisabilityInput:
    """What 入力 takes: the claim as written, the 現症日 of each 診断書 (by checklist code), the months
    copied from 社会保険オンラインシステム and the papers received."""

    facts: ClaimFacts
    current_on: dict[str, dt.date | None] = field(default_factory=dict)
    periods: list[Period] = field(default_factory=list)
    insured_at_first_visit: bool = True
    contribution_confirmed: bool = False
    received: list[str] = field(default_factory=list)
    counter: Counter | None = None


def _facts_errors(facts: ClaimFacts, *, birth_date: dt.date, received_on: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if facts.status_at_first_visit not in FirstVisitStatus.values:
        errors["status_at_first_visit"] = _("初診日の加入状況を選んでください。")
    if facts.claim_basis not in ClaimBasis.values:
        errors["claim_basis"] = _("請求事由を選んでください。")
    if facts.first_visit_on > received_on:
        errors["first_visit_on"] = _("初診日が請求日 (受付日) より後になっています。")
    elif facts.first_visit_on < birth_date:
        errors["first_visit_on"] = _("初診日が生年月日より前になっています。")
    if not facts.conditions.strip():
        errors["conditions"] = _("傷病名を入力してください。")
    if not facts.first_clinic.strip() and not facts.congenital:
        errors["first_clinic"] = _("初診の医療機関を入力してください。")
    if not facts.certificate_forms or set(facts.certificate_forms) - set(CertificateForm.values):
        errors["certificate_forms"] = _("診断書の様式を選んでください。")
    if facts.special_event and facts.special_event_on is None:
        errors["special_event_on"] = _("特例に該当する日 (施術日・開始日) を入力してください。")
    if not facts.special_event and facts.special_event_on is not None:
        errors["special_event"] = _("特例の種類を選んでください (該当日だけが入力されています)。")
    if facts.cured_on is not None and facts.cured_on > received_on:
        errors["cured_on"] = _("症状固定日が請求日 (受付日) より後になっています。")
    if facts.children < 0 or facts.children > 20:
        errors["children"] = _("加算対象の子の数は0〜20で入力してください。")
    return errors


_RULE_FIELDS = {
    "cured_on": "cured_on",
    "event": "special_event_on",
    "status_at_first_visit": "status_at_first_visit",
}


def disability_assess(*, resident: Resident, facts: ClaimFacts, received_on: dt.date) -> Assessment:
    """The routing check and the computed dates (no writes). ValidationError names the field."""
    if facts.congenital:
        facts.first_visit_on = resident.birth_date  # DOUBT: congenital conditions date from birth
    errors = _facts_errors(facts, birth_date=resident.birth_date, received_on=received_on)
    if errors:
        raise ValidationError(errors)
    try:
        params = disability_params_for(on=received_on)
        return claim_assess(
            facts=facts, birth_date=resident.birth_date, claim_date=received_on, params=params
        )
    except DisabilityParamsMissing as exc:
        raise ValidationError(str(exc)) from None
    except rules.RuleError as exc:
        raise ValidationError({_RULE_FIELDS.get(exc.key, "first_visit_on"): str(exc)}) from None


def _counter_errors(counter: Counter) -> dict[str, str]:
    """A claim by a 代理人 needs the 委任状."""
    if counter.agent_name.strip() and not counter.power_of_attorney:
        return {"power_of_attorney": _("代理人による請求には委任状が必要です。")}
    if counter.agent_relationship.strip() and not counter.agent_name.strip():
        return {"agent_name": _("代理人の氏名を入力してください。")}
    return {}


def _kept(text) -> str:
    """Text stored on the case (and printed on the 案内票): the installation's language, whatever the screen's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _claim_values(facts: ClaimFacts, found: Assessment) -> dict:
    doubts = list(found.doubts) + (["congenital"] if facts.congenital else [])
    return {
        **{name: getattr(facts, name) for name in FACT_FIELDS},
        "office_route": OfficeRoute.CITY if found.city_takes_it else OfficeRoute.PENSION_OFFICE,
        "route": found.office.route,
        "route_reason": _kept(REASONS[found.office.reason])[:200],
        "recognition_on": found.recognition.date,
        "recognition_basis": found.recognition.basis,
        "claim_kind": found.kind.kind,
        "payment_start_month": found.payment_start,
        "assessment": {**found.as_json(), "doubts": list(dict.fromkeys(doubts))},
    }


def _refuse_not_claimable(found: Assessment) -> None:
    if found.kind.kind == rules.NOT_CLAIMABLE:
        field = "claim_basis" if found.kind.why_not == "past_deadline" else "first_visit_on"
        raise ValidationError({field: str(WHY_NOT[found.kind.why_not])})


@transaction.atomic
def disability_intake(
    *,
    actor: User,
    resident: Resident,
    received_on: dt.date,
    facts: ClaimFacts,
    counter: Counter | None = None,
) -> Case:
    """受付 at the counter. A claim the city takes goes on to 本人確認; one the 年金事務所 takes is
    recorded in the 受付処理簿, closed at once, and the claimant gets the referral slip (案内票)."""
    counter = counter or Counter()
    errors = _counter_errors(counter)
    if errors:
        raise ValidationError(errors)
    found = disability_assess(resident=resident, facts=facts, received_on=received_on)
    if found.city_takes_it:
        _refuse_not_claimable(found)
    case = case_open(case_type=CaseType.DISABILITY, resident=resident, received_on=received_on, actor=actor)
    claim = DisabilityClaim.objects.create(case=case, **_claim_values(facts, found))
    counter_record_save(case=case, counter=counter)
    if claim.referred:
        case_transition(
            case=case,
            to_stage=Stage.CLOSED,
            actor=actor,
            action=CaseEvent.Action.CLOSED,
            comment=f"年金事務所へ案内: {claim.route_reason}",
        )
        documents().request(kind="referral", case=case, requested_by=actor)
        return case
    case_transition(case=case, to_stage=Stage.IDENTITY, actor=actor, action=CaseEvent.Action.RECEIVED)
    checklist_sync(case=case)
    with translation.override(settings.LANGUAGE_CODE):  # a note kept on the case
        checklist_mark(case=case, code=CLAIM_FORM, state=State.RECEIVED, actor=actor, note=_("窓口で受領"))
    return case


def _input_store(case: Case, actor: User, data: DisabilityInput) -> DisabilityClaim:
    """Saves the claim as written at 入力 and recomputes everything from it (both 入力 exits use it)."""
    claim = case.disability
    found = disability_assess(resident=case.resident, facts=data.facts, received_on=case.received_on)
    if not found.city_takes_it:
        raise ValidationError(
            {
                "status_at_first_visit": _("この内容では市で受理できません: %(reason)s")
                % {"reason": REASONS[found.office.reason]}
            }
        )
    _refuse_not_claimable(found)
    for name, value in _claim_values(data.facts, found).items():
        setattr(claim, name, value)
    claim.certificates = current_on_checks(found, data.current_on)
    try:
        claim.contribution = contribution_record(
            found,
            data.facts,
            periods=data.periods,
            insured_at_first_visit=data.insured_at_first_visit,
            birth_date=case.resident.birth_date,
        )
    except rules.RuleError as exc:
        raise ValidationError({"periods": str(exc)}) from None
    if claim.contribution["applies"] and not data.contribution_confirmed:
        raise ValidationError(
            {
                "contribution_confirmed": _(
                    "社会保険オンラインシステムの納付状況を確認し、チェックを入れてください。"
                )
            }
        )
    claim.contribution_checked_at = timezone.now()
    claim.save()
    if data.counter is not None:
        errors = _counter_errors(data.counter)
        if errors:
            raise ValidationError(errors)
        counter_record_save(case=case, counter=data.counter)
    checklist_sync(case=case)
    held = {item.code: item for item in case.checklist.all()}
    for code in data.received:
        if code in held and not held[code].settled:
            checklist_mark(case=case, code=code, state=State.RECEIVED, actor=actor)
    return claim


def disability_input_save(*, case: Case, actor: User, data: DisabilityInput) -> None:
    """入力 → 照合 (the kernel's `input_save` hook): every required paper is in hand or waived;
    missing ones are asked for instead (disability_documents_request: 書類不備)."""
    _input_store(case, actor, data)
    missing = checklist_missing(case)
    if missing:
        names = "、".join(item.label for item in missing)
        raise ValidationError(
            {
                "received": _(
                    "提出されていない必須の書類があります: %(names)s。受領した書類にチェックを入れるか、"
                    "「不足書類を依頼する」で書類不備にしてください (係長は不要とすることもできます)。"
                )
                % {"names": names}
            }
        )


@transaction.atomic
def disability_documents_request(
    *, case: Case, actor: User, data: DisabilityInput, due_on: dt.date | None = None, note: str = ""
) -> None:
    """入力 → 書類不備: what was typed is kept, each missing required paper is marked 依頼中 with the
    deadline, and the case waits (reminded once the deadline passes) until the papers come."""
    if case.stage != Stage.INPUT:
        raise ValidationError(_("この案件は入力の段階にありません。"))
    _input_store(case, actor, data)
    missing = checklist_missing(case)
    if not missing:
        raise ValidationError({"due_on": _("不足している必須の書類はありません。照合へ進めてください。")})
    due = due_on or add_business_days(timezone.localdate(), DOCUMENTS_DEADLINE_BUSINESS_DAYS)
    for item in missing:
        checklist_mark(case=case, code=item.code, state=State.REQUESTED, actor=actor, due_on=due)
    names = "、".join(item.label for item in missing)
    stage_documents_request(case=case, actor=actor, due_on=due, shown=f"不足: {names}。", note=note)


def disability_cross_check_ready(case: Case) -> None:
    """照合 (the kernel's hook): a 診断書 in hand carries a 現症日 inside its window (an edge day is
    「要確認」 and passes; outside needs a new 診断書 or a 係長's waiver)."""
    claim = case.disability
    items = {item.code: item for item in case.checklist.all()}
    problems = []
    for certificate in claim.certificates:
        item = items.get(certificate["code"])
        if item is None or item.state == State.WAIVED:
            continue
        if certificate.get("current_on") is None and item.settled:
            problems.append(_("%(label)s の現症日が入力されていません") % {"label": item.label})
        elif certificate.get("check") == rules.OUTSIDE:
            problems.append(
                _("%(label)s の現症日 %(day)s が期間外です")
                % {"label": item.label, "day": certificate["current_on"]}
            )
    if problems:
        raise ValidationError({"matches": "。".join(problems) + "。"})


def disability_approval_documents(case: Case) -> tuple[str, ...]:
    """The 送付票 (the city's cover sheet for 機構, listing what is enclosed); the papers themselves
    are the originals, sent separately."""
    return ("filing",)


def disability_has_receipt(case: Case) -> bool:
    """A referred claim gets the referral slip instead of a 受付票."""
    return not case.disability.referred


def disability_other_documents(case: Case) -> tuple[str, ...]:
    return ("referral",) if case.disability.referred else ()
