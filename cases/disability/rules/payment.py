"""Payment (法18条1項, 法30条の2第3項, 法30条の3第3項): the month payment starts, and the note that a claim made
more than 5 years on loses the oldest arrears (法102条1項)."""

import datetime as dt

from cases.common.dates import add_months
from cases.disability.rules.claims import (
    NOT_CLAIMABLE,
    POST_ONSET,
    PRE20_POST_ONSET,
    PRE20_RECOGNITION,
    RECOGNITION,
    STANDARD,
)
from cases.disability.rules.recognition import RuleError


def payment_start_month(*, kind: str, recognition_date: dt.date | None, claim_date: dt.date | None):
    """The month after the month the entitlement arose: the 認定日 for a 認定日請求 (法18条1項), the claim
    for a 事後重症 (法30条の2第3項 with 法18条1項) and for a 基準障害 (法30条の3第3項)."""
    if kind in (RECOGNITION, PRE20_RECOGNITION):
        if recognition_date is None:
            raise RuleError("recognition_date", "認定日請求には障害認定日が必要です。")
        return add_months(recognition_date, 1)
    if kind in (POST_ONSET, PRE20_POST_ONSET, STANDARD):  # STANDARD: 法30条の3第3項
        if claim_date is None:
            raise RuleError("claim_date", "事後重症・基準障害の請求には請求日が必要です。")
        return add_months(claim_date, 1)
    if kind == NOT_CLAIMABLE:
        return None
    raise RuleError("kind", f"請求の種類「{kind}」はありません。")


TIME_BARRED = "time_barred"
TIME_BAR_MONTHS = 60  # 法102条1項: 「五年を経過したとき」


def payment_notes(*, payment_start: dt.date | None, claim_date: dt.date | None) -> tuple[str, ...]:
    """法102条1項: each payment's right lapses 5 years on; a claim made more than 5 years after the payment
    start month loses the oldest arrears (a note for the claimant, not a bar: the claim is still taken)."""
    if payment_start is None or claim_date is None:
        return ()
    return (TIME_BARRED,) if claim_date > add_months(payment_start, TIME_BAR_MONTHS) else ()
