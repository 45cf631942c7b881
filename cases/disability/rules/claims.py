"""The claim kind and its 診断書 (rules-disability-qualification.md §2.3): 認定日請求, 事後重症, 20歳前,
基準障害, and the window each 診断書's 現症日 must fall in."""

import datetime as dt
from dataclasses import dataclass, field

from cases.common.dates import months_elapsed_day
from cases.disability.params import Params
from cases.disability.rules.recognition import age20_reached, post_onset_deadline

RECOGNITION, POST_ONSET = "recognition", "post_onset"
PRE20_RECOGNITION, PRE20_POST_ONSET, NOT_CLAIMABLE = "pre20_recognition", "pre20_post_onset", "not_claimable"
STANDARD = "standard"  # 基準障害による請求 (法30条の3)
KINDS = (RECOGNITION, POST_ONSET, PRE20_RECOGNITION, PRE20_POST_ONSET, STANDARD, NOT_CLAIMABLE)
ANCHOR_RECOGNITION, ANCHOR_CLAIM = "recognition_date", "claim_date"
AFTER_3M, AROUND_3M, BEFORE_3M = "after_3m", "around_3m", "before_3m"
# 法附則9条の2の3: a 繰上げ 老齢基礎年金 受給権者 has no 事後重症 (30条の2, 30条の4第2項) or 基準障害 (30条の3).
EARLY_OLD_AGE = "early_old_age"


@dataclass(frozen=True)
class Certificate:
    anchor: str
    window: str


@dataclass(frozen=True)
class ClaimKind:
    kind: str
    certificates: tuple[Certificate, ...] = ()
    late: bool = False  # claimed 1 year or more after the 認定日: a second 診断書
    why_not: str = ""  # before_recognition / before_age20 / post_onset_too_early / past_deadline
    doubts: tuple[str, ...] = field(default_factory=tuple)


def claim_kind(
    *,
    birth_date: dt.date,
    recognition_date: dt.date,
    graded_at_recognition: bool,
    claim_date: dt.date,
    pre20: bool,
    params: Params,
    early_old_age_claimed: bool = False,
) -> ClaimKind:
    """認定日請求 (法30条1項; 20歳前 法30条の4第1項) when in grade on the 認定日, else 事後重症
    (法30条の2第1項; 20歳前 法30条の4第2項) until the day before the 65歳到達日 — but not for a 繰上げ 老齢基礎年金
    受給権者 (`early_old_age_claimed`): 法附則9条の2の3 shuts 30条の2 and 30条の4第2項, not 30条1項1号 or 30条の4第1項."""
    if claim_date < recognition_date:
        return ClaimKind(NOT_CLAIMABLE, why_not="before_recognition")
    if pre20 and claim_date < age20_reached(birth_date):
        return ClaimKind(NOT_CLAIMABLE, why_not="before_age20")
    doubts: list[str] = []
    if not graded_at_recognition and early_old_age_claimed:
        return ClaimKind(NOT_CLAIMABLE, why_not=EARLY_OLD_AGE)
    if not graded_at_recognition:
        # 法30条の2第1項 「同日 (障害認定日) 後…」; 20歳前 法30条の4第2項 「二十歳に達した日後」/「その障害認定日後」:
        # 事後重症 may be claimed from the day after the 認定日 (and the 20歳到達日).
        opens = max(recognition_date, age20_reached(birth_date)) if pre20 else recognition_date
        if claim_date <= opens:
            return ClaimKind(NOT_CLAIMABLE, why_not="post_onset_too_early")
        if claim_date > post_onset_deadline(birth_date):
            return ClaimKind(NOT_CLAIMABLE, why_not="past_deadline")
        kind = PRE20_POST_ONSET if pre20 else POST_ONSET
        return ClaimKind(kind, (Certificate(ANCHOR_CLAIM, BEFORE_3M),))
    at_age20 = pre20 and recognition_date == age20_reached(birth_date)
    first = Certificate(ANCHOR_RECOGNITION, AROUND_3M if at_age20 else AFTER_3M)
    if pre20 and not at_age20:
        doubts.append("pre20_around_window")  # some accept 前後3か月 for a 1年6月 認定日 after 20
    anniversary = months_elapsed_day(recognition_date, 12, no_matching_day=params.no_matching_day).date
    late = claim_date > anniversary or (claim_date == anniversary and params.anniversary_is_late)
    if claim_date == anniversary:
        doubts.append("anniversary")
    certificates = (first, Certificate(ANCHOR_CLAIM, BEFORE_3M)) if late else (first,)
    return ClaimKind(
        PRE20_RECOGNITION if pre20 else RECOGNITION, certificates, late=late, doubts=tuple(doubts)
    )


