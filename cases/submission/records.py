"""What goes into each record: code lists and the values of one case, one header, one trailer.

機構's own code values for 届書種別 and 免除種類 were not available (domain.md §4.2-4.3); these lists
are this product's and are documented in docs/formats/submission.md, like cases/common/codes.py.
"""

import datetime as dt
from dataclasses import dataclass

from cases.common.codes import ExemptionKind
from cases.common.identifiers.wareki import to_kiko_code
from cases.kernel.models import Case, CaseType
from cases.registry.models.pension import Exemption
from cases.submission.fixed_length import DATA, FieldType, Layout, RecordValueError


@dataclass(frozen=True)
class FormType:
    code: str
    label: str


APPLICATION = FormType("11", "国民年金保険料免除・納付猶予申請書")
STUDENT = FormType("12", "国民年金保険料学生納付特例申請書")
STATUTORY = FormType("13", "国民年金保険料免除理由該当届 (法定免除)")
MATERNITY = FormType("14", "国民年金保険料産前産後期間の免除届")
DISABILITY = FormType("21", "年金請求書 (国民年金障害基礎年金)")
QUALIFICATION = FormType("31", "国民年金被保険者関係届書 (資格)")
FORM_TYPES = (APPLICATION, STUDENT, STATUTORY, MATERNITY, DISABILITY, QUALIFICATION)
FORM_LABELS = {form.code: form.label for form in FORM_TYPES}

KIND_CODES = {
    ExemptionKind.FULL: "01",
    ExemptionKind.THREE_QUARTERS: "02",
    ExemptionKind.HALF: "03",
    ExemptionKind.QUARTER: "04",
    ExemptionKind.DEFERRAL: "05",
    ExemptionKind.STUDENT: "06",
    ExemptionKind.STATUTORY: "07",
    ExemptionKind.MATERNITY: "08",
}
KIND_SLOTS = 5


def era_date(value: dt.date | None) -> str:
    """機構's era-coded date without separator (令和8年3月6日 → 9080306); empty when there is none."""
    return to_kiko_code(value, separator="") if value else ""


def form_type_of(case: Case) -> FormType:
    if case.case_type == CaseType.DISABILITY:
        return DISABILITY
    if case.case_type == CaseType.QUALIFICATION:
        return QUALIFICATION
    kinds = case.exemption.kinds
    if kinds == [ExemptionKind.STATUTORY]:
        return STATUTORY
    if kinds == [ExemptionKind.MATERNITY]:
        return MATERNITY
    if kinds == [ExemptionKind.STUDENT]:
        return STUDENT
    return APPLICATION


def header_values(*, lg_code: str, bundle_number: str, created_on: dt.date, cutoff_on: dt.date) -> dict:
    return {
        "lg_code": lg_code,
        "created_on": era_date(created_on),
        "bundle_number": bundle_number,
        "cutoff_on": era_date(cutoff_on),
    }


def data_values(case: Case, exemption: Exemption | None) -> dict:
    """One case. Expects `resident__pension` and `exemption` loaded with the case."""
    resident = case.resident
    pension = getattr(resident, "pension", None)
    values = {
        "reference_no": case.number,
        "basic_pension_no": pension.basic_pension_no if pension else "",
        "form_code": form_type_of(case).code,
        "received_on": era_date(case.received_on),
        "kana_name": resident.kana_name,
        "birth_date": era_date(resident.birth_date),
        "sex": resident.sex,
    }
    if case.case_type != CaseType.EXEMPTION:
        return values
    application = case.exemption
    if len(application.kinds) > KIND_SLOTS:  # never drop a preference silently
        field = next(f for f in DATA.fields if f.source == f"kind_{KIND_SLOTS}")
        raise RecordValueError(
            subject=f"整理番号 {case.number}",
            field=field,
            problem=f"免除種類の希望が{len(application.kinds)}つあります ({KIND_SLOTS}つまで)。",
        )
    for slot, kind in enumerate(application.kinds, start=1):
        values[f"kind_{slot}"] = KIND_CODES[kind]
    values["fiscal_year"] = application.fiscal_year
    if exemption is not None:
        values["reason"] = exemption.reason
        values["period_start"] = era_date(exemption.start_on)
        values["period_end"] = era_date(exemption.end_on)
    else:
        values["period_start"] = era_date(application.period_start)
    return values


def csv_columns(layout: Layout) -> list[str]:
    return [field.name for field in layout.fields if field.type is not FieldType.FILLER]
