"""How 機構's 処理結果一覧表 applies to 障害基礎年金 claims (docs/formats/results.md): 支給決定 (承認) with
its 等級, 不支給 (却下) or 返戻. The kernel closes the case or sends it back to 入力; this writes the
answer on the claim."""

from cases.common.bulk import rows_update
from cases.common.codes import Decision
from cases.common.texts import Text
from cases.disability import texts
from cases.disability.models import DisabilityClaim
from cases.kernel.typespec import ResultHandler

GRADES = (1, 2)  # 法30条2項: 障害基礎年金 has grades 1 and 2 only


def disability_results_check(matched) -> dict[int, Text]:
    """A 支給決定 must say the 等級; without it the line waits in the 突合 queue (the system's sentence,
    worded in the queue's reader's language)."""
    return {
        row.line_no: texts.RESULT_NO_GRADE(case=case.number)
        for row, case in matched
        if row.decision == Decision.APPROVED and row.grade not in GRADES
    }


def disability_results_apply(matched, now) -> list[tuple]:
    ids = dict(
        DisabilityClaim.objects.filter(case_id__in=[case.pk for _row, case in matched]).values_list(
            "case_id", "id"
        )
    )
    updates = [
        (
            ids[case.pk],
            row.decision,
            row.grade if row.decision == Decision.APPROVED else None,
            row.decided_on,
            now,
        )
        for row, case in matched
        if case.pk in ids
    ]
    rows_update(DisabilityClaim, ["decision", "grade", "decided_on", "updated_at"], updates)
    return []  # a 支給決定 grants what was claimed: nothing to compare


DISABILITY_RESULTS = ResultHandler(check=disability_results_check, apply=disability_results_apply)
