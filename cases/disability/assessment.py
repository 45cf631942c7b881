"""Everything the desk computes for one claim, from what was declared: the route and the office, the
障害認定日, the claim kind with its 診断書 windows, the payment start month, the 事後重症 deadline and
the 20歳前 income notice. One pure function (the rule set comes in), so the counter's routing check,
入力 and the screens all show the same answer; the result is kept on the claim as JSON."""

import datetime as dt
from dataclasses import dataclass, field, fields

from cases.disability import office as offices
from cases.disability import rules
from cases.disability.params import Params

# The claim's declared facts, in the order the intake form shows them.
FACT_FIELDS = (
    "first_visit_on",
    "congenital",
    "first_clinic",
    "certifying_clinic_differs",
    "status_at_first_visit",
    "resident_in_japan",
    "previously_insured",
    "early_old_age_claimed",
    "merged",
    "conditions",
    "certificate_forms",
    "special_event",
    "special_event_on",
    "cured_on",
    "claim_basis",
    "other_first_visit_on",
    "standard_graded_on",
    "children",
    "remarks",
)


@dataclass
class ClaimFacts:
    """What the claimant declared (様式第107号 and the counter's questions)."""

    first_visit_on: dt.date
    status_at_first_visit: str
    claim_basis: str
    conditions: str = ""
    first_clinic: str = ""
    congenital: bool = False
    certifying_clinic_differs: bool = True
    resident_in_japan: bool = True
    previously_insured: bool = False
    early_old_age_claimed: bool = False
    merged: bool = False
    certificate_forms: list[str] = field(default_factory=list)
    special_event: str = ""
    special_event_on: dt.date | None = None
    cured_on: dt.date | None = None
    # 基準障害 (法30条の3): the latest 初診日 of the other conditions, and the day the conditions together
    # first reached grade 1 or 2.
    other_first_visit_on: dt.date | None = None
    standard_graded_on: dt.date | None = None
    children: int = 0
    remarks: str = ""

    @classmethod
    def of(cls, claim) -> "ClaimFacts":
        return cls(**{f.name: getattr(claim, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class CertificateWindow:
    anchor: str
    window: str
    first: dt.date
    last: dt.date
    edges: tuple[dt.date, ...]

    @property
    def code(self) -> str:
        return "certificate_recognition" if self.anchor == rules.ANCHOR_RECOGNITION else "certificate_claim"


@dataclass(frozen=True)
class Assessment:
    office: offices.Office
    recognition: rules.Recognition
    kind: rules.ClaimKind
    windows: tuple[CertificateWindow, ...]
    payment_start: dt.date | None
    post_onset_deadline: dt.date
    pre20: bool
    params: Params
    notes: tuple[str, ...] = ()  # codes worded by present.NOTES (法102条1項: time_barred)
    # Where the city's 資格情報 on the 初診日 differ from the status entered (intake.py; worded in doubts.py).
    record_doubts: tuple[str, ...] = ()

    @property
    def city_takes_it(self) -> bool:
        return self.office.office == offices.CITY

    @property
    def doubts(self) -> tuple[str, ...]:
        found = [*self.office.doubts, *self.record_doubts, *self.recognition.doubts, *self.kind.doubts]
        if self.pre20:
            found.append("pre20_income_figures")
        return tuple(dict.fromkeys(found))

    @property
    def rule_values(self) -> dict:
        """The rule set's values the worded doubts name (present.doubt_texts): kept with the answers, so a
        claim reads as judged even after the row changes."""
        return {
            "recent_year_cutoff": _iso(self.params.recent_year_cutoff),
            "no_matching_day": self.params.no_matching_day,
        }

    @property
    def income_notice(self) -> dict | None:
        """法36条の3, 令5条の4: the 20歳前 benefit is stopped by half or whole above these (Oct–Sep)."""
        if not self.pre20:
            return None
        p = self.params
        return {
            "half": p.pre20_income_half,
            "full": p.pre20_income_full,
            "general": p.dependant_general,
            "elderly": p.dependant_elderly,
            "specified": p.dependant_specified,
        }

    def as_json(self) -> dict:
        iso = _iso
        return {
            "route": self.office.route,
            "office": self.office.office,
            "reason": self.office.reason,
            "recognition_date": iso(self.recognition.date),
            "recognition_basis": self.recognition.basis,
            "kind": self.kind.kind,
            "why_not": self.kind.why_not,
            "late": self.kind.late,
            "certificates": [
                {
                    "anchor": w.anchor,
                    "window": w.window,
                    "first": iso(w.first),
                    "last": iso(w.last),
                    "edges": [iso(day) for day in w.edges],
                }
                for w in self.windows
            ],
            "payment_start_month": iso(self.payment_start),
            "post_onset_deadline": iso(self.post_onset_deadline),
            "pre20": self.pre20,
            "income_notice": self.income_notice,
            "doubts": list(self.doubts),
            "notes": list(self.notes),
            "rule_set": iso(self.params.valid_from),
            "rule_values": self.rule_values,
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def claim_assess(
    *, facts: ClaimFacts, birth_date: dt.date, claim_date: dt.date, params: Params
) -> Assessment:
    """Raises rules.RuleError when the declared dates contradict each other (the key names the field)."""
    office = offices.claim_office(
        birth_date=birth_date,
        first_visit=facts.first_visit_on,
        status=facts.status_at_first_visit,
        resident_in_japan=facts.resident_in_japan,
        previously_insured=facts.previously_insured,
        early_old_age_claimed=facts.early_old_age_claimed,
        merged=facts.merged,
    )
    recognition = rules.recognition_date(
        first_visit=facts.first_visit_on,
        birth_date=birth_date,
        event_kind=facts.special_event,
        event_on=facts.special_event_on,
        cured_on=facts.cured_on,
        # 法30条1項 vs 法30条の4第1項: the age-20 step is the 20歳前 route's (not insured on the 初診日).
        insured_at_first_visit=facts.status_at_first_visit != offices.NOT_INSURED,
        params=params,
    )
    pre20 = office.route == offices.PRE20
    if facts.claim_basis == rules.STANDARD:
        kind = rules.standard_claim_kind(
            birth_date=birth_date,
            first_visit=facts.first_visit_on,
            other_first_visit=facts.other_first_visit_on,
            recognition_date=recognition.date,
            graded_on=facts.standard_graded_on,
            claim_date=claim_date,
            pre20=pre20,
            early_old_age_claimed=facts.early_old_age_claimed,
        )
    else:
        kind = rules.claim_kind(
            birth_date=birth_date,
            recognition_date=recognition.date,
            graded_at_recognition=facts.claim_basis == rules.RECOGNITION,
            claim_date=claim_date,
            pre20=pre20,
            params=params,
            early_old_age_claimed=facts.early_old_age_claimed,
        )
    windows = []
    for certificate in kind.certificates:
        window = rules.certificate_window(
            certificate, recognition_date=recognition.date, claim_date=claim_date, params=params
        )
        windows.append(
            CertificateWindow(certificate.anchor, certificate.window, window.first, window.last, window.edges)
        )
    payment_start = rules.payment_start_month(
        kind=kind.kind, recognition_date=recognition.date, claim_date=claim_date
    )
    return Assessment(
        office=office,
        recognition=recognition,
        kind=kind,
        windows=tuple(windows),
        payment_start=payment_start,
        post_onset_deadline=rules.post_onset_deadline(birth_date),
        pre20=pre20,
        params=params,
        notes=rules.payment_notes(payment_start=payment_start, claim_date=claim_date),
    )
