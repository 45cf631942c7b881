"""障害認定日 (法30条1項, 法30条の4, 障害認定基準 第2「障害認定日の特例」): the 1年6月, 症状固定 and 特例 dates, and
the 20歳 and 65歳 days the claim rules read; RuleError for inputs that contradict each other."""

import datetime as dt
from dataclasses import dataclass

from cases.common.dates import months_elapsed_day
from cases.common.identifiers.wareki import age_reached_on
from cases.disability.params import Params

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
