"""開示請求 報告書: everything held on one person, snapshotted when the supervisor produces it.

宛名情報 and its history, 年金基本情報, 資格情報, 付加年金, 免除情報, 所得情報 (each 賦課年度), corrections,
the person's cases with their timelines, the documents issued on those cases and the access-log
entries about the person. The 個人番号 is printed only after a supervisor approved it on the request
case; otherwise the report says it is held and masks it.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from cases.common.identifiers.pension_no import pension_no_display
from cases.exemption.models import ExemptionApplication
from cases.kernel.models import Case, CaseEvent
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber, PensionRecord
from cases.registry.models.residents import Resident, ResidentHistory
from cases.security.audit_present import PREFIX_LABELS, TARGET_LABELS
from cases.security.audit_purposes import audit_purpose_show
from cases.security.models.audit import AuditEntry
from cases.security.models.offices import Office
from documents.filing import iso
from documents.income_items import income_items
from documents.models import Document
from documents.mynumber import mynumber_snapshot
from documents.rendering import DOCUMENT_LANGUAGE
from documents.snapshots import SNAPSHOT_VERSION, Snapshot, _case_part, _city, _staff

TEMPLATE = "documents/pdf/disclosure.html"
# A person's access log can be long; the report prints this many (newest) and says how many more.
ACCESS_LOG_LIMIT = 5000
_RESIDENT_SKIPPED = {
    "id",
    "kana_search",
    "kanji_search",
    "row_digest",
    "line_digest",
    "created_at",
    "updated_at",
}
_RESIDENT_SKIPPED |= {"use_suspended_case"}


def _value(field: models.Field, value):
    """JSON-safe and printable: choice codes become labels, dates ISO, booleans はい/いいえ."""
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "はい" if value else "いいえ"
    if isinstance(field, models.DateField):
        return iso(value)
    return value


def _rows(instance: models.Model, names: tuple[str, ...]) -> dict:
    return {name: _value(instance._meta.get_field(name), getattr(instance, name)) for name in names}


def _items(model: type[models.Model], values: dict, skipped: set[str]) -> list[dict]:
    items = []
    for field in model._meta.concrete_fields:
        if field.name in skipped or field.name not in values:
            continue
        raw = values[field.name]
        shown = str(dict(field.flatchoices).get(raw, raw)) if field.choices and raw not in (None, "") else raw
        if isinstance(field, models.BooleanField):
            shown = "はい" if raw else "いいえ"
        items.append(
            {
                "label": str(field.verbose_name),
                "value": "" if shown is None else shown,
                "date": isinstance(field, models.DateField),
            }
        )
    return items


def _person(resident: Resident) -> dict:
    values = {
        field.name: getattr(resident, field.name)
        for field in Resident._meta.concrete_fields
        if field.name not in _RESIDENT_SKIPPED
    }
    values = {name: iso(value) if hasattr(value, "isoformat") else value for name, value in values.items()}
    return {
        "atena_no": resident.atena_no,
        "name": resident.kanji_name,
        "kana": resident.kana_name,
        "items": [item for item in _items(Resident, values, _RESIDENT_SKIPPED) if item["value"] != ""],
        "use_suspended_on": iso(resident.use_suspended_on),
    }


def _history(resident: Resident) -> list[dict]:
    return [
        {
            "recorded_at": timezone.localtime(row.recorded_at).isoformat(timespec="minutes"),
            "changed_on": iso(row.changed_on),
            "reason": row.get_change_reason_display() if row.change_reason else "",
            "items": [
                item
                for item in _items(Resident, row.snapshot, _RESIDENT_SKIPPED)
                if item["value"] not in ("", None)
            ],
        }
        for row in ResidentHistory.objects.filter(resident=resident).order_by("recorded_at", "id")
    ]


def _mynumber(case: Case, approved: bool) -> tuple[str, dict | None]:
    record = MyNumber.objects.filter(resident_id=case.resident_id).first()
    if record is None or (not record.ciphertext and not record.purged_at):
        return "none", None
    if record.purged_at or not record.ciphertext:
        return "purged", None
    if not approved:
        return "masked", None
    return "included", mynumber_snapshot(case)


def _pension(resident: Resident) -> dict | None:
    pension = PensionRecord.objects.filter(resident=resident).first()
    if pension is None:
        return None
    return {
        "basic_pension_no": pension_no_display(pension.basic_pension_no),
        **_rows(pension, ("phone", "old_pension_no", "special_notes")),
        "qualifications": [
            _rows(row, ("insured_kind", "acquired_on", "acquired_filed_on", "acquired_reason"))
            | _rows(row, ("lost_on", "lost_filed_on", "lost_reason", "elderly_voluntary"))
            for row in pension.qualifications.order_by("acquired_on", "id")
        ],
        "additional": [
            _rows(row, ("kind", "joined_on", "joined_filed_on", "left_on", "left_filed_on"))
            for row in pension.additional.order_by("joined_on", "id")
        ],
        "exemptions": [
            _rows(row, ("reference_no", "received_on", "kind", "start_on", "end_on", "reason", "end_reason"))
            | _rows(row, ("sent_on", "decision", "decided_on", "is_statutory", "statutory_code"))
            for row in pension.exemptions.order_by("start_on", "id")
        ],
    }


def _incomes(resident: Resident) -> list[dict]:
    records = IncomeRecord.objects.filter(personal_code=resident.atena_no).order_by("tax_year")
    return [
        {
            "tax_year": record.tax_year,
            "revised_on": iso(record.revised_on),
            "items": income_items(
                {f.name: getattr(record, f.name) for f in IncomeRecord._meta.concrete_fields}
            ),
        }
        for record in records
    ]


def _events(case: Case) -> list[dict]:
    return [
        {
            "at": timezone.localtime(event.at).isoformat(timespec="minutes"),
            "action": event.get_action_display(),
            "from_stage": event.get_from_stage_display() if event.from_stage else "",
            "to_stage": event.get_to_stage_display() if event.to_stage else "",
            "office": event.office.name if event.office else "",
            "comment": event.text,  # worded in Japanese: documents render in Japanese
        }
        for event in CaseEvent.objects.filter(case=case).select_related("office").order_by("at", "id")
    ]


def _cases(resident: Resident) -> list[dict]:
    cases = Case.objects.filter(resident=resident).select_related("office").order_by("received_on", "id")
    return [
        {
            "number": case.number,
            "case_type": case.type_label,
            "stage": case.get_stage_display(),
            "received_on": iso(case.received_on),
            "office": case.office.name,
            "closed_at": iso(timezone.localdate(case.closed_at)) if case.closed_at else "",
            "events": _events(case),
        }
        for case in cases
    ]


def _related_cases(resident: Resident) -> list[dict]:
    """Other people's applications that name this person (spouse, 世帯主): their income was attached."""
    applications = (
        ExemptionApplication.objects.filter(Q(spouse=resident) | Q(householder=resident))
        .exclude(case__resident=resident)
        .select_related("case")
        .order_by("case__received_on", "case_id")
    )
    return [
        {
            "number": application.case.number,
            "case_type": application.case.type_label,
            "received_on": iso(application.case.received_on),
            "role": "配偶者" if application.spouse_id == resident.pk else "世帯主",
        }
        for application in applications
    ]


