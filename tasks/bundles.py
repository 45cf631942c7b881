"""The weekly bundle's background jobs. Ids only; each is safe to run twice (a redelivery after a
killed worker finishes what is left and repeats nothing).

A BundleError is an outcome, not a crash: the service has recorded it on the bundle as its job_error
(a name the data file cannot carry, a draft whose adding stopped, the seal's record check), the bundle page shows it and offers
the way on, and nothing watches for a failed task (a stopped job is found by its job_beat_at). So the
job logs a WARNING and returns: raised, it answered HTTP 500 to the 係長's request when jobs run
in-process (CELERY eager, the demo), and in a worker Celery logged it at ERROR with its message, which
may quote the person's name. Any other exception still fails the task."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


def _stopped(job: str, bundle_id: int | None, exc: Exception) -> str:
    # The class only: the message names cases and the characters of their names (on the bundle page).
    logger.warning(
        "job %s: bundle %s stopped on %s (recorded on the bundle)", job, bundle_id, type(exc).__name__
    )
    return ""


def _bundle_id(number: str) -> int | None:
    from cases.submission.models import SubmissionBundle

    return SubmissionBundle.objects.filter(number=number).values_list("pk", flat=True).first()


@shared_task(name="bundles.build_weekly")
def bundle_build_weekly(cutoff: str | None = None) -> str:
    """Beat, 15:00 every weekday: the bundle of cases approved by this week's cut-off (its Friday, or the
    last open day before a closed Friday: `scheduled_cutoff`), on the day it comes; on the other days
    nothing. Run again later that week, it finds the same bundle (a draft is completed, a sealed one left
    as it is). With `cutoff` (ISO time): the bundle of that cut-off, whatever the day."""
    import datetime as dt

    from cases.submission.bundle_common import BundleError, bundle_number_for, scheduled_cutoff
    from cases.submission.bundles import BundleNothingToSend, bundle_build

    cutoff_at = dt.datetime.fromisoformat(cutoff) if cutoff else scheduled_cutoff()
    if cutoff_at is None:
        return ""  # this week's cut-off has not come (or the office is closed all week)
    try:
        return bundle_build(cutoff_at=cutoff_at).number
    except BundleNothingToSend:
        return ""  # nothing was approved: no bundle, no empty 送付書
    except BundleError as exc:
        return _stopped("bundles.build_weekly", _bundle_id(bundle_number_for(cutoff_at)), exc)


@shared_task(name="bundles.build_off_cycle")
def bundle_build_off_cycle(cutoff: str, user_id: int) -> str:
    """臨時送付 asked for on the screen: every case approved by that moment (ISO time)."""
    import datetime as dt

    from cases.security.models.users import User
    from cases.submission.bundle_common import BundleError, bundle_number_for
    from cases.submission.bundles import BundleNothingToSend
    from cases.submission.bundles import bundle_build_off_cycle as build

    cutoff_at = dt.datetime.fromisoformat(cutoff)
    try:
        bundle = build(cutoff_at=cutoff_at, by=User.objects.get(pk=user_id))
    except BundleNothingToSend:
        return ""
    except BundleError as exc:
        number = bundle_number_for(cutoff_at, off_cycle=True)
        return _stopped("bundles.build_off_cycle", _bundle_id(number), exc)
    return bundle.number


@shared_task(name="bundles.collect")
def bundle_collect(bundle_id: int, user_id: int) -> str:
    """「案件の追加を再開」: the rest of a draft's cases (weekly or 臨時), then its ZIP."""
    from cases.security.models.users import User
    from cases.submission.bundle_common import BundleError
    from cases.submission.bundles import bundle_collect_resume

    try:
        return bundle_collect_resume(bundle_id=bundle_id, by=User.objects.get(pk=user_id)).number
    except BundleError as exc:
        return _stopped("bundles.collect", bundle_id, exc)


@shared_task(name="bundles.assemble")
def bundle_assemble(bundle_id: int) -> str:
    from cases.submission.bundle_common import BundleError
    from cases.submission.bundles import bundle_assemble as assemble

    try:
        return assemble(bundle_id=bundle_id).archive_sha256
    except BundleError as exc:
        return _stopped("bundles.assemble", bundle_id, exc)


@shared_task(name="bundles.seal")
def bundle_seal(bundle_id: int, user_id: int) -> str:
    from cases.security.models.users import User
    from cases.submission.bundle_common import BundleError
    from cases.submission.models import SubmissionBundle
    from workflows.submission import bundle_seal as seal

    bundle = SubmissionBundle.objects.get(pk=bundle_id)
    try:
        return seal(bundle=bundle, by=User.objects.get(pk=user_id)).state
    except BundleError as exc:
        return _stopped("bundles.seal", bundle_id, exc)
