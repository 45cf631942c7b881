"""What applying a 処理結果一覧表 upload changes, line by line (issue 11 H1), and which pending
uploads cover the same cases.

The preview is worked out when the upload is checked and kept with the match it shows (each line's
case, its stage then, applied or sent to the 突合 queue): cases.submission.result_upload_check says
when the cases moved since, and applying verifies it.
"""

import hashlib
import json

from django.db import transaction

from cases.common.codes import Decision
from cases.kernel.models import Case, Stage
from cases.submission import texts
from cases.submission.models import ResultImport
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_apply import result_summary
from cases.submission.results_file import ResultRow
from cases.submission.results_match import Matching, results_differences, results_match


def results_matched(rows: list[ResultRow]) -> tuple[Matching, dict[int, Case]]:
    """Matching of the rows, read inside a transaction that is rolled back (matching locks cases)."""
    with transaction.atomic():
        matching = results_match(rows)
        ids = {case.pk for case in matching.cases.values()}
        ids |= {case.pk for case, _why in matching.unmatched.values() if case is not None}
        cases = {case.pk: case for case in Case.objects.filter(pk__in=ids).select_related("office")}
        transaction.set_rollback(True)
    return matching, cases


def results_preview(rows: list[ResultRow], matching: Matching, cases: dict[int, Case]) -> list[dict]:
    """Per line: its result and what applying it would change, stored as texts (code and parameters,
    cases/common/texts.py) so that each 係長 reads them in their own language."""
    lines = []
    differences = results_differences(rows, matching)
    for row in rows:
        ref = matching.cases.get(row.line_no)
        entry = {
            "line": row.line_no,
            "reference_no": row.reference_no,
            "result": result_summary(row, getattr(ref, "case_type", "")).as_json(),
            "applies": ref is not None,  # written onto its case; else the 突合 queue's
        }
        if ref is None:
            case, why = matching.unmatched.get(row.line_no, (None, ""))
            change = texts.PREVIEW_TO_QUEUE(why=why)
            entry.update(case=case.number if case else "", change=change.as_json())
            entry.update(case_id=case.pk if case else None, stage=case.stage if case else "")
            if case is not None:  # found, though not 送付済: its office still says whose it is
                entry["office"] = cases[case.pk].office.name
        else:
            to = Stage.INPUT if row.decision == Decision.RETURNED else Stage.CLOSED
            move = {"from_stage": Stage(ref.stage).label, "to_stage": Stage(to).label}
            differs = differences.get(row.line_no)
            change = (
                texts.PREVIEW_MOVE_DIFFERS(**move, differs=differs) if differs else texts.PREVIEW_MOVE(**move)
            )
            entry.update(case=ref.number, office=cases[ref.pk].office.name, change=change.as_json())
            entry.update(case_id=ref.pk, stage=ref.stage)
        lines.append(entry)
    return lines


def result_import_earlier(sha256: str) -> int | None:
    """The import of this very file, if it was imported already (results_import answers with it)."""
    return ResultImport.objects.filter(sha256=sha256).values_list("pk", flat=True).first()


def preview_if_imported(preview: list[dict], sha256: str, earlier: int | None = None) -> list[dict]:
    """The very file imported already changes nothing, whatever its lines would say. A copy: the kept
    preview is left as it is. ``earlier``: result_import_earlier(sha256), when the caller has it."""
    earlier = earlier if earlier is not None else result_import_earlier(sha256)
    if earlier is None:
        return [dict(entry) for entry in preview]
    return [{**entry, "change": texts.PREVIEW_UNCHANGED(no=earlier).as_json()} for entry in preview]


def _line_digest(entry: dict) -> str:
    outcome = {"line": entry["line"], "case": entry.get("case", ""), "change": entry.get("change")}
    return hashlib.sha256(json.dumps(outcome, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8]


def preview_mark(preview: list[dict]) -> str:
    """What the confirm page showed, as its hidden field carries it back to 反映する: a short digest of
    each line's outcome (its case and what applying changes), in line order, so that the lines that
    changed since can be told (cf. bundle_contents_mark)."""
    return "".join(_line_digest(entry) for entry in preview)


def preview_mark_changed(preview: list[dict], shown: str) -> list[int]:
    """The lines of `preview` whose outcome is not the one the page marked `shown` showed."""
    then = [shown[i : i + 8] for i in range(0, len(shown), 8)]
    changed = []
    for index, entry in enumerate(preview):
        if index >= len(then) or then[index] != _line_digest(entry):
            changed.append(entry["line"])
    return changed


def _covered(upload: ResultUpload) -> set[str]:
    return {entry.get("case") or entry.get("reference_no") or "" for entry in upload.preview} - {""}


def result_uploads_overlapping(upload: ResultUpload) -> list[int]:
    """The other pending uploads holding a case this one holds: applying one makes the other's lines
    go to the 突合 queue, so the 係長 should compare them first."""
    mine = _covered(upload)
    others = ResultUpload.objects.filter(state=ResultUpload.State.PENDING).exclude(pk=upload.pk)
    return [other.pk for other in others.order_by("pk") if mine & _covered(other)]
