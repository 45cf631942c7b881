"""What a user may see of the results imports and the 突合 queue."""

import datetime as dt

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from cases.kernel.access import user_sees_all_offices
from cases.security.models.users import User
from cases.submission.models import Discrepancy, ResultImport
from cases.submission.result_uploads import ResultUpload


def discrepancies_visible_to(user: User) -> QuerySet[Discrepancy]:
    """Open items first. A clerk sees the cases of their office and the lines that match no case
    (someone has to find out whose they are); supervisors see every office."""
    if not user.is_authenticated or not user.has_perm("cases.view_discrepancy"):
        return Discrepancy.objects.none()
    queryset = Discrepancy.objects.select_related(
        "case__office", "bundle", "line__result_import", "resolved_by"
    )
    if not user_sees_all_offices(user):
        queryset = queryset.filter(Q(case__isnull=True) | Q(case__office_id=user.office_id))
    return queryset.order_by(F("resolved_at").desc(nulls_first=True), "-created_at", "-id")


def result_imports_recent() -> QuerySet[ResultImport]:
    """Each with `applied_uploads`: the upload applied first is the one that made the import (the same
    file applied again names the same import and changes nothing)."""
    applied = (
        ResultUpload.objects.filter(state=ResultUpload.State.APPLIED)
        .select_related("uploaded_by")
        .order_by("decided_at", "id")
    )
    return (
        ResultImport.objects.select_related("imported_by")
        .prefetch_related(Prefetch("uploads", queryset=applied, to_attr="applied_uploads"))
        .order_by("-imported_at", "-id")
    )


def result_uploads_pending() -> QuerySet[ResultUpload]:
    return ResultUpload.objects.filter(state=ResultUpload.State.PENDING).select_related("uploaded_by")


DECIDED_DAYS = 90


def result_uploads_decided(days: int = DECIDED_DAYS) -> QuerySet[ResultUpload]:
    """Uploads rejected or withdrawn in the last `days` days, newest first: in neither 確認待ち nor 取込履歴,
    the uploader learns here that theirs was rejected, and why."""
    since = timezone.now() - dt.timedelta(days=days)
    return (
        ResultUpload.objects.filter(
            state__in=[ResultUpload.State.REJECTED, ResultUpload.State.WITHDRAWN], decided_at__gte=since
        )
        .select_related("uploaded_by", "decided_by")
        .order_by("-decided_at", "-id")
    )
