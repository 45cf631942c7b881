"""What the bundle services share: the state machine, the cut-off, progress and timeline helpers."""

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from itertools import count

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.calendar import business_day_from, business_day_until
from cases.common.texts import Text
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import transition_check
from cases.security.audit import audit_record
from cases.security.models.users import User
from cases.security.scope import citywide_check
from cases.submission.models import BundleItem, SubmissionBundle

State = SubmissionBundle.State
Progress = Callable[[str, int, int], None]

TRANSITIONS: dict[tuple[str, str], str] = {
    (State.DRAFT, State.SEALED): "封緘",
    (State.SEALED, State.SENT): "引渡 (送付日の記録)",
    (State.SENT, State.RESULT_RECEIVED): "結果受領",
    (State.SENT, State.PARTIALLY_RETURNED): "一部返戻",
}
CUTOFF_WEEKDAY = 4  # Friday, or the last open day before it (week_cutoff_day)
CUTOFF_TIME = dt.time(15, 0)
PROGRESS_EVERY = 10


class BundleError(Exception):
    """A bundle operation that cannot be done; the message is shown to the user as is."""


class BundleStateError(BundleError):
    """An illegal transition of the state machine."""


class BundleSealedError(BundleStateError):
    """A change asked of a bundle already sealed (its ZIP made again): refused and logged as a refusal."""


# --- cut-off and numbering -------------------------------------------------------------------


