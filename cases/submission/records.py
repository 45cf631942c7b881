"""What goes into each record: code lists and the values of one case, one header, one trailer.

機構's own code values for 届書種別 and 免除種類 were not available (domain.md §4.2-4.3); these lists
are this product's and are documented in docs/formats/submission.md, like cases/common/codes.py.
"""

import datetime as dt

from django.utils.translation import gettext_noop

from cases.common.codes import ExemptionKind
from cases.common.identifiers.wareki import to_kiko_code
from cases.kernel.casetypes import filing_form_of
from cases.kernel.models import Case
from cases.submission.fixed_length import DATA, NO_VALUE, QUALIFICATION, FieldType, Layout, RecordValueError
from cases.submission.sendable import sent_address, sent_kana_name, sent_kanji_name

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
# 届書種別 whose 届書 may carry the 個人番号 instead of the 基礎年金番号 (則1条の4第1項4号: a person without
# one gives the 個人番号, printed on the 届書 PDF only — never in the data file or its CSV).
MYNUMBER_FORMS = frozenset({"31"})
# 資格届出レコード code lists (docs/formats/submission.md §3.4–3.8).
FILING_KIND_CODES = {
    "acquisition": "01",
    "loss": "02",
    "kind_change": "03",
    "voluntary": "04",
    "voluntary_withdrawal": "05",
    "special_elderly": "06",
    "additional": "07",
    "additional_withdrawal": "08",
    "death": "09",
}
DEADLINE_CODES = {"on_time": "1", "late": "2", "undecided": "3", "not_applicable": "0"}
ROUTE_CODES = {"old_age_beneficiary": "1", "age60_64": "2", "abroad": "3", "special_elderly": "4"}
PAYMENT_CODES = {"account": "1", "no_account": "2", "prepay": "3", "other_reason": "4"}
NUMBER_KINDS = {"basic_pension_no": "1", "mynumber_on_form": "2"}


def era_date(value: dt.date | None) -> str:
    """機構's era-coded date without separator (令和8年3月6日 → 9080306); empty when there is none."""
    return to_kiko_code(value, separator="") if value else ""


def era_month(value: dt.date | None) -> str:
    """機構's era-coded month (令和8年3月 → 90803); empty when there is none."""
    return era_date(value)[:5] if value else ""


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
    form_code = filing_form_of(case).code
    values = {
        "reference_no": case.number,
        "basic_pension_no": pension.basic_pension_no if pension else "",
        "form_code": form_code,
        "received_on": era_date(case.received_on),
        "kana_name": sent_kana_name(case),  # the 送付用 spelling where the desk gave one (sendable.py)
        "birth_date": era_date(resident.birth_date),
        "sex": resident.sex,
    }
    if not values["basic_pension_no"] and form_code not in MYNUMBER_FORMS:
        field = next(f for f in DATA.fields if f.source == "basic_pension_no")
        raise RecordValueError(subject=f"整理番号 {case.number}", field=field, problem=NO_VALUE)
    if not filed:
        return values
    kinds = filed.get("kinds", [])
    if len(kinds) > KIND_SLOTS:  # never drop a preference silently
        field = next(f for f in DATA.fields if f.source == f"kind_{KIND_SLOTS}")
        raise RecordValueError(
            subject=f"整理番号 {case.number}",
            field=field,
            problem=gettext_noop("免除種類の希望が%(count)sつあります (%(limit)sつまで)。"),
            params={"count": len(kinds), "limit": KIND_SLOTS},
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


def qualification_values(case: Case, filed: dict) -> dict:
    """The 資格届出レコード of a 届書種別 31 case: `filed["qualification"]` as the type files it
    (cases/qualification/casetype.py), the person's 漢字氏名 and 住所 from the 住民記録 — or the 送付用
    spelling the desk gave where the 住民記録's does not fit the data file (sendable.py)."""
    resident = case.resident
    pension = getattr(resident, "pension", None)
    q = filed["qualification"]
    return {
        "reference_no": case.number,
        "filing_kind": FILING_KIND_CODES[q["kind"]],
        "reason": q.get("reason") or "",
        "event_date": era_date(q.get("event_date")),
        "effective_on": era_date(q.get("effective_on")),
        "kind_before": q.get("kind_before") or "",
        "kind_after": q.get("kind_after") or "",
        "additional_month": era_month(q.get("additional_month")),
        "filed_on": era_date(q.get("filed_on")),
        "deadline": DEADLINE_CODES.get(q.get("deadline_status") or "", ""),
        "route": ROUTE_CODES.get(q.get("route") or "", ""),
        "payment_method": PAYMENT_CODES.get(q.get("payment_method") or "", ""),
        "number_kind": NUMBER_KINDS[
            "basic_pension_no" if pension and pension.basic_pension_no else "mynumber_on_form"
        ],
        "kanji_name": sent_kanji_name(case),
        "address": sent_address(case),
    }


def csv_columns(layout: Layout) -> list[str]:
    return [field.name for field in layout.fields if field.type is not FieldType.FILLER]


def csv_extra_columns() -> list[str]:
    """The 資格届出レコード's columns a CSV row adds when the bundle has 届書種別 31 cases."""
    return [name for name in csv_columns(QUALIFICATION) if name not in ("レコード区分", "整理番号")]
