"""The 障害基礎年金 case type's own part of each step after 受付 (cases/disability/intake.py): what 入力
stores, the request for missing papers, and what 照合 checks, and the documents a claim carries. The
common part of every step is the kernel's (cases/kernel/steps.py), which calls these hooks through the
type's spec (cases/disability/casetype.py)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show, series_separator
from cases.disability import rules
from cases.disability.assessment import ClaimFacts
from cases.disability.contribution import Period
from cases.disability.intake import (
    claim_values,
    counter_errors,
    disability_assess,
    refuse_not_claimable,
)
from cases.disability.models import DisabilityClaim
from cases.disability.period_records import records_doubts
from cases.disability.present import REASONS
from cases.disability.record import contribution_record, current_on_checks
from cases.kernel.checklist import checklist_mark, checklist_missing, checklist_sync
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.models import Case, ChecklistItem
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


def disability_input_store(*, case: Case, actor: User, data: DisabilityInput) -> DisabilityClaim:
    """Saves the claim as written at 入力 and recomputes everything from it (the kernel's
    `input_store` hook: both 入力 exits use it, 照合 and 書類不備)."""
    claim = case.disability
    found = disability_assess(resident=case.resident, facts=data.facts, received_on=case.received_on)
    if not found.city_takes_it:
        raise ValidationError(
            {
                "status_at_first_visit": _("この内容では市で受理できません: %(reason)s")
                % {"reason": REASONS[found.office.reason]}
            }
        )
    refuse_not_claimable(found)
    for name, value in claim_values(data.facts, found).items():
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
    # The months held against the city's 資格情報 and 免除情報 (advisory, period_records.py): only where the test
    # applies (法30条の4: none for 20歳前傷病).
    claim.contribution["record_doubts"] = (
        records_doubts(
            resident=case.resident,
            first_visit=claim.first_visit_on,
            periods=data.periods,
            params=found.params,
        )
        if claim.contribution["applies"]
        else []
    )
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
        errors = counter_errors(data.counter)
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
    missing ones are asked for instead (the kernel's stage_input_papers_request: 書類不備)."""
    disability_input_store(case=case, actor=actor, data=data)
    missing = checklist_missing(case)
    if missing:
        names = series_separator().join(item.label_shown for item in missing)  # 「、」 or ", "
        raise ValidationError(
            {
                "received": _(
                    "提出されていない必須の書類があります: %(names)s。受領した書類にチェックを入れるか、"
                    "「不足書類を依頼する」で書類不備にしてください (係長は不要とすることもできます)。"
                )
                % {"names": names}
            }
        )


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
            problems.append(_("%(label)s の現症日が入力されていません") % {"label": item.label_shown})
        elif certificate.get("check") == rules.OUTSIDE:
            problems.append(
                _("%(label)s の現症日 %(day)s が期間外です")
                % {"label": item.label_shown, "day": date_show(certificate["current_on"])}
            )
    if problems:
        raise ValidationError({"matches": "。".join(problems) + "。"})


def disability_approval_documents(case: Case) -> tuple[str, ...]:
    """The 送付票 (the city's cover sheet for 機構, listing what is enclosed); the papers themselves
    are the originals, sent separately. None for a claim referred to the 年金事務所 (施行令1条の2第3号ハ): it
    is claimed there, never forwarded through the weekly bundle, so the case page does not offer one."""
    return () if case.disability.referred else ("filing",)


def disability_has_receipt(case: Case) -> bool:
    """A referred claim gets the referral slip instead of a 受付票."""
    return not case.disability.referred


def disability_other_documents(case: Case) -> tuple[str, ...]:
    return ("referral",) if case.disability.referred else ()