def cutoff_on(day: dt.date) -> dt.datetime:
    """15:00 Asia/Tokyo (the installation's time zone) on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, CUTOFF_TIME))


def week_cutoff_day(day: dt.date) -> dt.date | None:
    """The cut-off day of the week (Monday to Sunday) that holds `day`: its Friday, or when the office is
    closed that Friday (春分の日 2026-03-20, 年末年始 2027-01-01) the last day before it in that week that it
    is open — a bundle cut on a closed day waits for the next open day to be sealed, while 則9条's 14 days
    run on. None in a week closed Monday to Friday (年末年始 from a Monday): its cases go the week after."""
    monday = day - dt.timedelta(days=day.weekday())
    cut = business_day_until(monday + dt.timedelta(days=CUTOFF_WEEKDAY))
    return cut if cut >= monday else None


def cutoff_days(day: dt.date, *, step: int) -> Iterator[dt.date]:
    """The weekly cut-off days from the week holding `day` on, a week at a time (`step` 1 forwards, -1
    back), leaving out the weeks that have none."""
    for weeks in count():
        cut = week_cutoff_day(day + dt.timedelta(weeks=step * weeks))
        if cut is not None:
            yield cut


def weekly_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """The most recent weekly cut-off (week_cutoff_day, 15:00) at or before `now`."""
    local = timezone.localtime(now or timezone.now())
    return next(cut for day in cutoff_days(local.date(), step=-1) if (cut := cutoff_on(day)) <= local)


def next_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """The next weekly cut-off after `now`: that of the bundle the scheduled job will build next."""
    local = timezone.localtime(now or timezone.now())
    return next(cut for day in cutoff_days(local.date(), step=1) if (cut := cutoff_on(day)) > local)


def scheduled_cutoff(now: dt.datetime | None = None) -> dt.datetime | None:
    """The cut-off the scheduled job builds when it runs at `now` (beat: 15:00 every weekday): this week's
    once it has come, else None. A run later in the same week (the closed Friday after a Thursday cut, or
    an installation still on the Friday-only schedule) gets the same cut-off, whose bundle the build finds."""
    local = timezone.localtime(now or timezone.now())
    day = week_cutoff_day(local.date())
    return cutoff_on(day) if day is not None and cutoff_on(day) <= local else None


def sent_late_before(cutoff_at: dt.datetime) -> dt.date:
    """A 送付期限 (則9条) before this day is missed by the bundle of `cutoff_at`: the cut-off's day, or when
    the office is closed that day (a bundle cut on a closed day by hand), the first open day after it —
    the earliest the bundle can be sealed and sent."""
    return business_day_from(timezone.localdate(cutoff_at))


def bundle_number_for(cutoff_at: dt.datetime, *, off_cycle: bool = False) -> str:
    # Derived from the cut-off, so the unique number makes "one bundle per cut-off" race-proof. An
    # off-cycle bundle (臨時送付) is R…: it never takes the number of the weekly bundle of the same minute.
    return ("R" if off_cycle else "S") + timezone.localtime(cutoff_at).strftime("%Y%m%d-%H%M")


def require(user: User | None, perm: str, message: str) -> None:
    """A bundle action by a person: the permission, and the 本庁 (the bundle is the whole city's)."""
    if user is None or not user.has_perm(perm):
        raise PermissionDenied(message)
    citywide_check(user)


def check_transition(bundle: SubmissionBundle, to: str) -> None:
    if (bundle.state, to) not in TRANSITIONS:
        raise BundleStateError(
            _("送付 %(number)s は「%(state)s」のため、「%(target)s」にはできません。")
            % {"number": bundle.number, "state": State(bundle.state).label, "target": State(to).label}
        )


def collected_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError for a draft whose adding of cases never ran to its end (a worker killed
    or stopped in it): its ZIP and its seal would leave out cases the 係長 asked to send."""
    if bundle.state == State.DRAFT and bundle.collected_at is None:
        raise BundleStateError(
            _(
                "送付 %(number)s は案件の追加が完了していません (処理の停止など)。"
                "送付の画面の「案件の追加を再開」で残りの案件を追加してください。"
            )
            % {"number": bundle.number}
        )


def transition(bundle: SubmissionBundle, to: str) -> None:
    check_transition(bundle, to)
    bundle.state = to


def locked_bundle(bundle_id: int) -> SubmissionBundle:
    return SubmissionBundle.objects.select_for_update().get(pk=bundle_id)


def job_update(bundle_id: int, **fields) -> None:
    """Progress is committed on its own (outside any job transaction) so the screen sees it move; every
    report is also the job's heartbeat."""
    SubmissionBundle.objects.filter(pk=bundle_id).update(**fields, job_beat_at=timezone.now())


def live_case_ids(bundle: SubmissionBundle) -> list[int]:
    return list(
        BundleItem.objects.filter(bundle=bundle, live=True)
        .order_by("case__number")
        .values_list("case_id", flat=True)
    )


def bundle_contents_mark(case_ids: list[int]) -> str:
    """What the seal page showed, as its hidden field carries it back: the number of cases and a digest
    of which. The 係長's 「確認しました」 is of those cases; another 係長 may have taken one out since."""
    digest = hashlib.sha256(",".join(map(str, case_ids)).encode()).hexdigest()[:16]
    return f"{len(case_ids)}-{digest}"


def bundle_people(bundle_id: int) -> list[tuple[int, int]]:
    """(resident id, case id) of every case the bundle sends: who its ZIP and its 送付一覧表 show."""
    rows = BundleItem.objects.filter(bundle_id=bundle_id, live=True).order_by("case__number")
    return list(rows.values_list("case__resident_id", "case_id"))


def audit_bundle(*, bundle: SubmissionBundle, by: User | None, action: str, purpose: str, **detail) -> None:
    audit_record(
        action=action,
        actor=by,
        username="" if by else "system",
        target=f"bundle:{bundle.number}",
        purpose=purpose,
        detail={"bundle": bundle.number, **detail},
    )


def say(progress: Progress | None, job: str, done: int, total: int) -> None:
    if progress is not None:
        progress(job, done, total)


def timeline_add(
    cases: list[Case], *, actor: User | None, action: str, text: Text, to_stage: Stage | None = None
) -> None:
    """What case_event_record / case_transition write, for many cases in two statements: a bundle
    moves a thousand cases at once and one round trip per row would dominate the job."""
    now = timezone.now()
    if to_stage is not None:
        for case in cases:
            transition_check(case=case, to_stage=to_stage)
        Case.objects.filter(pk__in=[case.pk for case in cases]).update(
            stage=to_stage, stage_since=now, updated_at=now
        )
    office = actor.office if actor is not None else None
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            actor=actor,
            office=office,
            action=action,
            from_stage=case.stage if to_stage is not None else "",
            to_stage=to_stage or "",
            **text.fields(),
        )
        for case in cases
    )
