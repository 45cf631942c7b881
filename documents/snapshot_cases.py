"""The snapshots of a case's own documents: the 受付票, the 届書 and the 所得情報 attachment."""

from django.conf import settings
from django.utils import timezone

from cases.exemption.models import PersonRole
from cases.kernel.casetypes import CaseTypeNotRegistered, casetype_spec, filing_form_of
from cases.kernel.models import Case
from cases.kernel.typespec import ReceiptWording
from documents.filing import FILING_CONTENT, FILING_WITHOUT_MYNUMBER, case_summary, iso
from documents.income_items import income_items
from documents.mynumber import mynumber_snapshot, requires_mynumber
from documents.snapshot_parts import (
    SNAPSHOT_VERSION,
    DocumentNotAvailable,
    Kind,
    Snapshot,
    _case_part,
    _city,
    _staff,
    case_document_kinds,
    form_for_listing,
)


def _receipt_wording(case: Case) -> tuple[ReceiptWording, bool]:
    """The type's wording for its 受付票, and whether its papers go to 機構 (a type no longer
    registered: as they did)."""
    try:
        spec = casetype_spec(case.case_type)
    except CaseTypeNotRegistered:
        return ReceiptWording(), True
    return spec.receipt_wording, spec.goes_to_kiko


def _next_steps(wording: ReceiptWording, forwarded: bool) -> list[str]:
    office = settings.NENKIN_PENSION_OFFICE
    # A type settled at the city (a 開示・訂正・利用停止請求) sends nothing to 機構.
    sent = [f"申請書・届書は{settings.NENKIN_CITY_NAME}から{office}へ送付します。"] if forwarded else []
    return [
        *sent,
        wording.outcome,
        "書類の不足などで確認が必要なときは、受付事務所からご連絡します。",
        "お問い合わせの際は、この受付票の整理番号をお伝えください。",
    ]


def receipt_snapshot(*, case: Case) -> Snapshot:
    form = form_for_listing(case)
    summary = case_summary(case)
    wording, forwarded = _receipt_wording(case)
    context = {
        "version": SNAPSHOT_VERSION,
        "case": _case_part(case),
        "city": _city(),
        "applicant": {"name": case.resident.kanji_name, "kana": case.resident.kana_name},
        "form": {"code": form.code, "label": form.label},
        "kinds": summary["kinds"],
        "fiscal_year": summary["fiscal_year"],
        "details": summary.get("details", []),
        "next_steps": _next_steps(wording, forwarded),
    }
    # Only a type that has them adds these keys: another type's snapshot stays as it was, so issuing its
    # 受付票 again with the same data is still no new document.
    if wording.received_label:
        context["received_label"] = wording.received_label
    if wording.notice:
        context["notice"] = wording.notice
    if case.decision_due_on:
        # The type's own 決定期限 (CaseTypeSpec.decision_days, e.g. 個人情報保護法83条1項), as it stands
        # when issued: an extension (83条2項) is notified in writing, and a 受付票 issued again shows it.
        context["decision_due_on"] = iso(case.decision_due_on)
    return Snapshot("documents/pdf/receipt.html", context)


def filing_snapshot(*, case: Case) -> Snapshot:
    content = FILING_CONTENT.get(case.case_type)
    try:
        form = filing_form_of(case)
    except CaseTypeNotRegistered as exc:
        raise DocumentNotAvailable(str(exc)) from exc
    if content is None or not form.template:
        raise DocumentNotAvailable(f"{case.type_label} の届書はまだ作成できません。")
    if Kind.FILING not in case_document_kinds(case):
        # A case its type does not forward to 機構, e.g. a 障害基礎年金 claim referred to the 年金事務所
        # (施行令1条の2第3号ハ): refused for every caller, not only hidden on the case page.
        raise DocumentNotAvailable(
            f"この{case.type_label}は機構へ送付しないため、届書・送付票は作成しません。"
        )
    context = {
        "version": SNAPSHOT_VERSION,
        "case": _case_part(case),
        "city": _city(),
        "form": {"code": form.code, "label": form.label},
        **content(case),
        "staff": {
            "received_by": _staff(case.received_by),
            "inputter": _staff(case.inputter),
            "cross_checker": _staff(case.cross_checker),
            "approver": _staff(case.approver),
        },
    }
    required = case.case_type not in FILING_WITHOUT_MYNUMBER and requires_mynumber(case)
    # 利用停止 (個人情報保護法98条): the number is not used, so not printed either; the form says why.
    suspended = required and case.resident.is_use_suspended
    included = required and not suspended
    context["mynumber_required"] = included
    if suspended:
        context["mynumber_suspended"] = True
    if included:
        context["mynumber"] = mynumber_snapshot(case)
    return Snapshot(form.template, context, includes_mynumber=included)


def income_snapshot(*, case: Case) -> Snapshot:
    application = getattr(case, "exemption", None)
    attachment = application.income_attachment if application else None
    if not attachment or not attachment.get("income_test"):
        raise DocumentNotAvailable("この案件には所得情報の添付がありません。")
    people = [
        {
            "role": str(PersonRole(person["role"]).label),
            "name": person["name"],
            "birth_date": person["birth_date"],
            "atena_no": person["atena_no"],
            "tax_year": person["tax_year"],
            "missing": person["missing"],
            "items": income_items(person["income"]) if person["income"] else [],
        }
        for person in attachment["people"]
    ]
    context = {
        "version": SNAPSHOT_VERSION,
        "case": _case_part(case),
        "city": _city(),
        "applicant": {"name": case.resident.kanji_name},
        "fiscal_year": application.fiscal_year,
        "tax_year": attachment["tax_year"],
        "attached_at": (
            timezone.localtime(application.income_attached_at).isoformat(timespec="minutes")
            if application.income_attached_at
            else None
        ),
        "people": people,
    }
    if attachment.get("year_imported") is False:
        # 未取込, not 未申告 (income_attachment.attachment_year_pending); only then, so the context of every
        # other attachment, and its hash, stays as before.
        context["year_imported"] = False
    return Snapshot("documents/pdf/income.html", context)
