"""受付 of a 障害基礎年金 claim: the checks of what the claimant declared, the routing check the counter
runs before anything is saved, and the intake itself (or the referral to the 年金事務所: a case closed at
once with the 案内票). 入力 re-runs the same checks (cases/disability/services.py)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cases.common.documents import documents
from cases.disability import rules, texts
from cases.disability.assessment import FACT_FIELDS, Assessment, ClaimFacts, claim_assess
from cases.disability.checklist import CLAIM_FORM
from cases.disability.models import (
    CertificateForm,
    ClaimBasis,
    DisabilityClaim,
    FirstVisitStatus,
    OfficeRoute,
)
from cases.disability.present import REASONS, WHY_NOT
from cases.disability.records import records_checked
from cases.disability.ruleset import DisabilityParamsMissing, disability_params_for
from cases.kernel.checklist import checklist_mark, checklist_sync
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.models import Case, CaseEvent, CaseType, ChecklistItem, Stage
from cases.kernel.services import case_open, case_transition
from cases.registry.models.residents import Resident
from cases.security.models.users import User

State = ChecklistItem.State


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
    elif facts.cured_on is not None and facts.cured_on < facts.first_visit_on:
        # 法30条1項: the condition is fixed after the first visit, never before (1900-01-01 was taken).
        errors["cured_on"] = _("症状固定日が初診日より前になっています。")
    errors.update(_standard_errors(facts, received_on=received_on))
    if facts.children < 0 or facts.children > 20:
        errors["children"] = _("加算対象の子の数は0〜20で入力してください。")
    return errors


def _standard_errors(facts: ClaimFacts, *, received_on: dt.date) -> dict[str, str]:
    """基準障害 (法30条の3) needs its two dates; any other claim carries neither."""
    errors: dict[str, str] = {}
    if facts.claim_basis != ClaimBasis.STANDARD:
        return errors
    if facts.other_first_visit_on is None:
        errors["other_first_visit_on"] = _("基準障害による請求では、他の傷病の初診日を入力してください。")
    elif facts.other_first_visit_on > received_on:
        errors["other_first_visit_on"] = _("他の傷病の初診日が請求日 (受付日) より後になっています。")
    if facts.standard_graded_on is None:
        errors["standard_graded_on"] = _(
            "基準障害による請求では、併合して初めて2級以上に該当した日を入力してください。"
        )
    elif facts.standard_graded_on > received_on:
        errors["standard_graded_on"] = _(
            "併合して2級以上に該当した日が請求日 (受付日) より後になっています。"
        )
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
    if facts.claim_basis != ClaimBasis.STANDARD:  # the two dates belong to a 基準障害 only
        facts.other_first_visit_on = facts.standard_graded_on = None
    errors = _facts_errors(facts, birth_date=resident.birth_date, received_on=received_on)
    if errors:
        raise ValidationError(errors)
    try:
        params = disability_params_for(on=received_on)
        found = claim_assess(
            facts=facts, birth_date=resident.birth_date, claim_date=received_on, params=params
        )
    except DisabilityParamsMissing as exc:
        raise ValidationError(str(exc)) from None
    except rules.RuleError as exc:
        raise ValidationError({_RULE_FIELDS.get(exc.key, "first_visit_on"): str(exc)}) from None
    return records_checked(
        found, resident=resident, first_visit=facts.first_visit_on, status=facts.status_at_first_visit
    )


def counter_errors(counter: Counter) -> dict[str, str]:
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


def claim_values(facts: ClaimFacts, found: Assessment) -> dict:
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


# The field each reason a claim cannot be taken points at (first_visit_on for the others).
_WHY_NOT_FIELDS = {
    "past_deadline": "claim_basis",
    "standard_pre20": "claim_basis",
    "standard_order": "other_first_visit_on",
    "standard_before_recognition": "standard_graded_on",
    "standard_after_65": "standard_graded_on",
    "standard_not_yet": "standard_graded_on",
    "early_old_age": "early_old_age_claimed",
}


def refuse_not_claimable(found: Assessment) -> None:
    if found.kind.kind == rules.NOT_CLAIMABLE:
        field = _WHY_NOT_FIELDS.get(found.kind.why_not, "first_visit_on")
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
    errors = counter_errors(counter)
    if errors:
        raise ValidationError(errors)
    found = disability_assess(resident=resident, facts=facts, received_on=received_on)
    if found.city_takes_it:
        refuse_not_claimable(found)
    case = case_open(case_type=CaseType.DISABILITY, resident=resident, received_on=received_on, actor=actor)
    claim = DisabilityClaim.objects.create(case=case, **claim_values(facts, found))
    counter_record_save(case=case, counter=counter)
    if claim.referred:
        case_transition(
            case=case,
            to_stage=Stage.CLOSED,
            actor=actor,
            action=CaseEvent.Action.CLOSED,
            text=texts.REFERRED(reason=REASONS[found.office.reason]),
        )
        documents().request(kind="referral", case=case, requested_by=actor)
        return case
    case_transition(case=case, to_stage=Stage.IDENTITY, actor=actor, action=CaseEvent.Action.RECEIVED)
    checklist_sync(case=case)
    checklist_mark(
        case=case, code=CLAIM_FORM, state=State.RECEIVED, actor=actor, note=texts.RECEIVED_AT_COUNTER()
    )
    return case
