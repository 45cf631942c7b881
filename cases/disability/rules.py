"""障害基礎年金 (様式第107号) claims: the date rules of rules-disability-qualification.md §2.1–2.3 as
pure functions. No database: cut-offs and the readings of the DOUBT points come in as `Params` (one
`DisabilityRuleSet` row). Every result is a pre-check for the desk; 日本年金機構 decides.

Each point still in doubt is returned as a code in `doubts` (cases/disability/present.py words it);
screens show it as 「要確認」 and never decide it silently.
"""

import datetime as dt
from dataclasses import dataclass, field

from cases.common.dates import add_months, months_elapsed_day
from cases.common.identifiers.wareki import age_reached_on
from cases.disability.params import Params

# --- 障害認定日 (法30条1項, 法30条の4, 障害認定基準 第2「障害認定日の特例」) -------------------------

EIGHTEEN_MONTHS, SPECIAL_EVENT, CURED, AGE20 = "eighteen_months", "special_event", "cured", "age20"
# The events whose 認定日 the 機構 pamphlet lists, and the months after the event (0: the day itself).
SPECIAL_EVENTS: dict[str, int] = {
    "dialysis_start": 3,  # 人工透析: 初めて受けた日から起算して3月を経過した日
    "artificial_joint": 0,  # 人工骨頭・人工関節のそう入置換
    "pacemaker": 0,  # 心臓ペースメーカー
    "icd": 0,  # 植込み型除細動器
    "artificial_valve": 0,  # 人工弁
    "stoma": 6,  # 人工肛門の造設: 6月を経過した日
    "urinary_diversion": 6,  # 尿路変更術: 6月を経過した日
    "neobladder": 0,  # 新膀胱の造設
    "amputation": 0,  # 肢体の切断・離断
    "laryngectomy": 0,  # 喉頭全摘出
    "home_oxygen": 0,  # 在宅酸素療法 (常時使用) の開始
}
# DOUBT (§2.2): listed by several 社労士 sources, not by the 機構 pamphlet, or needing medical judgment.
# Recorded and shown as 「医師の判断による (要確認)」; never turned into a computed date.
JUDGED_EVENTS = (
    "crt",  # CRT / CRT-D
    "stent_graft",  # 人工血管 (ステントグラフト)
    "heart_transplant",  # 心臓移植・人工心臓
    "stoma_and_neobladder",
    "stoma_and_urinary_disorder",
    "cerebrovascular",  # 脳血管障害: 症状固定 (初診日から6月以上)
    "vegetative_state",  # 遷延性植物状態
    "ventilator_gastrostomy",  # 人工呼吸器・胃ろう
)


