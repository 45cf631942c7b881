"""資格情報: a plausible membership history (第1号 from 20歳到達, 種別変更, 喪失) for one person."""

import datetime as dt
import random
from dataclasses import dataclass

from cases.common.codes import AcquisitionReason as Acq
from cases.common.codes import ChangeReason, InsuredKind
from cases.common.codes import LossReason as Loss
from cases.common.identifiers.wareki import age_reached_on
from cases.demo import people as p
from cases.demo.people import Person, date_between

K1, K2, K3, K4 = InsuredKind.FIRST, InsuredKind.SECOND, InsuredKind.THIRD, InsuredKind.VOLUNTARY
_DAY = dt.timedelta(days=1)


@dataclass(slots=True)
class Period:
    insured_kind: str
    acquired_on: dt.date
    acquired_reason: str
    acquired_filed_on: dt.date | None = None
    lost_on: dt.date | None = None
    lost_reason: str = ""
    lost_filed_on: dt.date | None = None


def _april(year: int) -> dt.date:
    return dt.date(year, 4, 1)


def _switches(rng: random.Random, person: Person, start: dt.date, kind: str) -> list[tuple[dt.date, str]]:
    """Later changes of 種別 as (date, new kind), in any order; impossible ones are dropped later."""
    occupation, t20 = person.occupation, age_reached_on(person.birth, 20)
    first_job = _april(t20.year + rng.choice((1, 2, 2, 3)))
    if occupation == p.RETIRED:
        occupation = rng.choice((p.EMPLOYEE, p.EMPLOYEE, p.SELF_EMPLOYED, p.HOMEMAKER))
    out: list[tuple[dt.date, str]] = []
    if occupation == p.EMPLOYEE:
        if kind == K1:
            out.append((first_job, K2))
        if rng.random() < 0.25:  # between jobs for a while
            gap = date_between(rng, first_job, start + dt.timedelta(days=30 * 365))
            out += [(gap, K1), (gap + dt.timedelta(days=rng.randint(60, 540)), K2)]
    elif occupation in (p.SELF_EMPLOYED, p.PART_TIME, p.UNEMPLOYED) and rng.random() < 0.4:
        left = first_job + dt.timedelta(days=rng.randint(365, 15 * 365))
        out += [(first_job, K2), (left, K1)]
    elif occupation == p.HOMEMAKER or (person.married_on and person.sex == "2" and rng.random() < 0.3):
        married = person.married_on or first_job
        if first_job < married and rng.random() < 0.6:
            out.append((first_job, K2))
        out.append((married, K3))
    if person.support_ended_on and out and out[-1][1] == K3:
        out.append((person.support_ended_on, K1))
    return out


def _acquisition_reason(previous: str, kind: str) -> str:
    if kind == K1:
        return {K2: Acq.LEFT_EMPLOYEE_PENSION, K3: Acq.LEFT_DEPENDENT_SPOUSE}.get(previous, Acq.OTHER)
    return Acq.VOLUNTARY if kind == K4 else Acq.OTHER


def _loss_reason(kind: str, following: str) -> str:
    if kind == K1:
        return {K2: Loss.JOINED_EMPLOYEE_PENSION, K3: Loss.BECAME_DEPENDENT_SPOUSE}.get(following, Loss.OTHER)
    return Loss.OTHER


def _filed(rng: random.Random, day: dt.date, as_of: dt.date) -> dt.date:
    return min(as_of, day + dt.timedelta(days=rng.choice((0, 3, 7, 10, 14, 14, 30))))


def _close(rng, period: Period, on: dt.date, reason: str, as_of: dt.date, *, filed: bool) -> None:
    period.lost_on, period.lost_reason = on, reason
    period.lost_filed_on = _filed(rng, on, as_of) if filed and period.insured_kind in (K1, K4) else None


def history(rng: random.Random, person: Person, as_of: dt.date) -> list[Period]:
    t20, t60 = age_reached_on(person.birth, 20), age_reached_on(person.birth, 60)
    horizon = min(as_of, person.removed_on or as_of)
    arrived = person.arrived_from_abroad_on
    if arrived and arrived > t20:
        start, kind, reason = (
            arrived,
            (K2 if person.occupation == p.EMPLOYEE else K1),
            Acq.MOVE_IN_FROM_ABROAD,
        )
    elif person.occupation == p.EMPLOYEE and rng.random() < 0.25:
        start, kind, reason = t20, K2, Acq.OTHER  # working since leaving high school
    else:
        start, kind, reason = t20, K1, Acq.AGE_20
    if start > horizon:
        return []
    filed = _filed(rng, start, as_of) if kind == K1 and reason != Acq.AGE_20 else None
    periods = [Period(kind, start, reason, filed)]
    for day, new_kind in sorted(_switches(rng, person, start, kind)):
        current = periods[-1]
        if day <= current.acquired_on or day > horizon or day >= t60 or new_kind == current.insured_kind:
            continue
        _close(rng, current, day, _loss_reason(current.insured_kind, new_kind), as_of, filed=False)
        acquired_filed = _filed(rng, day, as_of) if new_kind == K1 else None
        periods.append(
            Period(new_kind, day, _acquisition_reason(current.insured_kind, new_kind), acquired_filed)
        )
    last = periods[-1]
    if last.lost_on is None and last.insured_kind in (K1, K3) and t60 <= horizon:
        _close(rng, last, t60, Loss.AGE_60, as_of, filed=False)
        if 60 <= person.age(as_of) < 65 and rng.random() < 0.05:
            joined = date_between(rng, t60 + _DAY, horizon)
            periods.append(Period(K4, joined, Acq.VOLUNTARY, _filed(rng, joined, as_of)))
    last = periods[-1]
    if last.lost_on is None and person.removal_reason == ChangeReason.DEATH:
        _close(rng, last, person.removed_on + _DAY, Loss.DEATH, as_of, filed=True)
    elif last.lost_on is None and person.removal_reason == ChangeReason.MOVE_OUT_ABROAD:
        _close(rng, last, person.removed_on + _DAY, Loss.MOVE_OUT_ABROAD, as_of, filed=True)
    return periods
