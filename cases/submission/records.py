"""What goes into each record: code lists and the values of one case, one header, one trailer.

機構's own code values for 届書種別 and 免除種類 were not available (domain.md §4.2-4.3); these lists
are this product's and are documented in docs/formats/submission.md, like cases/common/codes.py.
"""

import datetime as dt

from cases.common.codes import ExemptionKind
from cases.common.identifiers.wareki import to_kiko_code
from cases.kernel.casetypes import filing_form_of
from cases.kernel.models import Case
from cases.submission.fixed_length import DATA, FieldType, Layout, RecordValueError

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


def header_values(*, lg_code: str, bundle_number: str, created_on: dt.date, cutoff_on: dt.date) -> dict:
    return {
        "lg_code": lg_code,
        "created_on": era_date(created_on),
        "bundle_number": bundle_number,
        "cutoff_on": era_date(cutoff_on),
    }


def data_values(case: Case, filed: dict | None) -> dict:
    """One case. Expects `resident__pension` loaded with the case; `filed` is what its type files
    (`CaseTypeSpec.filing_values`): kinds in order of preference, 申請年度, reason and months."""
    resident = case.resident
    pension = getattr(resident, "pension", None)
    values = {
        "reference_no": case.number,
        "basic_pension_no": pension.basic_pension_no if pension else "",
        "form_code": filing_form_of(case).code,
        "received_on": era_date(case.received_on),
        "kana_name": resident.kana_name,
        "birth_date": era_date(resident.birth_date),
        "sex": resident.sex,
    }
    if not filed:
        return values
    kinds = filed.get("kinds", [])
    if len(kinds) > KIND_SLOTS:  # never drop a preference silently
        field = next(f for f in DATA.fields if f.source == f"kind_{KIND_SLOTS}")
        raise RecordValueError(
            subject=f"整理番号 {case.number}",
            field=field,
            problem=f"免除種類の希望が{len(kinds)}つあります ({KIND_SLOTS}つまで)。",
        )
    for slot, kind in enumerate(kinds, start=1):
        values[f"kind_{slot}"] = KIND_CODES[kind]
    for name in ("fiscal_year", "reason"):
        if filed.get(name) is not None:
            values[name] = filed[name]
    values["period_start"] = era_date(filed.get("period_start"))
    if "period_end" in filed:
        values["period_end"] = era_date(filed["period_end"])
    # 障害基礎年金 (届書種別 21): its dates and 請求の種類; "1" when the paper originals go separately.
    for name in ("first_visit", "recognition_date"):
        if filed.get(name) is not None:
            values[name] = era_date(filed[name])
    if filed.get("claim_kind"):
        values["claim_kind"] = filed["claim_kind"]
    if filed.get("originals_separate"):
        values["originals_separate"] = "1"
    return values


def csv_columns(layout: Layout) -> list[str]:
    return [field.name for field in layout.fields if field.type is not FieldType.FILLER]
