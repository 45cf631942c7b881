"""The data each document prints, captured when it is requested (JSON-safe: ISO dates, integer yen).

A builder reads the database once; rendering later works from the snapshot alone, so an edit made
after the document was issued never changes it.
"""

import hashlib
import json
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import timezone, translation

from cases.common.freetext import contains_mynumber_like
from cases.common.identifiers.pension_no import pension_no_display
from cases.exemption.models import PersonRole
from cases.kernel.casetypes import (
    CaseTypeNotRegistered,
    ReceiptWording,
    casetype_spec,
    filing_form_of,
    related_paths,
)
from cases.kernel.filing import FilingForm
from cases.kernel.models import Case
from cases.submission.models import SubmissionBundle
from documents.filing import FILING_CONTENT, FILING_WITHOUT_MYNUMBER, case_summary, iso
from documents.income_items import income_items
from documents.models import Document
from documents.mynumber import mynumber_digest_view, mynumber_snapshot, requires_mynumber
from documents.rendering import DOCUMENT_LANGUAGE

Kind = Document.Kind
SNAPSHOT_VERSION = 1


class DocumentNotAvailable(ValueError):
    """This kind of document cannot be made for this case (yet)."""


@dataclass(frozen=True)
class Snapshot:
    template: str
    context: dict
    includes_mynumber: bool = False

    @property
    def sha256(self) -> str:
        context = dict(self.context)
        if "mynumber" in context:
            context["mynumber"] = mynumber_digest_view(context["mynumber"])
        canonical = json.dumps(
            {"template": self.template, "context": context},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


def _staff(user) -> str:
    return (user.display_name or user.username) if user else ""


def _office_phone(office) -> str:
    return office.phone if office else ""


def _case_part(case: Case) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "case_type": case.case_type,
        "case_type_label": case.type_label,
        "received_on": iso(case.received_on),
        "office": {"code": case.office.code, "name": case.office.name, "phone": _office_phone(case.office)},
    }


def case_part(case: Case) -> dict:
    """What every case document prints of the case (for builders registered by a type's module)."""
    return _case_part(case)


def city_part() -> dict:
    return _city()


def _city() -> dict:
    return {
        "name": settings.NENKIN_CITY_NAME,
        "section": getattr(settings, "NENKIN_SENDER_SECTION", "市民課"),
        "lg_code": settings.NENKIN_LG_CODE,
        "pension_office": settings.NENKIN_PENSION_OFFICE,
    }


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


def form_for_listing(case: Case) -> FilingForm:
    """The 機構 form a case is filed on; a type kept at the city is listed under its own name."""
    try:
        return filing_form_of(case)
    except CaseTypeNotRegistered:
        return FilingForm(str(case.case_type), case.type_label, case.type_label, case.type_label)


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
    return Snapshot("documents/pdf/income.html", context)


def _bundle_cases(bundle: SubmissionBundle) -> list[Case]:
    return [
        item.case
        for item in bundle.items.filter(live=True)
        .select_related("case__resident__pension", "case__office", *(f"case__{p}" for p in related_paths()))
        .order_by("case__number")
    ]


def _bundle_date(bundle: SubmissionBundle) -> str:
    moment = bundle.sealed_at or bundle.cutoff_at
    return iso(bundle.sent_on or timezone.localdate(moment))


def transmittal_snapshot(*, bundle: SubmissionBundle) -> Snapshot:
    counts: dict[str, dict] = {}
    for case in _bundle_cases(bundle):
        form = form_for_listing(case)
        line = counts.setdefault(form.code, {"code": form.code, "label": form.label, "count": 0})
        line["count"] += 1
        if case_summary(case).get("originals_separate"):
            line["originals_separate"] = True  # the paper originals travel separately
    lines = sorted(counts.values(), key=lambda line: line["code"])  # the data file's form-code order
    head = {"id": bundle.pk, "number": bundle.number, "date": _bundle_date(bundle)}
    if bundle.off_cycle:
        head["off_cycle"] = True  # 臨時送付 (施行規則9条の14日のため)
    context = {
        "version": SNAPSHOT_VERSION,
        "bundle": head,
        "city": _city(),
        "lines": lines,
        "total": sum(line["count"] for line in lines),
    }
    return Snapshot("documents/pdf/transmittal.html", context)


