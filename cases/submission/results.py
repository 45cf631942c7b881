"""Importing 機構's 処理結果一覧表 and the 突合 (reconciliation) with what was sent.

One transaction per file: every line is matched to its case in a few set-based queries, the
results are written to 免除情報 and the cases close (承認・却下) or go back to 入力 (返戻); whatever
does not fit goes to the 突合 queue (Discrepancy). The same file again changes nothing.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from cases.common.bulk import rows_insert
from cases.kernel.models import Stage
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.bundles import bundle_mark_result
from cases.submission.models import BundleItem, Discrepancy, ResultImport, ResultLine, SubmissionBundle
from cases.submission.results_apply import DISCREPANCY_FIELDS, discrepancy_row, results_apply
from cases.submission.results_file import ResultRow, results_read
from cases.submission.results_flows import results_flows_send
from cases.submission.results_match import Matching, results_grant_optional, results_match

# pg_advisory_xact_lock key: two result files are never reconciled at the same time.
LOCK_KEY = 7_331_003
Kind = Discrepancy.Kind


def results_lock() -> None:
    """Held to the end of the transaction; taken again by the same transaction, it does not wait."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


LINE_FIELDS = (
    "result_import_id",
    "line_no",
    "reference_no",
    "basic_pension_no",
    "decision",
    "decided_on",
    "granted_kind",
    "period_start",
    "period_end",
    "reason",
    "grade",
    "case_id",
)


def _lines_create(result_import: ResultImport, rows: list[ResultRow], matching: Matching) -> dict[int, int]:
    """line no → ResultLine id."""
    values = []
    for row in rows:
        case = matching.cases.get(row.line_no)
        values.append(
            (
                result_import.pk,
                row.line_no,
                row.reference_no,
                row.basic_pension_no,
                row.decision,
                row.decided_on,
                row.granted_kind,
                row.period_start,
                row.period_end,
                row.reason,
                row.grade,
                case.pk if case else None,
            )
        )
    ids = rows_insert(ResultLine, LINE_FIELDS, values)
    return {row.line_no: pk for row, pk in zip(rows, ids, strict=True)}


def _missing_results(bundle_ids: set[int], result_import: ResultImport, now) -> list[tuple]:
    """Cases of the bundles concerned that are still 送付済 after this file: reported once per bundle."""
    waiting = BundleItem.objects.filter(bundle_id__in=bundle_ids, live=True, case__stage=Stage.SENT)
    reported = set(
        Discrepancy.objects.filter(kind=Kind.MISSING_RESULT, bundle_id__in=bundle_ids).values_list(
            "case_id", "bundle_id"
        )
    )
    missing = []
    for case_id, bundle_id, case_number, bundle_number in waiting.values_list(
        "case_id", "bundle_id", "case__number", "bundle__number"
    ):
        if (case_id, bundle_id) not in reported:
            said = texts.MISSING_RESULT(bundle=bundle_number, case=case_number, file=result_import.filename)
            missing.append(discrepancy_row(Kind.MISSING_RESULT, case_id, bundle_id, None, said, now))
    return missing


def _bundles_update(bundle_ids: set[int]) -> None:
    """A 送付済 bundle becomes 一部返戻 as soon as one case came back, else 結果受領 once every case
    has its result."""
    waiting = set(
        BundleItem.objects.filter(bundle_id__in=bundle_ids, live=True, case__stage=Stage.SENT).values_list(
            "bundle_id", flat=True
        )
    )
    returned = set(
        Discrepancy.objects.filter(kind=Kind.RETURNED, bundle_id__in=bundle_ids).values_list(
            "bundle_id", flat=True
        )
    )
    for bundle in SubmissionBundle.objects.filter(pk__in=bundle_ids, state=SubmissionBundle.State.SENT):
        if bundle.pk in returned:
            bundle_mark_result(bundle=bundle, partially_returned=True)
        elif bundle.pk not in waiting:
            bundle_mark_result(bundle=bundle, partially_returned=False)