class RuleError(ValueError):
    """Inputs that contradict each other; `key` names the input, the message is Japanese."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class Recognition:
    date: dt.date
    basis: str
    doubts: tuple[str, ...] = ()


def age20_reached(birth_date: dt.date) -> dt.date:
    """「二十歳に達した日」 of 法30条の4: the day before the 20th birthday (年齢計算ニ関スル法律, 民法143条; born
    29 February: 28 February)."""
    return age_reached_on(birth_date, 20)


def post_onset_deadline(birth_date: dt.date) -> dt.date:
    """法30条の2第1項, 法30条の4第2項: a 事後重症 claim is made by the day before the 65歳到達日."""
    return age_reached_on(birth_date, 65) - dt.timedelta(days=1)


def recognition_date(
    *,
    first_visit: dt.date,
    params: Params,
    birth_date: dt.date | None = None,
    event_kind: str = "",
    event_on: dt.date | None = None,
    cured_on: dt.date | None = None,
    insured_at_first_visit: bool = False,
) -> Recognition:
    """法30条1項: 初診日から起算して1年6月を経過した日, or the day the condition was cured (症状固定)
    within that time; the 特例 events when they fall on or before it; for a 初診日 before the 20歳到達日 of a
    person not insured on it (the 20歳前 route, 法30条の4) not before the 20歳到達日 (法30条の4第1項)."""
    doubts: list[str] = []
    base = months_elapsed_day(first_visit, 18, no_matching_day=params.no_matching_day)
    if base.no_matching_day:
        doubts.append("no_matching_day")
    candidates = [(base.date, 2, EIGHTEEN_MONTHS)]
    if cured_on is not None:
        if cured_on < first_visit:
            raise RuleError("cured_on", "症状固定日が初診日より前です。")
        if cured_on < base.date:
            candidates.append((cured_on, 1, CURED))
    if event_kind in JUDGED_EVENTS:
        doubts.append("judged_event")
    elif event_kind:
        if event_kind not in SPECIAL_EVENTS:
            raise RuleError("event", f"特例の種類「{event_kind}」はありません。")
        if event_on is None:
            raise RuleError("event", "特例に該当する日 (施術日・開始日) がありません。")
        if event_on < first_visit:
            raise RuleError("event", "特例に該当する日が初診日より前です。")
        special = months_elapsed_day(
            event_on, SPECIAL_EVENTS[event_kind], no_matching_day=params.no_matching_day
        )
        if special.date <= base.date:  # only within 1年6月 of the 初診日
            candidates.append((special.date, 0, SPECIAL_EVENT))
            if special.no_matching_day:
                doubts.append("no_matching_day")
    date, _order, basis = min(candidates)
    under20 = birth_date is not None and first_visit < age20_reached(birth_date)
    if under20 and insured_at_first_visit:
        # Insured on the 初診日 (第2号 under 20): 法30条1項1号, its 認定日 stands (rule sheet §2.1). 30条の4第1項's
        # words (「初診日において二十歳未満であつた者」) do not name the status, only its 2項 does: 「要確認」.
        if date < age20_reached(birth_date):
            doubts.append("insured_under20")
    elif under20 and date < age20_reached(birth_date):
        date, basis = age20_reached(birth_date), AGE20
    return Recognition(date=date, basis=basis, doubts=tuple(dict.fromkeys(doubts)))


# --- the claim kind and its 診断書 (§2.3) --------------------------------------------------------------

RECOGNITION, POST_ONSET = "recognition", "post_onset"
PRE20_RECOGNITION, PRE20_POST_ONSET, NOT_CLAIMABLE = "pre20_recognition", "pre20_post_onset", "not_claimable"
STANDARD = "standard"  # 基準障害による請求 (法30条の3)
KINDS = (RECOGNITION, POST_ONSET, PRE20_RECOGNITION, PRE20_POST_ONSET, STANDARD, NOT_CLAIMABLE)
ANCHOR_RECOGNITION, ANCHOR_CLAIM = "recognition_date", "claim_date"
AFTER_3M, AROUND_3M, BEFORE_3M = "after_3m", "around_3m", "before_3m"


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
) -> ClaimKind:
    """認定日請求 (法30条1項; 20歳前 法30条の4第1項) when in grade on the 認定日, else 事後重症
    (法30条の2第1項; 20歳前 法30条の4第2項) until the day before the 65歳到達日."""
    if claim_date < recognition_date:
        return ClaimKind(NOT_CLAIMABLE, why_not="before_recognition")
    if pre20 and claim_date < age20_reached(birth_date):
        return ClaimKind(NOT_CLAIMABLE, why_not="before_age20")
    doubts: list[str] = []
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
) -> ClaimKind:
    """基準障害による請求 (法30条の3第1項): the 基準傷病 (first_visit, its 認定日 recognition_date) with the
    other conditions first reach grade 1 or 2 together on `graded_on`, between the 基準傷病's 認定日 and the
    day before the 65歳到達日; the 基準傷病's 初診日 is on or after every other condition's. The claim itself
    has no deadline; the benefit starts the month after it (30条の3第3項)."""
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


# --- payment (法18条1項, 法30条の2第3項, 法30条の3第3項) ---------------------------------------------------


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