def _documents(resident: Resident) -> list[dict]:
    documents = (
        Document.objects.filter(case__resident=resident)
        .exclude(sha256="")  # requested but never rendered: not issued
        .select_related("case")
        .order_by("requested_at", "id")
    )
    return [
        {
            "id": document.pk,
            "kind": document.get_kind_display(),
            "case": document.case.number,
            "requested_on": iso(timezone.localdate(document.requested_at)),
            "rendered_on": iso(timezone.localdate(document.rendered_at)) if document.rendered_at else "",
            "sha256": document.sha256,
            "status": document.get_status_display(),
            "superseded": document.superseded_at is not None,
            "includes_mynumber": document.includes_mynumber,
        }
        for document in documents
    ]


_TARGETS = {
    "case": "案件の画面",
    "resident": "宛名・年金記録の画面",
    "intake": "受付の画面",
    "intake_request": "請求の受付の画面",
    "intake_disability": "障害基礎年金の請求の受付の画面",
    "mynumber_search": "個人番号による検索",
    "mynumber_reveal": "個人番号の表示",
    "disclosure_mynumber_approval": "開示報告書への個人番号の記載の承認",
    "retention": "保存期限の経過による消去",
}


def _target_label(target: str) -> str:
    """The log's internal target names, in words the requester can read."""
    if target in _TARGETS:
        return _TARGETS[target]
    prefix, _, rest = target.partition(":")
    if prefix in ("document", "document_preview") and rest in Document.Kind.values:
        suffix = " (プレビュー)" if prefix == "document_preview" else ""
        return f"帳票「{Document.Kind(rest).label}」{suffix}"
    prefixes = {"task": "作業の画面", "bundle": "日本年金機構への送付", "results": "処理結果の取込"}
    prefixes["discrepancy"] = "処理結果との突合"
    if prefix in prefixes:
        return prefixes[prefix]
    # Anything else in the auditor's words, without its internal id; never a code (the report is the
    # requester's: 「resident_search」 reached one before these fell back on the auditor's list).
    with translation.override(DOCUMENT_LANGUAGE):
        if target in TARGET_LABELS:
            return gettext(TARGET_LABELS[target])
        if prefix in PREFIX_LABELS:
            return gettext(PREFIX_LABELS[prefix])
    return "その他の操作"


