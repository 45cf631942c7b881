"""What the 資格届出's documents say: the 届書 (国民年金被保険者関係届書, 届書種別 31) as entered, and what the
受付票 and the 送付一覧表 list for it. Registered with documents/filing.py at start-up (documents/apps.py)."""

from cases.common.codes import AcquisitionReason, InsuredKind, LossReason, sex_label
from cases.common.identifiers.pension_no import pension_no_display
from cases.kernel.models import Case, CaseType
from cases.qualification.models.filings import EVENTS_NAMED_BY_KIND
from documents.filing import counter_documents, counter_part, filing_content_register, iso


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code else ""


def qualification_filing(case: Case) -> dict:
    """The 届書's items (則1条の4, 2条, 3条, 4条, 6条の2): person, date and reason, 番号, and what the rules
    computed with their articles, the 14-day status and every 「要確認」."""
    filing = case.qualification
    resident = case.resident
    pension = getattr(resident, "pension", None)
    return {
        # The 届書's person as the 住民記録 has them (則9条: the city reports the items it checked).
        "applicant_heading": "届出者 (住民記録)",
        "applicant": {
            "kana": resident.kana_name,
            "name": resident.kanji_name,
            "birth_date": iso(resident.birth_date),
            "address": resident.address,
            "sex": sex_label(resident.sex),
            "atena_no": resident.atena_no,
            "phone": pension.phone if pension else "",
        },
        "basic_pension_no": pension_no_display(pension.basic_pension_no if pension else ""),
        "filing": {
            "kind": filing.get_kind_display(),
            "kind_code": filing.kind,  # what the template tests (the label is the form's words)
            "event": filing.get_event_display(),
            "event_date": iso(filing.event_date),
            "filed_on": iso(filing.filed_on),
            "solicited": filing.solicited,
            "effective_on": iso(filing.effective_on),
            "effective_basis": filing.effective_basis,
            "kind_before": _label(InsuredKind, filing.insured_kind_before),
            "kind_after": _label(InsuredKind, filing.insured_kind_after),
            "acquired_reason": _label(AcquisitionReason, filing.acquired_reason),
            "lost_reason": _label(LossReason, filing.lost_reason),
            "deadline_on": iso(filing.deadline_on),
            "deadline_status": filing.get_deadline_status_display() if filing.deadline_status else "",
            "late_reason": filing.late_reason,
            "route": filing.get_route_display() if filing.route else "",
            "payment_method": filing.get_payment_method_display() if filing.payment_method else "",
            "payment_reason": filing.payment_reason,
            "additional_month": iso(filing.additional_month),
            "paid_through": iso(filing.paid_through),
            "paid_months": filing.paid_months,
            "is_additional": filing.is_additional,
            "pension_fund_member": filing.pension_fund_member,
            "japanese_national": filing.japanese_national,
            "old_age_entitled": filing.old_age_entitled,
            "early_claimed": filing.early_claimed,
            "doubts": filing.doubts_shown,  # in Japanese: the snapshot is built in the form's language
        },
        "send_due_on": iso(case.send_due_on),
        "agent": counter_part(case),
        "household": [],
        "identity_documents": counter_documents(case),
        "remarks": filing.remarks,
    }


def qualification_summary(case: Case) -> dict:
    """The 受付票's 「申請の内容」 and the 送付一覧表's column: the kind of 届出 and its event."""
    filing = case.qualification
    label = filing.get_kind_display()
    if filing.event not in EVENTS_NAMED_BY_KIND:
        label = f"{label} ({filing.get_event_display()})"
    return {"kinds": [{"code": filing.kind, "label": label}], "fiscal_year": None}


filing_content_register(CaseType.QUALIFICATION, content=qualification_filing, summary=qualification_summary)
