"""訂正請求: which values a correction may change (correction_targets.py), checking a proposed one, and
applying an approved one with its history.

Only the pension desk's own records are correctable here. 宛名情報 comes from the 住民記録 and 所得情報
from the tax records: a local edit would be overwritten by the next import, so those are corrected at
their source (the handler refuses with that reason and refers the requester there). The 基礎年金番号 is
issued by 機構 and is corrected there for the same reason.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.fields import WarekiDateField
from cases.common.texts import text_json
from cases.kernel.models import Case, CaseEvent
from cases.kernel.services import case_event_record
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.pension import PensionRecord
from cases.registry.models.residents import Resident
from cases.requests import texts
from cases.requests.correction_targets import CORRECTABLE, _coded, value_display, value_text
from cases.requests.correction_targets import correction_targets as correction_targets  # re-exported
from cases.security.models.users import User


def _instance(resident: Resident, record: str) -> models.Model:
    kind, __, pk = record.partition(":")
    if kind not in CORRECTABLE:
        raise ValidationError({"target": _("訂正できない記録です。")})
    model = CORRECTABLE[kind][0]
    try:
        if kind == "pension":
            return PensionRecord.objects.get(resident=resident)
        return model.objects.get(pk=int(pk), pension__resident=resident)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise ValidationError({"target": _("訂正する記録が見つかりません。")}) from exc


def _field(record: str, name: str) -> models.Field:
    model, _label, names = CORRECTABLE[record.split(":", 1)[0]]
    if name not in names:
        raise ValidationError({"target": _("この項目は訂正できません。")})
    return model._meta.get_field(name)


def _parse(field: models.Field, text: str):
    """The typed value as the model stores it; raises ValidationError({"new_value": …})."""
    text = (text or "").strip()
    if not text:
        if field.null or field.blank:
            return None if field.null else ""
        raise ValidationError(
            {"new_value": _("%(field)sは空欄にできません。") % {"field": field.verbose_name}}
        )
    if field.choices:
        choices = dict(field.flatchoices)
        for code, label in choices.items():
            if text in (str(code), str(label)):
                return code
        listed = "、".join(_coded(code, label) for code, label in choices.items() if code != "")
        raise ValidationError(
            {
                "new_value": _("%(field)sは次のいずれかで入力してください: %(choices)s")
                % {"field": field.verbose_name, "choices": listed}
            }
        )
    if isinstance(field, models.DateField):
        try:
            day = WarekiDateField().clean(text)
        except ValidationError as exc:
            raise ValidationError({"new_value": exc.messages}) from exc
        if _past_only(field.name) and day > timezone.localdate():
            # A filing or a receipt has happened (令和15年 was taken as a 届出日; exploratory test
            # 2026-12-05); a loss or an exemption's end may still be ahead and is not refused.
            raise ValidationError(
                {"new_value": _("%(field)sは今日以前の日付にしてください。") % {"field": field.verbose_name}}
            )
        return day
    if field.max_length and len(text) > field.max_length:
        raise ValidationError(
            {"new_value": _("%(max_length)s文字以内で入力してください。") % {"max_length": field.max_length}}
        )
    return text


def _past_only(name: str) -> bool:
    """Dates of something that has happened: a 届出 made, an application received."""
    return name.endswith("_filed_on") or name == "received_on"


def _stored(value) -> str:
    """The corrected value as kept on the request until approval: ISO for dates, codes for choices."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _check(instance: models.Model, field: models.Field, value) -> None:
    setattr(instance, field.name, value)
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise ValidationError({"new_value": exc.messages}) from exc


def correction_prepare(*, resident: Resident, record: str, field: str, new_value: str) -> dict:
    """Validates a proposed correction (対応) without changing anything. Returns the request's
    correction fields."""
    instance = _instance(resident, record)
    model_field = _field(record, field)
    value = _parse(model_field, new_value)
    current = getattr(instance, field)
    if value == current:
        raise ValidationError({"new_value": _("現在の値と同じです。訂正後の値を入力してください。")})
    _check(instance, model_field, value)
    # Kept on the request and, once approved, in the history: as words in the installation's language
    # (the documents print them; the 決裁 compares the old value) and as sentences the screens word.
    with translation.override(settings.LANGUAGE_CODE):
        target = next(
            target
            for _group, targets in correction_targets(resident=resident)
            for target in targets
            if target.record == record and target.field == field
        )
        old_display = value_display(model_field, current)
    return {
        "correction_record": record,
        "correction_field": field,
        "correction_label": target.written,
        "correction_old_value": old_display,
        "correction_new_value": _stored(value),
        "correction_label_text": target.label_text.as_json(),
        "correction_old_value_text": text_json(value_text(model_field, current)),
        "correction_new_value_text": text_json(value_text(model_field, value)),
    }


@transaction.atomic
def correction_apply(*, case: Case, actor: User) -> RecordCorrection:
    """Applies the correction approved at 決裁 and records old → new. Refuses when the value changed
    after 対応 (someone else corrected it meanwhile): the approver would be approving a stale diff."""
    request = case.resident_request
    record, name = request.correction_record, request.correction_field
    instance = _instance(case.resident, record)
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    model_field = _field(record, name)
    current = getattr(instance, name)
    with translation.override(settings.LANGUAGE_CODE):  # compared with, and kept like, the 対応's
        old = value_display(model_field, current)
    if old != request.correction_old_value:
        raise ValidationError(
            _(
                "対応の後に「%(label)s」の値が変わりました (現在: %(current)s)。"
                "差し戻して対応をやり直してください。"
            )
            # the value as it stands, in the reader's language (as the 対応 screen shows it)
            % {"label": request.correction_label_shown, "current": value_display(model_field, current)}
        )
    value = _parse(model_field, request.correction_new_value)
    _check(instance, model_field, value)
    instance.save()
    with translation.override(settings.LANGUAGE_CODE):
        new = value_display(model_field, value)
    old_said, new_said = value_text(model_field, current), value_text(model_field, value)
    correction = RecordCorrection.objects.create(
        case=case,
        resident=case.resident,
        record=record,
        field=name,
        label=request.correction_label,
        old_value=old,
        new_value=new,
        label_text=request.correction_label_text,
        old_value_text=text_json(old_said),
        new_value_text=text_json(new_said),
        applied_by=actor,
    )
    case_event_record(
        case=case,
        actor=actor,
        action=CaseEvent.Action.CORRECTED,
        text=texts.CORRECTED(
            field=request.correction_label_text or request.correction_label, old=old_said, new=new_said
        ),
    )
    return correction