def _purpose(entry: AuditEntry) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return audit_purpose_show(entry.target, entry.purpose)


def _access_log(resident: Resident) -> tuple[list[dict], int]:
    # Staff user IDs and source addresses are left out: they serve the city's security, not the
    # requester, and printing them would help someone target an account (不開示情報).
    entries = AuditEntry.objects.filter(resident_id=resident.pk)
    total = entries.count()
    offices = dict(Office.objects.values_list("code", "name"))
    rows = [
        {
            "id": entry.pk,
            "at": timezone.localtime(entry.at).isoformat(timespec="seconds"),
            "office": offices.get(entry.office_code, entry.office_code),
            "action": entry.get_action_display(),
            "target": _target_label(entry.target),
            # In the document's words: the list's purposes in Japanese, an old English one as kept today.
            "purpose": _purpose(entry),
            "case_id": entry.case_id,
        }
        for entry in entries.order_by("-id")[:ACCESS_LOG_LIMIT]
    ]
    rows.reverse()
    return rows, total


def _corrections(resident: Resident) -> list[dict]:
    return [
        {
            "at": timezone.localtime(row.applied_at).isoformat(timespec="minutes"),
            "case": row.case.number,
            "label": row.label,
            "old": row.old_value,
            "new": row.new_value,
        }
        for row in RecordCorrection.objects.filter(resident=resident).select_related("case")
    ]


def disclosure_snapshot(*, case: Case) -> Snapshot:
    resident = case.resident
    request = case.resident_request
    state, mynumber = _mynumber(case, request.mynumber_approved)
    access_log, access_total = _access_log(resident)
    context = {
        "version": SNAPSHOT_VERSION,
        "case": _case_part(case),
        "city": _city(),
        "request": {
            "requester": case.counter.get_requester_display(),
            "agent_name": case.counter.agent_name,
            "agent_relationship": case.counter.agent_relationship,
            "content": request.content,
            "mynumber_approved_by": _staff(request.mynumber_approved_by),
            "mynumber_approved_on": (
                iso(timezone.localdate(request.mynumber_approved_at)) if request.mynumber_approved_at else ""
            ),
        },
        "as_of": timezone.localtime().isoformat(timespec="minutes"),
        "person": _person(resident),
        "history": _history(resident),
        "mynumber_state": state,
        "pension": _pension(resident),
        "incomes": _incomes(resident),
        "corrections": _corrections(resident),
        "cases": _cases(resident),
        "related_cases": _related_cases(resident),
        "documents": _documents(resident),
        "access_log": access_log,
        "access_total": access_total,
        "access_omitted": max(access_total - len(access_log), 0),
    }
    if mynumber is not None:
        context["mynumber"] = mynumber
    return Snapshot(TEMPLATE, context, includes_mynumber=state == "included" and mynumber["registered"])
