"""What goes into each record: code lists and the values of one case, one header, one trailer.

機構's own code values for 届書種別 and 免除種類 were not available (domain.md §4.2-4.3); these lists
are this product's and are documented in docs/formats/submission.md, like cases/common/codes.py.
"""

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from cases.common.codes import ExemptionKind
from cases.kernel.casetypes import filing_form_of
from cases.kernel.filing import FilingForm
from cases.kernel.filing_records import era_date
from cases.kernel.models import Case
from cases.submission.fixed_length import DATA, NO_VALUE, FieldType, Layout, RecordValueError, record_layout
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
# What a type's filing_values may give for the data record (CaseTypeSpec.filing_values); besides these,
# only its form's record (FilingForm.record.key). Anything else stops the bundle (filed_check): a value
# dropped without a word would reach 機構 as a case that said nothing of it.
FILED_KEYS = frozenset(
    {
        "kinds",
        "fiscal_year",
        "reason",
        "period_start",
        "period_end",
        "first_visit",
        "recognition_date",
        "claim_kind",
        "originals_separate",
    }
)


def header_values(*, lg_code: str, bundle_number: str, created_on: dt.date, cutoff_on: dt.date) -> dict:
    return {
        "lg_code": lg_code,
        "created_on": era_date(created_on),
        "bundle_number": bundle_number,
        "cutoff_on": era_date(cutoff_on),
    }


def filed_check(case: Case, form: FilingForm, filed: dict) -> None:
    """ImproperlyConfigured when the type gives a key the data file has no place for (the IT review's G6:
    such a key used to vanish). A field of a type's own goes in its form's record (FilingForm.record)."""
    allowed = FILED_KEYS | ({form.record.key} if form.record else set())
    unknown = sorted(set(filed) - allowed)
    if unknown:
        raise ImproperlyConfigured(
            f"案件種別「{case.case_type}」の filing_values が、送付データに載せる場所のない項目"
            f"「{'」「'.join(unknown)}」を返しました (整理番号 {case.number}、届書種別 {form.code})。"
            f"載せられる項目: {', '.join(sorted(allowed))}。それ以外は届書のレコード (FilingForm.record) に"
            "持たせてください。"
        )


def data_values(case: Case, filed: dict | None) -> dict:
    """One case. Expects `resident__pension` loaded with the case; `filed` is what its type files
    (`CaseTypeSpec.filing_values`): kinds in order of preference, 申請年度, reason and months, a claim's
    dates, and its form's record (form_record_values)."""
    resident = case.resident
    pension = getattr(resident, "pension", None)
    form = filing_form_of(case)
    form_code = form.code
    filed_check(case, form, filed or {})
    values = {
        "reference_no": case.number,
        "basic_pension_no": pension.basic_pension_no if pension else "",
        "form_code": form_code,
        "received_on": era_date(case.received_on),
        "kana_name": sent_kana_name(case),  # the 送付用 spelling where the desk gave one (sendable.py)
        "birth_date": era_date(resident.birth_date),
        "sex": resident.sex,
    }
    # A 届書 that may carry the 個人番号 instead (FilingForm.mynumber_allowed, 則1条の4第1項4号) leaves
    # zeros here; the number itself is never in the data file.
    if not values["basic_pension_no"] and not form.mynumber_allowed:
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


def form_record_values(case: Case, filed: dict | None) -> tuple[Layout, dict] | None:
    """The record the case's form adds after its data record (FilingForm.record; form 31's 資格届出レコード),
    filled by the form from what the type files under the record's key, with the 整理番号 and the person's
    漢字氏名 and 住所 — or the 送付用 spelling the desk gave where the 住民記録's does not fit (sendable.py).
    None for a form without one. A form with a record and nothing filed for it stops the bundle."""
    form = filing_form_of(case)
    record = form.record
    if record is None:
        return None
    given = (filed or {}).get(record.key)
    if not given:
        raise ImproperlyConfigured(
            f"案件種別「{case.case_type}」の filing_values に「{record.key}」がありません (整理番号 "
            f"{case.number}): 届書種別 {form.code} の案件には{record.title}が要ります。"
        )
    values = record.values(case, given)
    values.update(reference_no=case.number, kanji_name=sent_kanji_name(case), address=sent_address(case))
    return record_layout(record), values


def csv_columns(layout: Layout) -> list[str]:
    return [field.name for field in layout.fields if field.type is not FieldType.FILLER]


def csv_extra_columns(layout: Layout) -> list[str]:
    """A form record's columns a CSV row adds when the bundle has cases of its form (the 整理番号 is the
    row's own)."""
    return [name for name in csv_columns(layout) if name not in ("レコード区分", "整理番号")]
