"""The weekly bundle's background jobs. Ids only; each is safe to run twice (a redelivery after a
killed worker finishes what is left and repeats nothing)."""

from celery import shared_task


@shared_task(name="bundles.build_weekly")
def bundle_build_weekly(cutoff: str | None = None) -> str:
    """Beat, 15:00 every weekday: the bundle of cases approved by this week's cut-off (its Friday, or the
    last open day before a closed Friday: `scheduled_cutoff`), on the day it comes; on the other days
    nothing. Run again later that week, it finds the same bundle (a draft is completed, a sealed one left
    as it is). With `cutoff` (ISO time): the bundle of that cut-off, whatever the day."""
    import datetime as dt

    from cases.submission.bundle_common import scheduled_cutoff
    from cases.submission.bundles import BundleNothingToSend, bundle_build

    cutoff_at = dt.datetime.fromisoformat(cutoff) if cutoff else scheduled_cutoff()
    if cutoff_at is None:
        return ""  # this week's cut-off has not come (or the office is closed all week)
    try:
        return bundle_build(cutoff_at=cutoff_at).number
    except BundleNothingToSend:
        return ""  # nothing was approved: no bundle, no empty 送付書


@shared_task(name="bundles.build_off_cycle")
def bundle_build_off_cycle(cutoff: str, user_id: int) -> str:
    """臨時送付 asked for on the screen: every case approved by that moment (ISO time)."""
    import datetime as dt

    from cases.security.models.users import User
    from cases.submission.bundles import BundleNothingToSend
    from cases.submission.bundles import bundle_build_off_cycle as build

    try:
        bundle = build(cutoff_at=dt.datetime.fromisoformat(cutoff), by=User.objects.get(pk=user_id))
    except BundleNothingToSend:
        return ""
    return bundle.number


@shared_task(name="bundles.collect")
def bundle_collect(bundle_id: int, user_id: int) -> str:
    """「案件の追加を再開」: the rest of a draft's cases (weekly or 臨時), then its ZIP."""
    from cases.security.models.users import User
    from cases.submission.bundles import bundle_collect_resume

    return bundle_collect_resume(bundle_id=bundle_id, by=User.objects.get(pk=user_id)).number


@shared_task(name="bundles.assemble")
def bundle_assemble(bundle_id: int) -> str:
    from cases.submission.bundles import bundle_assemble as assemble

    return assemble(bundle_id=bundle_id).archive_sha256


@shared_task(name="bundles.seal")
def bundle_seal(bundle_id: int, user_id: int) -> str:
    from cases.security.models.users import User
    from cases.submission.models import SubmissionBundle
    from workflows.submission import bundle_seal as seal

    bundle = SubmissionBundle.objects.get(pk=bundle_id)
    return seal(bundle=bundle, by=User.objects.get(pk=user_id)).state
