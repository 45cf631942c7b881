"""The daily report of unusual 個人番号 reveals to the auditor (SecurityAlert on the audit screen)."""

import datetime as dt

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from cases.security.models.alerts import SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry


def reveal_report(*, day: dt.date | None = None) -> list[SecurityAlert]:
    """The daily job: staff whose reveals on `day` (default yesterday) were unusual — more than
    NENKIN_REVEAL_DAILY_ALERT, or more than three times their daily average of the 30 days before
    (and at least 10). One alert each, for the auditor."""
    tz = timezone.get_current_timezone()
    day = day or timezone.localdate() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end, history_start = start + dt.timedelta(days=1), start - dt.timedelta(days=30)
    reveals = AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL, actor_id__isnull=False)
    counts = dict(
        reveals.filter(at__gte=start, at__lt=end)
        .values_list("actor_id")
        .annotate(n=Count("id"))
        .values_list("actor_id", "n")
    )
    history = dict(
        reveals.filter(at__gte=history_start, at__lt=start, actor_id__in=list(counts))
        .values_list("actor_id")
        .annotate(n=Count("id"))
        .values_list("actor_id", "n")
    )
    alerts = []
    threshold = settings.NENKIN_REVEAL_DAILY_ALERT
    for actor_id, count in sorted(counts.items()):
        average = history.get(actor_id, 0) / 30
        if count > threshold or (count >= 10 and count > 3 * average):
            detail = {"day": day.isoformat(), "count": count, "average_30_days": round(average, 1)}
            if SecurityAlert.objects.filter(
                kind=SecurityAlert.Kind.REVEAL_UNUSUAL, user_id=actor_id, detail__day=day.isoformat()
            ).exists():
                continue
            alerts.append(
                SecurityAlert.objects.create(
                    kind=SecurityAlert.Kind.REVEAL_UNUSUAL, user_id=actor_id, detail=detail
                )
            )
    return alerts
