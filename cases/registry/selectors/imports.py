from django.db.models import QuerySet

from cases.registry.models.imports import ImportBatch


def importbatch_list_recent(*, limit: int = 50) -> QuerySet[ImportBatch]:
    # The error list can hold a thousand entries; the overview does not need it.
    return ImportBatch.objects.select_related("created_by").defer("errors").order_by("-created_at")[:limit]
