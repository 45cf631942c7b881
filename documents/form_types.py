"""Which 機構 form a case is filed on: the 届書 template, and the line it is counted on in the 送付書."""

from dataclasses import dataclass

from cases.common.codes import ExemptionKind
from cases.kernel.models import Case, CaseType


@dataclass(frozen=True)
class FormType:
    code: str
    label: str
    short: str  # for the columns of the 送付一覧表
    filing_template: str = ""


_FILING = "documents/pdf/filing_exemption.html"
STATUTORY = FormType(
    "statutory", "国民年金保険料 法定免除該当届", "法定免除該当届", "documents/pdf/filing_statutory.html"
)
MATERNITY = FormType(
    "maternity",
    "国民年金保険料 産前産後期間の免除届",
    "産前産後免除届",
    "documents/pdf/filing_maternity.html",
)
STUDENT = FormType("student", "国民年金保険料 学生納付特例申請書", "学生納付特例申請書", _FILING)
APPLIED = FormType("exemption", "国民年金保険料 免除・納付猶予申請書", "免除・納付猶予申請書", _FILING)
# The order the 送付書 lists its lines in.
ORDER = ("exemption", "student", "statutory", "maternity", "disability", "qualification")


class FormNotAvailable(ValueError):
    """No 届書 template exists yet for this case type."""


def form_type(case: Case) -> FormType:
    if case.case_type != CaseType.EXEMPTION:
        raise FormNotAvailable(f"{case.get_case_type_display()} の届書はまだ作成できません。")
    kinds = list(case.exemption.kinds)
    if kinds == [ExemptionKind.STATUTORY]:
        return STATUTORY
    if kinds == [ExemptionKind.MATERNITY]:
        return MATERNITY
    if ExemptionKind.STUDENT in kinds:
        return STUDENT
    return APPLIED


def form_for_listing(case: Case) -> FormType:
    """For counting and listing: a case type without its own template still gets its own line."""
    try:
        return form_type(case)
    except FormNotAvailable:
        label = str(case.get_case_type_display())
        return FormType(str(case.case_type), label, label)
