"""The words and records of cases/qualification/compute.py: 資格情報's 種別 in the rules' words, what a
filing computes (`Computed`), the reason codes, and the helpers the filing kinds' paths share. The records
a filing is computed from are the registry's (`cases.registry.selectors.pension.Records`; its 免除情報
codes are rules.EXEMPTIONS' words)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.common.citations import citation_show
from cases.common.codes import AcquisitionReason, InsuredKind, LossReason
from cases.common.date_display import date_show
from cases.common.texts import Text
from cases.qualification import rules, texts
from cases.qualification.models import DeadlineStatus, Event, Route

# 資格情報's 被保険者種別 ↔ the rule functions' words.
KIND_WORDS = {
    InsuredKind.FIRST: rules.CATEGORY1,
    InsuredKind.SECOND: rules.CATEGORY2,
    InsuredKind.THIRD: rules.CATEGORY3,
    InsuredKind.VOLUNTARY: rules.VOLUNTARY,
    InsuredKind.SPECIAL_ELDERLY: rules.SPECIAL_ELDERLY,
}
WORD_KINDS = {word: code for code, word in KIND_WORDS.items()}


@dataclass
class Computed:
    effective_on: dt.date | None = None
    effective_basis: str = ""
    insured_kind_before: str = ""
    insured_kind_after: str = ""
    acquired_reason: str = ""
    lost_reason: str = ""
    deadline_on: dt.date | None = None
    deadline_status: str = DeadlineStatus.NOT_APPLICABLE
    route: str = Route.NONE
    additional_month: dt.date | None = None
    event_date: dt.date | None = None
    no_filing_duty: bool = False  # 20歳到達 (則1条の4ただし書): no 14-day status
    doubts: list[dict] = field(default_factory=list)  # [{code, text}], as QualificationFiling keeps them

    def doubt(self, code: str, text: Text) -> None:
        # Kept as a Text, not a sentence: the filing is read later in other languages, and on the 届書.
        self.doubts.append({"code": code, "text": text.as_json()})

    @property
    def doubts_shown(self) -> list[str]:
        return texts.doubts_shown(self.doubts)


_ACQUISITION_REASONS = {
    Event.AGE20: AcquisitionReason.AGE_20,
    Event.IMMIGRATION: AcquisitionReason.MOVE_IN_FROM_ABROAD,
    Event.EXCLUSION_END: AcquisitionReason.EXEMPTION_END,
    Event.LEAVE_EMPLOYEE_PENSION: AcquisitionReason.LEFT_EMPLOYEE_PENSION,
    Event.SPOUSE_LEAVES_EMPLOYEE_PENSION: AcquisitionReason.LEFT_DEPENDENT_SPOUSE,
    Event.DEPENDENT_END: AcquisitionReason.LEFT_DEPENDENT_SPOUSE,
}
_LOSS_REASONS = {
    Event.EMIGRATION: LossReason.MOVE_OUT_ABROAD,
    Event.OLD_AGE_ENTITLED: LossReason.BENEFIT_ENTITLEMENT,
    Event.EXCLUSION: LossReason.OTHER,
    Event.DEATH: LossReason.DEATH,
    Event.WITHDRAWAL: LossReason.VOLUNTARY_WITHDRAWAL,
}
_RULE_EVENTS = {
    Event.AGE20: "age20",
    Event.IMMIGRATION: "immigration",
    Event.EMIGRATION: "emigration",
    Event.LEAVE_EMPLOYEE_PENSION: "leave_employee_pension",
    Event.SPOUSE_LEAVES_EMPLOYEE_PENSION: "spouse_leaves_employee_pension",
    Event.DEATH: "death",
}


def _error(name: str, message: str) -> ValidationError:
    return ValidationError({name: message})


def worded(message: str, article: str, params: dict | None = None) -> str:
    """A rule's reason (a Japanese message id, rules.py) and its article, in the screen's language."""
    values = {k: date_show(v) if isinstance(v, dt.date) else v for k, v in (params or {}).items()}
    text = _(message) % values if values else _(message)
    return f"{text} ({citation_show(article)})"


def _kind_label(code: str):
    """Lazy: a message shows it in its language, a stored Text keeps its message id."""
    return InsuredKind(code).label if code else gettext_lazy("被保険者でない")


def _set(out: Computed, on, article: str, before: str, after: str, *, acquired: str = "", lost: str = ""):
    out.effective_on, out.effective_basis = on, article
    out.insured_kind_before, out.insured_kind_after = before, after
    out.acquired_reason, out.lost_reason = acquired, lost
