"""開示請求 報告書: the person's own records — 宛名情報 and its history, 年金基本情報 with 資格・付加・免除,
所得情報 and corrections — as printable rows (documents/disclosure.py puts them in the snapshot)."""

from django.db import models
from django.utils import timezone

from cases.common.identifiers.pension_no import pension_no_display
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import PensionRecord
from cases.registry.models.residents import Resident, ResidentHistory
from documents.filing import iso
from documents.income_items import income_items

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
