"""訂正請求: the corrected record and field, and a value that is a code's label, a date or blank, kept as the
system's sentences (cases/common/texts.py, cases/requests/texts.py) beside the Japanese words, so that
screens word them in each reader's language. The rows written before get the sentences where their
words can be read back (the record and field codes are on the row; a choice's words name its code); a
value that is the person's own data, and words that cannot be read back, stay {} and show as written."""

import re

from django.core.exceptions import FieldDoesNotExist
from django.db import migrations, models

# record kind → (model, its label) as cases/requests/correction_targets.py wrote them
GROUPS = {
    "pension": ("PensionRecord", "年金基本情報"),
    "qualification": ("Qualification", "資格情報"),
    "additional": ("AdditionalPension", "付加年金情報"),
    "exemption": ("Exemption", "免除情報"),
}
# record kind → the fields a correction could change (CORRECTABLE), to read an event's label back
FIELDS = {
    "pension": ("phone", "old_pension_no", "special_notes"),
    "qualification": (
        "insured_kind",
        "acquired_on",
        "acquired_filed_on",
        "acquired_reason",
        "lost_on",
        "lost_filed_on",
        "lost_reason",
    ),
    "additional": ("kind", "joined_on", "joined_filed_on", "left_on", "left_filed_on"),
    "exemption": ("received_on", "kind", "start_on", "reason", "end_on", "end_reason"),
}
ROW_KIND = {"qualification": "insured_kind", "additional": "kind", "exemption": "kind"}
PERIOD = re.compile(r"^(?P<kind>\S+) (?P<start>\d{4}-\d{2}-\d{2})〜(?P<end>(\d{4}-\d{2}-\d{2})?)$")
DATE_WRITTEN = re.compile(r"^(\d{4}-\d{2}-\d{2}) \(")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMPTY_WRITTEN = "(空欄)"


def _text(text_code: str, /, **params) -> dict:
    return {"code": text_code, "params": params}


def _choice(field, code) -> dict:
    label = dict(field.flatchoices).get(code)
    if code in ("", None) or not label:
        return {}
    if str(code).isdigit():
        return _text("correction_value_coded", code=str(code), label=str(label))
    return _text("correction_value_choice", label=str(label))


def _written_value(field, written: str) -> dict:
    """The sentence for a value as value_display wrote it, or {} (the person's own data, or unknown)."""
    if written == EMPTY_WRITTEN:
        return _text("correction_value_empty")
    if field.choices:
        for code, label in field.flatchoices:
            if code not in ("", None) and written in (f"{code} {label}", str(label)):
                return _choice(field, code)
        return {}
    if isinstance(field, models.DateField):
        day = DATE_WRITTEN.match(written)
        return _text("correction_value_date", date=day.group(1)) if day else {}
    return {}


def _stored_value(field, stored: str) -> dict:
    """The sentence for a request's new value as kept until approval (a code, an ISO date), or {}."""
    if stored == "":
        return _text("correction_value_empty")
    if field.choices:
        return _choice(field, stored)
    if isinstance(field, models.DateField):
        return _text("correction_value_date", date=stored) if ISO.match(stored) else {}
    return {}


def _row(model, kind: str, written: str):
    labels = {str(label) for __, label in model._meta.get_field(ROW_KIND[kind]).flatchoices}
    if kind == "exemption":
        number, __, label = written.partition(" ")
        if label in labels:
            return _text("correction_row_numbered", number=number, kind=label)
        return written
    period = PERIOD.match(written)
    if period and period["kind"] in labels:
        return _text("correction_row_period", kind=period["kind"], start=period["start"], end=period["end"])
    return written


def _label(model, kind: str, field, written: str) -> dict:
    suffix = f": {field.verbose_name}"
    if not written.endswith(suffix):
        return {}
    record, group = written[: -len(suffix)], GROUPS[kind][1]
    if kind == "pension":
        if record != group:
            return {}
        shown = group
    else:
        if not (record.startswith(f"{group} (") and record.endswith(")")):
            return {}
        shown = _text(
            "correction_record_row", record=group, row=_row(model, kind, record[len(group) + 2 : -1])
        )
    return _text("correction_field", record=shown, field=str(field.verbose_name))


