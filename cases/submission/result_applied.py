"""What the 係長 is told after applying a results upload: the import's numbers and what it put on the 突合 list,
by kind. 「不一致 5件」 alone read as five lines gone wrong where the preview had said none: they were cases of the
same 送付 the file has no result for yet (the walk of 2026-12-07), which the preview, reading only the file's
lines, does not count."""

from django.db.models import Count
from django.utils.translation import gettext as _

from cases.submission.models import Discrepancy, ResultImport

Kind = Discrepancy.Kind


def applied_message(upload_id: int, result: ResultImport) -> str:
    counts = dict(
        result.discrepancy_items.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    values = {
        "upload": upload_id,
        "no": result.pk,
        "matched": result.matched,
        "unmatched": counts.get(Kind.UNMATCHED_LINE, 0),
        "missing": counts.get(Kind.MISSING_RESULT, 0),
        "other": counts.get(Kind.DIFFERS, 0) + counts.get(Kind.RETURNED, 0),
    }
    said = _(
        "反映しました (アップロード #%(upload)s → 取込番号 %(no)s): 突合済 %(matched)s件、該当する案件のない結果 "
        "%(unmatched)s件、結果のない送付案件 %(missing)s件"
    )
    if values["other"]:
        said += _("、申請内容と異なる結果・返戻 %(other)s件")
    return said % values
