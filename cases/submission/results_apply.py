"""Writing matched results: the case stage and timeline, bundle items, and each type's own records
(its `ResultHandler`, e.g. 免除情報 for exemptions).

The writes are set-based (bulk) rather than one `case_transition` per case: a 10,000-line file
must go through in seconds. The timeline rows are the same ones `case_transition` would write.
The flows follow after commit (cases.submission.results_flows).
"""

from dataclasses import dataclass, field

from django.utils import timezone

from cases.common.bulk import rows_insert, rows_update
from cases.common.codes import Decision, ExemptionKind
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case, CaseEvent, Stage
from cases.security.models.users import User
from cases.submission.models import BundleItem, Discrepancy
from cases.submission.results_file import ResultRow
from cases.submission.results_match import Matching, matched_by_type

DISCREPANCY_FIELDS = ("kind", "case_id", "bundle_id", "line_id", "detail", "created_at", "resolution")
EVENT_FIELDS = ("case_id", "at", "actor_id", "office_id", "action", "from_stage", "to_stage", "comment")


def discrepancy_row(
    kind: str, case_id: int | None, bundle_id: int | None, line_id: int | None, detail: str, now
) -> tuple:
    return (kind, case_id, bundle_id, line_id, detail[:300], now, "")


@dataclass
class Applied:
    discrepancies: list[tuple] = field(default_factory=list)  # DISCREPANCY_FIELDS
    closed: int = 0
    returned: int = 0
    case_ids: list[int] = field(default_factory=list)  # whose flow waits at 結果待ち


def _month(value) -> str:
    return f"{value:%Y-%m}" if value else "(なし)"


def result_summary(row: ResultRow) -> str:
    text = f"{Decision(row.decision).label} (判定日 {row.decided_on:%Y-%m-%d})"
    if row.decision == Decision.APPROVED and row.granted_kind:
        text += (
            f" {ExemptionKind(row.granted_kind).label} {_month(row.period_start)}〜{_month(row.period_end)}"
        )
    if row.decision == Decision.APPROVED and row.grade:
        text += f" 障害等級 {row.grade}級"
    if row.reason:
        text += f" 理由: {row.reason}"
    return text


def _type_records(rows, matching: Matching, lines: dict[int, int], now) -> list[tuple]:
    """Each type writes its own records; results that differ from what was filed go to the queue."""
    found = []
    for case_type, matched in matched_by_type(rows, matching).items():
        handler = casetype_spec(case_type).result
        if handler is None:
            continue
        for row, case, differs in handler.apply(matched, now):
            item = matching.bundle_items.get(case.pk)
            detail = f"{case.number}: {differs}"
            found.append(
                discrepancy_row(
                    Discrepancy.Kind.DIFFERS,
                    case.pk,
                    item.bundle_id if item else None,
                    lines[row.line_no],
                    detail,
                    now,
                )
            )
    return found


def results_apply(
    *, rows: list[ResultRow], matching: Matching, lines: dict[int, int], by: User | None
) -> Applied:
    """`lines` maps line numbers to ResultLine ids."""
    now = timezone.now()
    actor_id = by.pk if by is not None else None
    office_id = getattr(by, "office_id", None)
    applied = Applied(discrepancies=_type_records(rows, matching, lines, now))
    cases, events, items = [], [], []
    Kind, Action = Discrepancy.Kind, CaseEvent.Action
    for row in rows:
        case = matching.cases.get(row.line_no)
        if case is None:
            continue
        item = matching.bundle_items.get(case.pk)
        bundle_id = item.bundle_id if item else None
        summary = result_summary(row)
        if row.decision == Decision.RETURNED:
            comment = f"日本年金機構から返戻: {summary}"
            events.append(
                (case.pk, now, actor_id, office_id, Action.RETURNED, Stage.SENT, Stage.INPUT, comment)
            )
            cases.append((case.pk, Stage.INPUT, now, None, now))
            applied.returned += 1
            if item is not None:
                items.append((item.pk, False, now, actor_id, f"返戻: {row.reason}"[:200]))
            detail = f"{case.number}: {row.reason}"
            applied.discrepancies.append(
                discrepancy_row(Kind.RETURNED, case.pk, bundle_id, lines[row.line_no], detail, now)
            )
        else:
            events.append(
                (case.pk, now, actor_id, office_id, Action.RESULT, Stage.SENT, Stage.RESULT_RECEIVED, summary)
            )
            events.append(
                (case.pk, now, actor_id, office_id, Action.CLOSED, Stage.RESULT_RECEIVED, Stage.CLOSED, "")
            )
            cases.append((case.pk, Stage.CLOSED, now, now, now))
            applied.closed += 1
    rows_update(Case, ["stage", "stage_since", "closed_at", "updated_at"], cases)
    rows_insert(CaseEvent, EVENT_FIELDS, events)
    rows_update(BundleItem, ["live", "removed_at", "removed_by", "removal_reason"], items)
    applied.case_ids = [case[0] for case in cases]
    return applied