def _target(apps, record: str, name: str):
    kind = record.split(":", 1)[0]
    if kind not in GROUPS:
        return None, None, None
    model = apps.get_model("cases", GROUPS[kind][0])
    try:
        return kind, model, model._meta.get_field(name)
    except FieldDoesNotExist:
        return None, None, None


def _typed_value(field, typed: str) -> dict:
    """The 対応's timeline kept the new value as the clerk typed it: a code or its label, an ISO date."""
    if field.choices:
        for code, label in field.flatchoices:
            if code not in ("", None) and typed in (str(code), str(label)):
                return _choice(field, code)
        return {}
    return _stored_value(field, typed) if typed else {}


def _event_target(apps, written: str):
    """(field, label sentence) of an event's label as the code wrote it, or (None, {})."""
    for kind, names in FIELDS.items():
        if not written.startswith(GROUPS[kind][1]):
            continue
        model = apps.get_model("cases", GROUPS[kind][0])
        for name in names:
            field = model._meta.get_field(name)
            said = _label(model, kind, field, written)
            if said:
                return field, said
    return None, {}


def _events(apps) -> None:
    """The timeline's 訂正 sentences (codes request_correct, corrected): their label and values."""
    CaseEvent = apps.get_model("cases", "CaseEvent")
    changed = []
    for event in CaseEvent.objects.filter(text_code__in=("request_correct", "corrected")):
        params = dict(event.text_params or {})
        if not isinstance(params.get("field"), str):
            continue
        field, said = _event_target(apps, params["field"])
        if field is None:
            continue
        params["field"] = said
        new = _typed_value if event.text_code == "request_correct" else _written_value
        for name, read in (("old", _written_value), ("new", new)):
            if isinstance(params.get(name), str) and read(field, params[name]):
                params[name] = read(field, params[name])
        event.text_params = params
        changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["text_params"], batch_size=1000)


def words_to_sentences(apps, schema_editor):
    for row in apps.get_model("cases", "RecordCorrection").objects.all():
        kind, model, field = _target(apps, row.record, row.field)
        if field is None:
            continue
        row.label_text = _label(model, kind, field, row.label)
        row.old_value_text = _written_value(field, row.old_value)
        row.new_value_text = _written_value(field, row.new_value)
        row.save(update_fields=["label_text", "old_value_text", "new_value_text"])
    for row in apps.get_model("cases", "ResidentRequest").objects.exclude(correction_label=""):
        kind, model, field = _target(apps, row.correction_record, row.correction_field)
        if field is None:
            continue
        row.correction_label_text = _label(model, kind, field, row.correction_label)
        row.correction_old_value_text = _written_value(field, row.correction_old_value)
        row.correction_new_value_text = _stored_value(field, row.correction_new_value)
        row.save(
            update_fields=["correction_label_text", "correction_old_value_text", "correction_new_value_text"]
        )
    _events(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0059_checklist_note_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="recordcorrection",
            name="label_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="記録・項目 (文)"),
        ),
        migrations.AddField(
            model_name="recordcorrection",
            name="new_value_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="訂正後 (文)"),
        ),
        migrations.AddField(
            model_name="recordcorrection",
            name="old_value_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="訂正前 (文)"),
        ),
        migrations.AddField(
            model_name="residentrequest",
            name="correction_label_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="訂正する記録・項目 (文)"),
        ),
        migrations.AddField(
            model_name="residentrequest",
            name="correction_new_value_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="訂正後の値 (文)"),
        ),
        migrations.AddField(
            model_name="residentrequest",
            name="correction_old_value_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="訂正前の値 (文)"),
        ),
        migrations.RunPython(words_to_sentences, migrations.RunPython.noop),
    ]