def results_import(
    *,
    filename: str,
    data: bytes,
    by: User | None,
    request=None,
    check: Callable[[Matching], None] | None = None,
) -> ResultImport:
    """Imports one file. Raises ImportRejected (every bad line) and changes nothing if any line is bad.
    ``request``: the screen's, when a 係長 applies an upload there (the access log keeps its 接続元).
    ``check``: called with the matching (its cases locked) before the results are written; what it
    raises rolls the whole import back (an upload's kept match that no longer holds).

    The returned import has ``already_imported`` set when this very file had been imported before.
    """
    digest = hashlib.sha256(data).hexdigest()
    rows, _encoding = results_read(data, grant_optional=results_grant_optional)
    # Everything below is kept (discrepancies, timeline, access log): in the installation's language.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        results_lock()
        existing = ResultImport.objects.filter(sha256=digest).first()
        if existing is not None:
            existing.already_imported = True
            audit_record(
                action=AuditAction.IMPORT,
                actor=by,
                request=request,
                target=f"results:{existing.pk}",
                purpose="処理結果一覧表の取込 (取込済みのため変更なし)",
                detail={"filename": filename[:255], "sha256": digest, "already_imported": True},
            )
            return existing
        result_import = ResultImport.objects.create(
            filename=filename[:255], sha256=digest, imported_by=by, total_lines=len(rows)
        )
        matching = results_match(rows)
        if check is not None:
            check(matching)
        lines = _lines_create(result_import, rows, matching)
        bundle_ids = {item.bundle_id for item in matching.bundle_items.values()}
        applied = results_apply(rows=rows, matching=matching, lines=lines, by=by)
        now = timezone.now()
        discrepancies = applied.discrepancies
        for line_no, (case, why) in matching.unmatched.items():
            case_id = case.pk if case else None
            said = texts.LINE(line=line_no, why=why)
            discrepancies.append(
                discrepancy_row(Kind.UNMATCHED_LINE, case_id, None, lines[line_no], said, now)
            )
        discrepancies += _missing_results(bundle_ids, result_import, now)
        tied = [(*row, result_import.pk) for row in discrepancies]  # each item names its import
        rows_insert(Discrepancy, (*DISCREPANCY_FIELDS, "result_import_id"), tied)
        _settle_answered(
            case_ids=[case.pk for case in matching.cases.values()], by=by, result_import=result_import
        )
        _bundles_update(bundle_ids)
        results_flows_send(case_ids=applied.case_ids)
        result_import.matched = len(matching.cases)
        result_import.discrepancies = len(discrepancies)
        result_import.save(update_fields=["matched", "discrepancies"])
        result_import.already_imported = False
        audit_record(
            action=AuditAction.IMPORT,
            actor=by,
            request=request,
            target=f"results:{result_import.pk}",
            purpose="処理結果一覧表の取込",
            detail={
                "filename": result_import.filename,
                "sha256": digest,
                "lines": len(rows),
                "matched": result_import.matched,
                "discrepancies": result_import.discrepancies,
                "closed": applied.closed,
                "returned": applied.returned,
            },
        )
    return result_import


def _settle_answered(*, case_ids: list[int], by: User | None, result_import: ResultImport) -> None:
    """Items a result for the case settles: a 結果のない送付案件, and a 返戻 of an earlier import (the case was put
    right and sent again; this is 機構's answer to it, a new 返戻 included, which raises its own item)."""
    source = f"処理結果一覧表 ({result_import.filename}, 取込番号 {result_import.pk})"
    open_items = Discrepancy.objects.filter(case_id__in=case_ids, resolved_at__isnull=True)
    now = timezone.now()
    open_items.filter(kind=Kind.MISSING_RESULT).update(
        resolved_at=now, resolved_by=by, resolution=f"{source} で結果を受領しました"
    )
    open_items.filter(kind=Kind.RETURNED).exclude(result_import=result_import).update(
        resolved_at=now, resolved_by=by, resolution=f"再送した案件の結果を{source} で受領しました"
    )
