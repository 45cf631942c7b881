"""訂正請求's targets: which records and values a correction may change (CORRECTABLE), and how a value
is shown (cases/requests/corrections.py prepares and applies a correction)."""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy

from cases.common.date_display import date_show
from cases.common.identifiers.no_such_date import screen_is_japanese
from cases.common.identifiers.wareki import format_wareki
from cases.common.texts import Text
from cases.registry.models.pension import AdditionalPension, Exemption, PensionRecord, Qualification
from cases.registry.models.residents import Resident
from cases.requests import texts

# record kind → (model, record label, correctable fields). The label is the model's own verbose name
# (lazy), so a screen words it in its language; the stored Japanese words are its message id.
CORRECTABLE: dict[str, tuple[type[models.Model], object, tuple[str, ...]]] = {
    "pension": (
        PensionRecord,
        PensionRecord._meta.verbose_name,
        ("phone", "old_pension_no", "special_notes"),
    ),
    "qualification": (
        Qualification,
        Qualification._meta.verbose_name,
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
        AdditionalPension._meta.verbose_name,
        ("kind", "joined_on", "joined_filed_on", "left_on", "left_filed_on"),
    ),
    "exemption": (
        Exemption,
        Exemption._meta.verbose_name,
        ("received_on", "kind", "start_on", "reason", "end_on", "end_reason"),
    ),
}
EMPTY = gettext_lazy("(空欄)")


@dataclass(frozen=True)
class CorrectionTarget:
    record: str  # "pension" or "<kind>:<id>"
    field: str
    label: str  # label_text worded in the screen's language
    current: str
    label_text: Text
    # The words kept beside label_text (correction_prepare words them in the installation's language): a
    # row's period with ISO dates, which the disclosure report prints and migration 0060 reads back.
    written: str = ""

    @property
    def key(self) -> str:
        return f"{self.record}|{self.field}"


def _coded(code, label) -> str:
    # A numbered code is the forms' own (被保険者種別 1) and is shown with its label; a word code
    # (maternity) is internal, and the label alone says it.
    return f"{code} {label}".strip() if str(code).isdigit() or not label else str(label)


def value_display(field: models.Field, value) -> str:
    """A value in the active language: the words kept on the request and the history (written under the
    installation's language, Japanese), or the 対応 screen's current values in the reader's."""
    if value in (None, ""):
        return str(EMPTY)
    if field.choices:
        return _coded(value, dict(field.flatchoices).get(value, ""))
    if isinstance(value, dt.date):
        if not screen_is_japanese():
            return date_show(value)  # as every date on an English screen: the ISO date and its era year
        return f"{value.isoformat()} ({format_wareki(value)})"
    return str(value)


def value_text(field: models.Field, value) -> Text | str:
    """A value as a sentence worded when shown (a code's label, a date, blank), or — the person's own
    data — the value as written. In Japanese it reads as value_display, except a date (as on screen)."""
    if value in (None, ""):
        return texts.CORRECTION_EMPTY()
    if field.choices:
        label = dict(field.flatchoices).get(value)  # lazy: stored as its message id
        if not label:
            return str(value)
        if str(value).isdigit():
            return texts.CORRECTION_CODED(code=str(value), label=label)
        return texts.CORRECTION_CHOICE(label=label)
    if isinstance(value, dt.date):
        return texts.CORRECTION_DATE(date=value)
    return str(value)


def _kind(row: models.Model, name: str):
    """A row's code as its lazy choice label (stored as its message id, worded when shown)."""
    return dict(type(row)._meta.get_field(name).flatchoices).get(getattr(row, name), getattr(row, name))


def _period(row: models.Model, kind: str, start: str, end: str) -> tuple[Text, str]:
    """A row's kind and period as a sentence (its dates shown as every date on screen: 和暦) and as the
    Japanese words kept beside it, as the rows' __str__: 「第1号被保険者 2015-06-14〜」."""
    sentence = texts.CORRECTION_ROW_PERIOD(
        kind=_kind(row, kind), start=str(getattr(row, start)), end=str(getattr(row, end) or "")
    )
    said = sentence.params  # the kind is stored as its Japanese message id, the dates ISO
    return sentence, f"{said['kind']} {said['start']}〜{said['end']}"


def _row(record: type[models.Model], row_text: Text | str) -> Text:
    return texts.CORRECTION_RECORD_ROW(record=record._meta.verbose_name, row=row_text)


def _records(resident: Resident) -> list[tuple[str, Text | object, Text | object, models.Model]]:
    """(record key, label, the label's kept words, instance) of every correctable record of this person;
    the label is a lazy verbose name or a sentence, worded when shown; its kept words differ in a row's
    period (ISO dates, _period)."""
    pension = PensionRecord.objects.filter(resident=resident).first()
    if pension is None:
        return []
    found: list = [("pension", PensionRecord._meta.verbose_name, PensionRecord._meta.verbose_name, pension)]
    for row in pension.qualifications.order_by("acquired_on", "id"):
        row_text, words = _period(row, "insured_kind", "acquired_on", "lost_on")
        found.append(
            (f"qualification:{row.pk}", _row(Qualification, row_text), _row(Qualification, words), row)
        )
    for row in pension.additional.order_by("joined_on", "id"):
        row_text, words = _period(row, "kind", "joined_on", "left_on")
        label, kept = _row(AdditionalPension, row_text), _row(AdditionalPension, words)
        found.append((f"additional:{row.pk}", label, kept, row))
    for row in pension.exemptions.order_by("start_on", "id"):
        label = _row(
            Exemption, texts.CORRECTION_ROW_NUMBERED(number=row.reference_no, kind=_kind(row, "kind"))
        )
        found.append((f"exemption:{row.pk}", label, label, row))
    return found


def correction_targets(*, resident: Resident) -> list[tuple[str, list[CorrectionTarget]]]:
    """For the 対応 screen: each record with its correctable fields and their current values."""
    groups = []
    for record, label, kept, instance in _records(resident):
        model, _record_label, names = CORRECTABLE[record.split(":", 1)[0]]
        targets = []
        for name in names:
            field = model._meta.get_field(name)
            label_text = texts.CORRECTION_FIELD(record=label, field=field.verbose_name)
            targets.append(
                CorrectionTarget(
                    record=record,
                    field=name,
                    label=label_text.render(),
                    current=value_display(field, getattr(instance, name)),
                    label_text=label_text,
                    written=texts.CORRECTION_FIELD(record=kept, field=field.verbose_name).render(),
                )
            )
        groups.append((str(label), targets))
    return groups
