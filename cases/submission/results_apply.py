"""Writing matched results: the case stage and timeline, bundle items, and each type's own records
(its `ResultHandler`, e.g. 免除情報 for exemptions).

The writes are set-based (bulk) rather than one `case_transition` per case: a 10,000-line file
must go through in seconds. The timeline rows are the same ones `case_transition` would write.
The flows follow after commit (cases.submission.results_flows).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation

from cases.common.bulk import rows_insert, rows_update
from cases.common.codes import Decision, ExemptionKind
from cases.common.texts import Text
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case, CaseEvent, Stage
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.models import BundleItem, Discrepancy
from cases.submission.results_file import ResultRow
from cases.submission.results_match import Matching, matched_by_type

DISCREPANCY_FIELDS = (
    *("kind", "case_id", "bundle_id", "line_id", "text_code", "text_params", "detail", "created_at"),
    "resolution",
)
EVENT_FIELDS = (
    *("case_id", "at", "actor_id", "office_id", "action", "from_stage", "to_stage", "text_code"),
    *("text_params", "comment"),
)


def discrepancy_row(
    kind: str, case_id: int | None, bundle_id: int | None, line_id: int | None, said: Text | str, now
) -> tuple:
    """`said`: a Text, or words kept as written (a case type's own, 機構's)."""
    if isinstance(said, Text):
        return (kind, case_id, bundle_id, line_id, said.code, said.params, "", now, "")
    return (kind, case_id, bundle_id, line_id, "", {}, said[:300], now, "")


def _text(said: Text) -> tuple[str, dict]:
    return said.code, said.params


@dataclass
class Applied:
    discrepancies: list[tuple] = field(default_factory=list)  # DISCREPANCY_FIELDS
    closed: int = 0
    returned: int = 0
    case_ids: list[int] = field(default_factory=list)  # whose flow waits at 結果待ち


def result_summary(row: ResultRow, case_type: str = "") -> Text:
    """機構's decision as the timeline keeps it (labels in Japanese, their message ids), in the words of the
    case's type where it has its own (a 障害基礎年金 claim: 支給決定・不支給)."""
    own = casetype_spec(case_type).decision_labels.get(row.decision) if case_type else None
    with translation.override(settings.LANGUAGE_CODE):
        decision = str(own or Decision(row.decision).label)
        kind = str(ExemptionKind(row.granted_kind).label) if row.granted_kind else ""
    if row.decision == Decision.APPROVED and kind:
        said = texts.RESULT_GRANTED(
            decision=decision,
            decided_on=row.decided_on,
            kind=kind,
            start=row.period_start,
            end=row.period_end,
        )
    elif row.decision == Decision.APPROVED and row.grade:
        said = texts.RESULT_GRADED(decision=decision, decided_on=row.decided_on, grade=row.grade)
    else:
        said = texts.RESULT(decision=decision, decided_on=row.decided_on)
    return texts.RESULT_WITH_REASON(result=said, reason=row.reason) if row.reason else said


def _type_records(rows, matching: Matching, lines: dict[int, int], now) -> list[tuple]:
    """Each type writes its own records; results that differ from what was filed go to the queue."""
    found = []
    for case_type, matched in matched_by_type(rows, matching).items():
        handler = casetype_spec(case_type).result
        if handler is None:
            continue
        for row, case, differs in handler.apply(matched, now):
            item = matching.bundle_items.get(case.pk)
            found.append(
                discrepancy_row(
                    Discrepancy.Kind.DIFFERS,
                    case.pk,
                    item.bundle_id if item else None,
                    lines[row.line_no],
                    texts.DIFFERS(case=case.number, differs=differs),
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
        summary = result_summary(row, case.case_type)
        if row.decision == Decision.RETURNED:
            said = texts.RETURNED(result=summary)
            events.append(
                (
                    case.pk,
                    now,
                    actor_id,
                    office_id,
                    Action.RETURNED,
                    Stage.SENT,
                    Stage.INPUT,
                    *_text(said),
                    "",
                )
            )
            cases.append((case.pk, Stage.INPUT, now, None, now))
            applied.returned += 1
            if item is not None:
                items.append((item.pk, False, now, actor_id, f"返戻: {row.reason}"[:200]))
            said = texts.RETURNED_ITEM(case=case.number, reason=row.reason)
            applied.discrepancies.append(
                discrepancy_row(Kind.RETURNED, case.pk, bundle_id, lines[row.line_no], said, now)
            )
        else:
            head = (case.pk, now, actor_id, office_id)
            events.append((*head, Action.RESULT, Stage.SENT, Stage.RESULT_RECEIVED, *_text(summary), ""))
            events.append(
                (
                    case.pk,
                    now,
                    actor_id,
                    office_id,
                    Action.CLOSED,
                    Stage.RESULT_RECEIVED,
                    Stage.CLOSED,
                    "",
                    {},
                    "",
                )
            )
            cases.append((case.pk, Stage.CLOSED, now, now, now))
            applied.closed += 1
    rows_update(Case, ["stage", "stage_since", "closed_at", "updated_at"], cases)
    rows_insert(CaseEvent, EVENT_FIELDS, events)
    rows_update(BundleItem, ["live", "removed_at", "removed_by", "removal_reason"], items)
    applied.case_ids = [case[0] for case in cases]
    return applied