def standard_claim_kind(
    *,
    birth_date: dt.date,
    first_visit: dt.date,
    other_first_visit: dt.date,
    recognition_date: dt.date,
    graded_on: dt.date,
    claim_date: dt.date,
    pre20: bool,
    early_old_age_claimed: bool = False,
) -> ClaimKind:
    """基準障害による請求 (法30条の3第1項): the 基準傷病 (first_visit, its 認定日 recognition_date) with the
    other conditions first reach grade 1 or 2 together on `graded_on`, between the 基準傷病's 認定日 and the
    day before the 65歳到達日; the 基準傷病's 初診日 is on or after every other condition's. The claim itself
    has no deadline; the benefit starts the month after it (30条の3第3項). 法附則9条の2の3: not for a 繰上げ
    老齢基礎年金 受給権者."""
    if early_old_age_claimed:
        return ClaimKind(NOT_CLAIMABLE, why_not=EARLY_OLD_AGE)
    if pre20:
        # 「基準傷病に係る初診日において第三十条第一項各号のいずれかに該当した者」: not a 20歳前 初診日.
        return ClaimKind(NOT_CLAIMABLE, why_not="standard_pre20")
    if other_first_visit > first_visit:
        return ClaimKind(NOT_CLAIMABLE, why_not="standard_order")
    if graded_on < recognition_date:
        return ClaimKind(NOT_CLAIMABLE, why_not="standard_before_recognition")
    if graded_on > post_onset_deadline(birth_date):
        return ClaimKind(NOT_CLAIMABLE, why_not="standard_after_65")
    if claim_date < graded_on:
        return ClaimKind(NOT_CLAIMABLE, why_not="standard_not_yet")
    # §2.3 names no 現症日 window for 基準障害: the 診断書 of both conditions, dated as for a claim made now
    # (within 3 months before it), shown as 「要確認」.
    return ClaimKind(STANDARD, (Certificate(ANCHOR_CLAIM, BEFORE_3M),), doubts=("standard_certificates",))


@dataclass(frozen=True)
class Window:
    first: dt.date
    last: dt.date
    # days at the disputed edge (the exact end of "within 3 months"), shown as 「要確認」
    edges: tuple[dt.date, ...] = ()


def certificate_window(
    certificate: Certificate, *, recognition_date: dt.date, claim_date: dt.date, params: Params
) -> Window:
    """The 現症日 a 診断書 must carry (§2.3). DOUBT: 機構 practice ends "within 3 months after" the day
    before the corresponding day (認定日 + 3 months − 1 day); the corresponding day itself is an edge."""
    rule = params.no_matching_day
    if certificate.window == BEFORE_3M:
        start = months_elapsed_day(claim_date, -3, no_matching_day=rule).date
        return Window(start, claim_date, edges=(start,))
    after = months_elapsed_day(recognition_date, 3, no_matching_day=rule).date
    last = after - dt.timedelta(days=1) if params.window_ends_day_before else after
    first = recognition_date
    if certificate.window == AROUND_3M:
        first = months_elapsed_day(recognition_date, -3, no_matching_day=rule).date
    return Window(first, last, edges=(after, last))


OK, EDGE, OUTSIDE = "ok", "edge", "outside"


def current_on_check(current_on: dt.date, window: Window) -> str:
    """則31条2項4号 (障害の状態に関する診断書): whether its 現症日 lies in the window of the claim kind (rule sheet
    §2.3, 機構 practice); a day at the disputed edge is EDGE (「要確認」), never refused."""
    if current_on in window.edges:
        return EDGE
    return OK if window.first <= current_on <= window.last else OUTSIDE