def bundle_list_snapshot(*, bundle: SubmissionBundle) -> Snapshot:
    rows, sections = [], {}
    for case in _bundle_cases(bundle):
        pension = getattr(case.resident, "pension", None)
        form = form_for_listing(case)
        summary = case_summary(case)
        row = {
            "number": case.number,
            "basic_pension_no": pension_no_display(pension.basic_pension_no if pension else ""),
            "name": case.resident.kanji_name,
            "kana": case.resident.kana_name,
            "form": form.short,
            "kinds": [kind["label"] for kind in summary["kinds"]],
            "received_on": iso(case.received_on),
            "office": case.office.name,
        }
        if summary.get("originals_separate"):
            row["originals_separate"] = True
        rows.append(row)
        # Each case type is a section of its own (免除・納付猶予, 障害基礎年金 …), in 届書種別 order.
        section = sections.setdefault(
            case.case_type, {"label": case.type_label, "code": form.code, "rows": []}
        )
        section["code"] = min(section["code"], form.code)
        section["rows"].append(row)
    ordered = sorted(sections.values(), key=lambda section: section["code"])
    context = {
        "version": SNAPSHOT_VERSION,
        "bundle": {"id": bundle.pk, "number": bundle.number, "date": _bundle_date(bundle)},
        "city": _city(),
        "rows": rows,
        "sections": ordered if len(ordered) > 1 else [],
    }
    return Snapshot("documents/pdf/bundle_list.html", context)


CASE_BUILDERS = {Kind.RECEIPT: receipt_snapshot, Kind.FILING: filing_snapshot, Kind.INCOME: income_snapshot}


def case_builder_register(kind: str, builder) -> None:
    """A case document of one type's own (e.g. the 障害基礎年金 referral slip), registered by its module."""
    CASE_BUILDERS[kind] = builder


BUNDLE_BUILDERS = {Kind.TRANSMITTAL: transmittal_snapshot, Kind.BUNDLE_LIST: bundle_list_snapshot}


def snapshot_build(
    *, kind: str, case: Case | None = None, bundle: SubmissionBundle | None = None
) -> Snapshot:
    # The labels a snapshot copies (kinds, roles, documents shown) must be the form's Japanese, not
    # the language of the screen the request came from.
    with translation.override(DOCUMENT_LANGUAGE):
        snapshot = _snapshot_build(kind=kind, case=case, bundle=bundle)
    if not snapshot.includes_mynumber and _text_holds_mynumber(snapshot.context):
        # Free text (備考, a reason, an address line) with a 12-digit number in it: the document is
        # treated as carrying a 個人番号, so only number-use staff print it and the 委託先 never does.
        snapshot = replace(snapshot, includes_mynumber=True)
    return snapshot


# Not text: the sealed 個人番号 part, and hashes (a hex digest can hold a run of 12 digits by chance).
_NOT_TEXT = frozenset({"mynumber", "sha256", "head", "lookup_hash", "ciphertext", "entry_hash"})


def _text_holds_mynumber(value) -> bool:
    """Whether any text in the snapshot (outside its sealed 個人番号 part and hashes) reads as a 個人番号."""
    if isinstance(value, str):
        return contains_mynumber_like(unicodedata.normalize("NFKC", value))
    if isinstance(value, dict):
        return any(_text_holds_mynumber(item) for key, item in value.items() if key not in _NOT_TEXT)
    if isinstance(value, list | tuple):
        return any(_text_holds_mynumber(item) for item in value)
    return False


def _snapshot_build(*, kind: str, case: Case | None, bundle: SubmissionBundle | None) -> Snapshot:
    if case is not None and kind == Kind.DISCLOSURE:
        from documents.disclosure import disclosure_snapshot  # it builds on this module's parts

        return disclosure_snapshot(case=case)
    if case is not None and kind in CASE_BUILDERS:
        return CASE_BUILDERS[kind](case=case)
    if bundle is not None and kind in BUNDLE_BUILDERS:
        return BUNDLE_BUILDERS[kind](bundle=bundle)
    raise DocumentNotAvailable(f"帳票「{Document.Kind(kind).label}」はこの対象には作成できません。")


def case_document_kinds(case: Case) -> list[str]:
    """The documents a case can have, in the order the case page lists them (its type's spec)."""
    return casetype_spec(case.case_type).document_kinds(case)
