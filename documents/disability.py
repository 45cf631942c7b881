"""The 障害基礎年金 claim's documents: what the 受付票 and the lists say of it, the 送付票 that goes to
機構 with the case (its `filing` document: the claim as entered and the papers enclosed, the originals
sent separately), and the 年金事務所への案内票 for a claim the city does not take.

None of them carries the 個人番号: the 年金請求書 itself travels as the paper original, and the
送付票 and the 案内票 identify the claimant by name, birth date and 基礎年金番号 only.
"""

from cases.common.identifiers.pension_no import pension_no_display
from cases.disability.present import claim_display
from cases.kernel.models import Case, CaseType, ChecklistItem
from documents.filing import counter_documents, counter_part, filing_content_register, iso
from documents.models import Document
from documents.snapshot_parts import SNAPSHOT_VERSION, Snapshot, case_part, city_part
from documents.snapshots import case_builder_register

State = ChecklistItem.State
ENCLOSED = {State.RECEIVED: "同封 (原本)", State.VERIFIED: "同封 (原本・確認済)", State.WAIVED: "不要"}


def _claimant(case: Case) -> dict:
    resident = case.resident
    pension = getattr(resident, "pension", None)
    return {
        "name": resident.kanji_name,
        "kana": resident.kana_name,
        "birth_date": iso(resident.birth_date),
        "address": resident.address,
        "basic_pension_no": pension_no_display(pension.basic_pension_no if pension else ""),
    }


def _claim_part(case: Case) -> dict:
    claim = case.disability
    shown = claim_display(claim)
    return {
        "conditions": claim.conditions,
        "first_visit_on": iso(claim.first_visit_on),
        "first_clinic": claim.first_clinic,
        "status": str(claim.get_status_at_first_visit_display()),
        "certificate_forms": [str(label) for label in claim.certificate_form_labels],
        "special_event": str(claim.get_special_event_display()) if claim.special_event else "",
        "special_event_on": iso(claim.special_event_on),
        "cured_on": iso(claim.cured_on),
        "basis": str(claim.get_claim_basis_display()),
        "other_first_visit_on": iso(claim.other_first_visit_on),  # 基準障害 (法30条の3) only
        "standard_graded_on": iso(claim.standard_graded_on),
        "children": claim.children,
        "route": str(shown["route"]),
        "reason": claim.route_reason,
        "recognition_on": iso(claim.recognition_on),
        "recognition_basis": str(shown["recognition_basis"]),
        "kind": str(shown["kind"]),
        "late": bool(
            shown["late"]
        ),  # 1 year or more after the 認定日: a 診断書 before the claim is enclosed too
        "income_notice": _income(shown["income_notice"]),  # 20歳前傷病 (法36条の3, 令5条の4)
        "payment_start_month": iso(claim.payment_start_month),
        # 法30条の2第1項 (a 事後重症 claim by the day before 65), or for a 基準障害 the day by which the grades must
        # combine (法30条の3第1項): as the case page shows it
        "post_onset_deadline": shown["post_onset_deadline"] or "",
        "pre20": shown["pre20"],  # its deadline is 法30条の4第2項's
        "certificates": [
            {
                "label": str(row["label"]),
                "first": row["first"],
                "last": row["last"],
                "current_on": row["current_on"],
                "check": str(row["check_label"]),
            }
            for row in shown["certificates"]
        ],
        "contribution": _contribution(shown["contribution"]),
        "doubts": [str(text) for text in shown["doubts"]],
        "notes": [str(text) for text in shown["notes"]],
    }


def _income(notice: dict | None) -> dict | None:
    """The 20歳前傷病's income limits as the rule set gave them (the 「要確認」 on their figures speaks of these)."""
    if not notice:
        return None
    return {key: notice.get(key) for key in ("half", "full", "general", "elderly", "specified")}


def _contribution(contribution: dict | None) -> dict | None:
    if not contribution or not contribution["applies"] or not contribution["result"]:
        return None
    result = contribution["result"]
    return {
        "satisfied": result["satisfied"],
        "rule": str(contribution["rule_label"]),
        "insured_months": result["insured_months"],
        "counted_months": result["counted_months"],
        "last_month": result["last_month"],
    }


def _enclosures(case: Case) -> list[dict]:
    return [
        {"label": item.label, "state": ENCLOSED.get(item.state, "未提出"), "note": item.note_shown}
        for item in case.checklist.all()
        if item.required or item.state in ENCLOSED
    ]


def disability_filing(case: Case) -> dict:
    """The 送付票 (届書種別 21): the claim as entered, the computed values with their rules, and the
    papers enclosed."""
    return {
        "claimant": _claimant(case),
        "claim": _claim_part(case),
        "enclosures": _enclosures(case),
        "agent": counter_part(case),
        "identity_documents": counter_documents(case),
        # What the clerk wrote for 機構 (the claim's 備考), in the 受付・処理 part as on every 届書.
        "remarks": case.disability.remarks,
        "originals_separate": True,
    }


def disability_summary(case: Case) -> dict:
    """What the 受付票 and the 送付一覧表 say was claimed."""
    claim = case.disability
    shown = claim_display(claim)
    details = [{"label": "傷病名", "value": claim.conditions}]
    if claim.referred:
        return {"kinds": [], "fiscal_year": None, "details": details}
    details.append({"label": "請求の種類", "value": str(shown["kind_short"])})
    return {
        "kinds": [{"code": claim.claim_kind, "label": str(shown["kind_short"])}],
        "fiscal_year": None,
        "details": details,
        "originals_separate": True,
    }


def referral_snapshot(*, case: Case) -> Snapshot:
    """年金事務所への案内票: why the city does not take this claim, and what to bring there."""
    claim = case.disability
    context = {
        "version": SNAPSHOT_VERSION,
        "case": case_part(case),
        "city": city_part(),
        "claimant": _claimant(case),
        "claim": {
            "conditions": claim.conditions,
            "first_visit_on": iso(claim.first_visit_on),
            "status": str(claim.get_status_at_first_visit_display()),
            "reason": claim.route_reason,
        },
        "bring": [
            "年金請求書 (この案内票と一緒にお持ちください)",
            "医師の診断書 (障害の状態に応じた様式)",
            "受診状況等証明書 (初診の医療機関が診断書を作成した医療機関と異なるとき)",
            "病歴・就労状況等申立書",
            "基礎年金番号通知書または年金手帳、受取口座の通帳等、本人確認書類",
        ],
    }
    return Snapshot("documents/pdf/referral.html", context)


filing_content_register(
    CaseType.DISABILITY, content=disability_filing, summary=disability_summary, mynumber=False
)
case_builder_register(Document.Kind.REFERRAL, referral_snapshot)
