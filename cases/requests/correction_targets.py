"""訂正請求's targets: which records and values a correction may change (CORRECTABLE), and how a value
is shown (cases/requests/corrections.py prepares and applies a correction)."""

import datetime as dt
from dataclasses import dataclass

from django.db import models

from cases.common.identifiers.wareki import format_wareki
from cases.registry.models.pension import AdditionalPension, Exemption, PensionRecord, Qualification
from cases.registry.models.residents import Resident

# record kind → (model, record label, correctable fields)
CORRECTABLE: dict[str, tuple[type[models.Model], str, tuple[str, ...]]] = {
    "pension": (PensionRecord, "年金基本情報", ("phone", "old_pension_no", "special_notes")),
    "qualification": (
        Qualification,
        "資格情報",
        (
            "insured_kind",
            "acquired_on",
            "acquired_filed_on",
            "acquired_reason",
            "lost_on",
            "lost_filed_on",
            "lost_reason",
        ),
    ),
    "additional": (
        AdditionalPension,
        "付加年金情報",
        ("kind", "joined_on", "joined_filed_on", "left_on", "left_filed_on"),
    ),
    "exemption": (
        Exemption,
        "免除情報",
        ("received_on", "kind", "start_on", "reason", "end_on", "end_reason"),
    ),
}
EMPTY = "(空欄)"


@dataclass(frozen=True)
class CorrectionTarget:
    record: str  # "pension" or "<kind>:<id>"
    field: str
    label: str
    current: str

    @property
    def key(self) -> str:
        return f"{self.record}|{self.field}"


def _coded(code, label) -> str:
    # A numbered code is the forms' own (被保険者種別 1) and is shown with its label; a word code
    # (maternity) is internal, and the label alone says it.
    return f"{code} {label}".strip() if str(code).isdigit() or not label else str(label)


def value_display(field: models.Field, value) -> str:
    if value in (None, ""):
        return EMPTY
    if field.choices:
        return _coded(value, dict(field.flatchoices).get(value, ""))
    if isinstance(value, dt.date):
        return f"{value.isoformat()} ({format_wareki(value)})"
    return str(value)


def _records(resident: Resident) -> list[tuple[str, str, models.Model]]:
    """(record key, label, instance) of every correctable record of this person."""
    pension = PensionRecord.objects.filter(resident=resident).first()
    if pension is None:
        return []
    found = [("pension", "年金基本情報", pension)]
    for row in pension.qualifications.order_by("acquired_on", "id"):
        found.append((f"qualification:{row.pk}", f"資格情報 ({row})", row))
    for row in pension.additional.order_by("joined_on", "id"):
        found.append((f"additional:{row.pk}", f"付加年金情報 ({row})", row))
    for row in pension.exemptions.order_by("start_on", "id"):
        found.append((f"exemption:{row.pk}", f"免除情報 ({row.reference_no} {row.get_kind_display()})", row))
    return found


def correction_targets(*, resident: Resident) -> list[tuple[str, list[CorrectionTarget]]]:
    """For the 対応 screen: each record with its correctable fields and their current values."""
    groups = []
    for record, label, instance in _records(resident):
        model, _record_label, names = CORRECTABLE[record.split(":", 1)[0]]
        targets = []
        for name in names:
            field = model._meta.get_field(name)
            targets.append(
                CorrectionTarget(
                    record=record,
                    field=name,
                    label=f"{label}: {field.verbose_name}",
                    current=value_display(field, getattr(instance, name)),
                )
            )
        groups.append((label, targets))
    return groups
