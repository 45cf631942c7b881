"""Which case each line of a 処理結果一覧表 is about. A fixed handful of queries, whatever the file size."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from cases.common.texts import Text
from cases.kernel.casetypes import CaseTypeNotRegistered, casetype_spec
from cases.kernel.models import Case, Stage
from cases.submission import texts
from cases.submission.models import BundleItem
from cases.submission.results_file import ResultRow


@dataclass(slots=True)
class CaseRef:
    pk: int
    number: str
    case_type: str
    stage: str
    resident_id: int


@dataclass(slots=True)
class ItemRef:
    pk: int
    bundle_id: int


@dataclass
class Matching:
    cases: dict[int, CaseRef] = field(default_factory=dict)  # line no → matched case
    # line no → (case, why): a Text, or a case type's words as written
    unmatched: dict[int, tuple[CaseRef | None, Text | str]] = field(default_factory=dict)
    bundle_items: dict[int, ItemRef] = field(default_factory=dict)  # case id → its live bundle item


_CASE_FIELDS = ("id", "number", "case_type", "stage", "resident_id", "resident__pension__basic_pension_no")


def _cases(queryset) -> list[tuple[CaseRef, str]]:
    """(case, its applicant's 基礎年金番号). The case rows stay locked until commit, so nobody moves
    a case between matching and writing."""
    rows = queryset.select_for_update(of=("self",)).values_list(*_CASE_FIELDS)
    return [(CaseRef(*values), pension_no or "") for *values, pension_no in rows]


def _candidates(rows: list[ResultRow]) -> tuple[dict[str, tuple[CaseRef, str]], dict[str, list[CaseRef]]]:
    numbers = {row.reference_no for row in rows if row.reference_no}
    pension_nos = {row.basic_pension_no for row in rows if row.basic_pension_no and not row.reference_no}
    by_number = {case.number: (case, no) for case, no in _cases(Case.objects.filter(number__in=numbers))}
    by_pension: dict[str, list[CaseRef]] = defaultdict(list)
    if pension_nos:
        sent = Case.objects.filter(stage=Stage.SENT, resident__pension__basic_pension_no__in=pension_nos)
        for case, pension_no in _cases(sent):
            by_pension[pension_no].append(case)
    return by_number, by_pension


def _find(row: ResultRow, by_number, by_pension) -> tuple[CaseRef | None, Text | None]:
    """(case, None) or (case or None, why it cannot be used)."""
    if row.reference_no:
        case, pension_no = by_number.get(row.reference_no, (None, ""))
        if case is None:
            return None, texts.NO_SUCH_NUMBER(number=row.reference_no)
        if row.basic_pension_no and row.basic_pension_no != pension_no:
            return case, texts.PENSION_NO_DIFFERS(pension_no=row.basic_pension_no, case=case.number)
        return case, None
    found = by_pension.get(row.basic_pension_no, [])
    if len(found) == 1:
        return found[0], None
    if not found:
        return None, texts.PENSION_NO_NOT_SENT(pension_no=row.basic_pension_no)
    return None, texts.PENSION_NO_AMBIGUOUS(pension_no=row.basic_pension_no, count=len(found))


def _filed_spec(case_type: str):
    try:
        spec = casetype_spec(case_type)
    except CaseTypeNotRegistered:
        return None
    return spec if spec.goes_to_kiko else None


def matched_by_type(rows: list[ResultRow], matching: Matching) -> dict[str, list[tuple[ResultRow, CaseRef]]]:
    by_type: dict[str, list] = defaultdict(list)
    for row in rows:
        case = matching.cases.get(row.line_no)
        if case is not None:
            by_type[case.case_type].append((row, case))
    return by_type


def _type_checks(rows: list[ResultRow], matching: Matching) -> None:
    """Each type's own reasons a line cannot be used (e.g. no 免除情報 was recorded at approval)."""
    for case_type, matched in matched_by_type(rows, matching).items():
        handler = casetype_spec(case_type).result
        if handler is None:
            continue
        for line_no, why in handler.check(matched).items():
            matching.unmatched[line_no] = (matching.cases.pop(line_no), why)


def results_grant_optional(numbers: set[str]) -> set[str]:
    """The 整理番号 among `numbers` whose type's 承認 names no kind or months (results_read)."""
    found = Case.objects.filter(number__in=numbers).values_list("number", "case_type")
    optional = set()
    for number, case_type in found:
        spec = _filed_spec(case_type)
        if spec is not None and not (spec.result and spec.result.grant_required):
            optional.add(number)
    return optional


def results_match(rows: list[ResultRow]) -> Matching:
    """By 整理番号, else by 基礎年金番号 among the cases now 送付済. Anything doubtful is left unmatched
    for a clerk rather than guessed: a wrong match would close someone else's case."""
    by_number, by_pension = _candidates(rows)
    matching = Matching()
    taken: dict[int, int] = {}  # case id → the line that took it
    for row in rows:
        case, why = _find(row, by_number, by_pension)
        if case is not None and not why:
            spec = _filed_spec(case.case_type)
            if spec is None:
                why = texts.NOT_FILED(case=case.number)
            elif case.stage != Stage.SENT:
                with translation.override(settings.LANGUAGE_CODE):  # stored as its message id
                    stage = str(Stage(case.stage).label)
                why = texts.NOT_SENT(case=case.number, stage=stage)
            elif case.pk in taken:
                why = texts.TWICE(case=case.number, line=taken[case.pk])
        if why:
            matching.unmatched[row.line_no] = (case, why)
        else:
            taken[case.pk] = row.line_no
            matching.cases[row.line_no] = case
    _type_checks(rows, matching)
    items = BundleItem.objects.filter(case_id__in=[case.pk for case in matching.cases.values()], live=True)
    sent_on = {}
    for case_id, pk, bundle_id, sent in items.values_list("case_id", "id", "bundle_id", "bundle__sent_on"):
        matching.bundle_items[case_id] = ItemRef(pk, bundle_id)
        sent_on[case_id] = sent
    _decided_before_sent(rows, matching, sent_on)
    return matching


def _decided_before_sent(rows: list[ResultRow], matching: Matching, sent_on: dict) -> None:
    """機構 cannot decide on a filing before it was sent: such a line (a typing slip in 判定日, or a
    result meant for an earlier filing of the same case) goes to the 突合 queue, not onto the case."""
    for row in rows:
        case = matching.cases.get(row.line_no)
        sent = sent_on.get(case.pk) if case is not None else None
        if sent is not None and row.decided_on < sent:
            matching.unmatched[row.line_no] = (
                matching.cases.pop(row.line_no),
                texts.DECIDED_BEFORE_SENT(case=case.number, decided_on=row.decided_on, sent_on=sent),
            )


def results_differences(rows: list[ResultRow], matching: Matching) -> dict[int, str]:
    """{line no: text} where 機構's result differs from what was filed, each type saying how."""
    found: dict[int, str] = {}
    for case_type, matched in matched_by_type(rows, matching).items():
        handler = casetype_spec(case_type).result
        if handler is not None:
            found.update(handler.differences(matched))
    return found
