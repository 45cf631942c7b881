"""障害基礎年金 (様式第107号) claims: the date rules of rules-disability-qualification.md §2.1–2.3 as
pure functions. No database: cut-offs and the readings of the DOUBT points come in as `Params` (one
`DisabilityRuleSet` row). Every result is a pre-check for the desk; 日本年金機構 decides.

Each point still in doubt is returned as a code in `doubts` (cases/disability/present.py words it);
screens show it as 「要確認」 and never decide it silently.

The rules are in three parts, re-exported here (callers read them as `rules.<name>`): recognition.py
(障害認定日), claims.py (the claim kind and its 診断書), payment.py (支給開始月, 時効).
"""

from cases.disability.rules.claims import (
    AFTER_3M,
    ANCHOR_CLAIM,
    ANCHOR_RECOGNITION,
    AROUND_3M,
    BEFORE_3M,
    EARLY_OLD_AGE,
    EDGE,
    KINDS,
    NOT_CLAIMABLE,
    OK,
    OUTSIDE,
    POST_ONSET,
    PRE20_POST_ONSET,
    PRE20_RECOGNITION,
    RECOGNITION,
    STANDARD,
    Certificate,
    ClaimKind,
    Window,
    certificate_window,
    claim_kind,
    current_on_check,
    standard_claim_kind,
)
from cases.disability.rules.payment import TIME_BAR_MONTHS, TIME_BARRED, payment_notes, payment_start_month
from cases.disability.rules.recognition import (
    AGE20,
    CURED,
    EIGHTEEN_MONTHS,
    JUDGED_EVENTS,
    SPECIAL_EVENT,
    SPECIAL_EVENTS,
    Recognition,
    RuleError,
    age20_reached,
    post_onset_deadline,
    recognition_date,
)

__all__ = [
    "AFTER_3M",
    "AGE20",
    "ANCHOR_CLAIM",
    "ANCHOR_RECOGNITION",
    "AROUND_3M",
    "BEFORE_3M",
    "CURED",
    "EARLY_OLD_AGE",
    "EDGE",
    "EIGHTEEN_MONTHS",
    "JUDGED_EVENTS",
    "KINDS",
    "NOT_CLAIMABLE",
    "OK",
    "OUTSIDE",
    "POST_ONSET",
    "PRE20_POST_ONSET",
    "PRE20_RECOGNITION",
    "RECOGNITION",
    "SPECIAL_EVENT",
    "SPECIAL_EVENTS",
    "STANDARD",
    "TIME_BARRED",
    "TIME_BAR_MONTHS",
    "Certificate",
    "ClaimKind",
    "Recognition",
    "RuleError",
    "Window",
    "age20_reached",
    "certificate_window",
    "claim_kind",
    "current_on_check",
    "payment_notes",
    "payment_start_month",
    "post_onset_deadline",
    "recognition_date",
    "standard_claim_kind",
]
