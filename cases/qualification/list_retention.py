"""A 勧奨 list's lines that matched nobody name people the desk has no business with (PIA III-2:
「対象者以外の情報を入手することがないようにする」). They are kept for a while after the import, so a
clerk can see a misspelt or late 住民記録 and look again; once NENKIN_LIST_UNMATCHED_DAYS have passed
since the import, their name, birth date, numbers and employer are erased (the line number, the outcome
and the reason's kind stay, so the list still adds up). Run by the nightly retention job and
`purge_expired`."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cases.qualification.models import QualificationListRow
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction

ERASED = {"kana_name": "", "birth_date": None, "basic_pension_no": "", "atena_no": "", "employer": ""}


def _due(now: dt.datetime):
    cutoff = now - dt.timedelta(days=settings.NENKIN_LIST_UNMATCHED_DAYS)
    return QualificationListRow.objects.filter(
        status=QualificationListRow.Status.UNMATCHED,
        erased_at__isnull=True,
        qualification_list__imported_at__lt=cutoff,
    )


@transaction.atomic
def list_unmatched_erase(*, now: dt.datetime | None = None, dry_run: bool = False, by=None) -> int:
    """Erases the due unmatched lines; one access-log entry per list. Returns how many lines."""
    now = now or timezone.now()
    rows = _due(now)
    per_list = dict(rows.values_list("qualification_list_id").annotate(count=Count("id")).order_by())
    if dry_run or not per_list:
        return sum(per_list.values())
    with_number = list(
        rows.exclude(reason_text__params={}).exclude(reason_text={}).values_list("pk", "reason_text")
    )
    rows.update(**ERASED, reason="", erased_at=now)
    for pk, reason in with_number:
        # The reason may quote the number the line gave (基礎年金番号 … の住民がいません).
        params = dict.fromkeys(reason.get("params") or {}, "―")
        QualificationListRow.objects.filter(pk=pk).update(reason_text={**reason, "params": params})
    for list_id, count in per_list.items():
        audit_record(
            action=AuditAction.PURGE,
            actor=by,
            target=f"qualification_list:{list_id}",
            purpose="保存期限の経過による消去",
            detail={"unmatched_rows_erased": count, "days": settings.NENKIN_LIST_UNMATCHED_DAYS},
        )
    return sum(per_list.values())
