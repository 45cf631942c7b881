"""How 機構's 処理結果一覧表 applies to exemption cases (rows are cases.submission.results_file.ResultRow): the 免除情報 recorded at approval gets the
decision, and the kind and months 機構 granted (docs/formats/results.md §4)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import translation

from cases.common.bulk import rows_update
from cases.common.codes import Decision, ExemptionKind
from cases.common.texts import Text
from cases.exemption import texts
from cases.kernel.typespec import ResultHandler
from cases.registry.models.pension import Exemption


@dataclass(slots=True)
class ExemptionRef:
    """免除情報 as sent: what the result is compared with."""

    pk: int
    kind: str
    start_on: date
    end_on: date | None


def _label(kind: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # stored as its message id
        return str(ExemptionKind(kind).label)


def result_differences(exemption: ExemptionRef, row) -> Text | None:
    """What 機構 approved that is not what was requested (None when it is the same)."""
    differences = []
    if row.granted_kind != exemption.kind:
        differences.append(
            texts.KIND_DIFFERS(requested=_label(exemption.kind), granted=_label(row.granted_kind))
        )
    if row.period_start != exemption.start_on or row.period_end != exemption.end_on:
        differences.append(
            texts.PERIOD_DIFFERS(
                requested_from=exemption.start_on,
                requested_to=exemption.end_on,
                granted_from=row.period_start,
                granted_to=row.period_end,
            )
        )
    if len(differences) == 2:
        return texts.BOTH_DIFFER(first=differences[0], second=differences[1])
    return differences[0] if differences else None


def _refs(matched) -> dict[str, ExemptionRef]:
    numbers = [case.number for _row, case in matched]
    found = Exemption.objects.filter(reference_no__in=numbers).values_list(
        "reference_no", "id", "kind", "start_on", "end_on"
    )
    return {number: ExemptionRef(*values) for number, *values in found}


def exemption_results_check(matched) -> dict[int, str]:
    refs = _refs(matched)
    return {
        row.line_no: texts.NO_EXEMPTION_RECORD(case=case.number)
        for row, case in matched
        if case.number not in refs
    }


def exemption_results_differences(matched) -> dict[int, str]:
    refs = _refs(matched)
    found = {}
    for row, case in matched:
        if row.decision == Decision.APPROVED and case.number in refs:
            differs = result_differences(refs[case.number], row)
            if differs:
                found[row.line_no] = differs
    return found


def exemption_results_apply(matched, now) -> list[tuple]:
    """Writes 判定結果・判定日 (and, for 承認, the kind and months granted) into 免除情報."""
    refs = _refs(matched)
    updates, differing = [], []
    for row, case in matched:
        exemption = refs[case.number]
        kind, start_on, end_on = exemption.kind, exemption.start_on, exemption.end_on
        if row.decision == Decision.APPROVED:
            differs = result_differences(exemption, row)
            if differs:
                differing.append((row, case, differs))
            kind, start_on, end_on = row.granted_kind, row.period_start, row.period_end
        updates.append((exemption.pk, kind, start_on, end_on, row.decision, row.decided_on, now))
    rows_update(Exemption, ["kind", "start_on", "end_on", "decision", "decided_on", "updated_at"], updates)
    return differing


EXEMPTION_RESULTS = ResultHandler(
    check=exemption_results_check,
    apply=exemption_results_apply,
    differences=exemption_results_differences,
    grant_required=True,
)
