"""Background jobs as the screens show them: running, or stopped when their heartbeat is old.

A worker that dies mid-job leaves the job's row saying "running". Each job touches a heartbeat when
it reports progress; one silent for NENKIN_JOB_STALE_SECONDS is shown as stopped, with the action
that resumes it, and the page stops polling (issue 11 M4).
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def job_stalled(beat_at: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    if beat_at is None:
        return True
    return (now or timezone.now()) - beat_at > dt.timedelta(seconds=settings.NENKIN_JOB_STALE_SECONDS)
