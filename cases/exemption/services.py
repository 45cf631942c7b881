"""The 免除・納付猶予 case type's own part of each step: intake, what 入力 stores, what 照合 waits for and
what 決裁 records. The common part of every step is the kernel's (cases/kernel/steps.py), which calls
these through the type's spec (cases/exemption/casetype.py)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind, ExemptionReason
from cases.common.dates import add_months
from cases.common.identifiers.kana import katakana
from cases.common.identifiers.wareki import age_on
from cases.common.jobs import job_send
from cases.common.texts import Text
from cases.exemption import texts
from cases.exemption.applicant import applicant_request_validate, applicant_validate
from cases.exemption.deferral import deferral_cut
from cases.exemption.models import ExemptionApplication, SpecialGround
from cases.exemption.request import REQUEST_FIELDS, ExemptionRequest, exemption_request_normalize
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.models import Case, CaseEvent, CaseType, Stage
from cases.kernel.services import case_open, case_transition
from cases.registry.models.pension import Exemption
from cases.registry.models.residents import Resident
from cases.security.models.users import User

DECLARED_FIELDS = ("declared_kana_name", "declared_kanji_name", "declared_birth_date", "declared_address")


@dataclass
class ExemptionInput:
    """What 入力 takes: the application as written, and the household the clerk confirmed."""

    request: ExemptionRequest
    declared: dict
    spouse: Resident | None = None
    householder: Resident | None = None
    household_confirmed: bool = False
    counter: Counter | None = None  # the 代理人, when corrected at 入力


def declared_from_registry(resident: Resident) -> dict:
    """What an applicant who copied the 住民記録 exactly would have written (demo data, tests)."""
    return {
        "declared_kana_name": resident.kana_name,
        "declared_kanji_name": resident.kanji_name,
        "declared_birth_date": resident.birth_date,
        "declared_address": resident.address,
    }


def exemption_request_of(application: ExemptionApplication) -> ExemptionRequest:
    return ExemptionRequest(**{name: getattr(application, name) for name in REQUEST_FIELDS})


def _counter_errors(counter: Counter) -> dict[str, str]:
    """An application by a 代理人 needs the 委任状 (則77条の2 etc. name the applicant; the agent acts
    on their written authority)."""
    errors = {}
    if counter.agent_name.strip() and not counter.power_of_attorney:
        errors["power_of_attorney"] = _("代理人による申請には委任状が必要です。")
    if counter.agent_relationship.strip() and not counter.agent_name.strip():
        errors["agent_name"] = _("代理人の氏名を入力してください。")
    return errors


def _normalized(request: ExemptionRequest, counter: Counter, applied_on: dt.date) -> ExemptionRequest:
    errors = _counter_errors(counter)
    try:
        request = exemption_request_normalize(request=request, applied_on=applied_on)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        errors = {**{name: messages[0] for name, messages in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    return request


@transaction.atomic
def exemption_intake(
    *,
    actor: User,
    resident: Resident,
    received_on: dt.date,
    request: ExemptionRequest,
    counter: Counter | None = None,
) -> Case:
    """受付 at the counter of the clerk's office. Refuses what cannot be applied for (request.py);
    the 整理番号 takes the year of the receipt date, which may not lie in the future."""
    counter = counter or Counter()
    applicant_validate(resident=resident)
    request = _normalized(request, counter, received_on)
    applicant_request_validate(resident=resident, request=request, applied_on=received_on)
    case = case_open(case_type=CaseType.EXEMPTION, resident=resident, received_on=received_on, actor=actor)
    ExemptionApplication.objects.create(
        case=case,
        fiscal_year=request.fiscal_year,
        **{name: getattr(request, name) for name in REQUEST_FIELDS},
    )
    counter_record_save(case=case, counter=counter)
    case_transition(
        case=case,
        to_stage=Stage.IDENTITY,
        actor=actor,
        action=CaseEvent.Action.RECEIVED,
        text=texts.NOTES(notes=request.notes) if request.notes else None,
    )
    return case


MARRIAGE_AGE = 16  # the lowest 婚姻適齢 anyone now married was held to (民法731条, before 2022: 女16歳)


def exemption_input_save(*, case: Case, actor: User, data: ExemptionInput) -> Text | None:
    """入力 (the kernel's `input_save` hook). The income attachment is rebuilt by a Celery job after
    commit; the cross-check waits for it. Returns the notes for the timeline (e.g. an era corrected)."""
    if not data.household_confirmed:
        raise ValidationError(
            {"household_confirmed": _("配偶者・世帯主を確認し、チェックを入れてください。")}
        )
    if case.resident_id == getattr(data.spouse, "pk", None):
        raise ValidationError({"spouse": _("申請者本人を配偶者に指定することはできません。")})
    if data.spouse is not None and age_on(data.spouse.birth_date, case.received_on) < MARRIAGE_AGE:
        # 民法731条: nobody under 16 (the old age for women; 18 since 2022-04-01) is anyone's spouse. A
        # child of the household was taken as the 配偶者, and the 所得 screening said 判定不能
        # (exploratory test, 2026-12-05).
        raise ValidationError(
            {
                "spouse": _("選んだ方は受付日に%(age)s歳未満です。配偶者を確認してください (民法731条)。")
                % {"age": MARRIAGE_AGE}
            }
        )
    counter = data.counter
    if counter is None:
        record = getattr(case, "counter", None)
        counter = (
            Counter(
                requester=record.requester,
                agent_name=record.agent_name,
                agent_relationship=record.agent_relationship,
                power_of_attorney=record.power_of_attorney,
            )
            if record
            else Counter()
        )
    request = _normalized(data.request, counter, case.received_on)
    applicant_request_validate(resident=case.resident, request=request, applied_on=case.received_on)
    application = case.exemption
    for name in REQUEST_FIELDS:
        setattr(application, name, getattr(request, name))
    application.fiscal_year = request.fiscal_year
    for name in DECLARED_FIELDS:
        setattr(application, name, data.declared[name])
    # Printed as 氏名 (フリガナ): katakana whoever calls (the form converts already; the demo, tests, a script).
    application.declared_kana_name = katakana(application.declared_kana_name or "")
    application.spouse, application.householder = data.spouse, data.householder
    application.household_confirmed = True
    application.income_attachment, application.income_attached_at = None, None
    application.save()
    if data.counter is not None:
        counter_record_save(case=case, counter=counter)
    job_send("cases.income_attach", case.pk)
    return texts.NOTES(notes=request.notes) if request.notes else None


def exemption_cross_check_ready(case: Case) -> None:
    """照合 compares the application with the income attached after 入力 (the kernel's hook)."""
    if case.exemption.income_attached_at is None:
        raise ValidationError(
            {"matches": _("所得情報の添付が完了していません。しばらくしてから照合してください。")}
        )


_REASON_BY_GROUND = {
    SpecialGround.UNEMPLOYMENT: ExemptionReason.UNEMPLOYMENT,
    SpecialGround.DOMESTIC_VIOLENCE: ExemptionReason.DOMESTIC_VIOLENCE,
    SpecialGround.DISASTER: ExemptionReason.DISASTER,
    SpecialGround.PUBLIC_ASSISTANCE: ExemptionReason.PUBLIC_ASSISTANCE,
}


def _exemption_record_upsert(case: Case) -> None:
    application = case.exemption
    request = exemption_request_of(application)
    if request.is_statutory:
        reason = ExemptionReason.STATUTORY
    elif request.is_maternity:
        reason = ExemptionReason.MATERNITY
    else:
        reason = _REASON_BY_GROUND.get(application.special_ground, ExemptionReason.INCOME)
    last_month = application.period_end
    if list(application.kinds) == [ExemptionKind.DEFERRAL]:
        # 平成26年法律第64号附則14条1項: with 納付猶予 alone no month after the one before the 50歳 month can
        # be granted; the 免除情報, and the data record filed from it, stop there (a 免除 asked for first
        # has no such cut, 法90条1項, and keeps the months applied for; the 届書 prints the cut then).
        last_month = deferral_cut(application=application, birth_date=case.resident.birth_date) or last_month
    end_on = add_months(last_month, 1) - dt.timedelta(days=1) if last_month else None
    values = {
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
    }
    # Written again when a 差戻し had it approved before; the case is under its flow lock meanwhile.
    Exemption.row_put(key={"reference_no": case.number}, values=values)


def exemption_approved(*, case: Case, actor: User) -> None:
    """決裁 records the 免除情報 that is filed with 機構 (the kernel's `approved` hook)."""
    _exemption_record_upsert(case)


def exemption_approval_documents(case: Case) -> tuple[str, ...]:
    """The 届書, and the 所得情報 attachment when the kinds applied for test income."""
    attachment = case.exemption.income_attachment
    return ("filing", "income") if attachment and attachment.get("income_test") else ("filing",)
