"""A 勧奨 list row's reason was kept as a sentence in the language of the clerk who imported the list; it
is now kept as a Text (QualificationListRow.reason_text, cases/qualification/texts.py ROW_*) worded for
each reader. This turns the sentences on file back into Texts by matching each against every reason's
wording in Japanese and English (the catalogue's words). One that matches none stays in `reason`, shown
as written.

The message ids are copied here as cases/qualification/texts.py has them now."""

import re

from django.db import migrations, models
from django.utils import translation

LANGUAGES = ("ja", "en")
# text code → message id; each parameter is said by its placeholder: %(x)d a number, %(x)s as written
REASONS = {
    "qualification_row_no_pension_no": "基礎年金番号 %(no)s の住民がいません",
    "qualification_row_no_atena_no": "宛名番号 %(no)s の住民がいません",
    "qualification_row_no_name": "カナ氏名と生年月日が一致する住民がいません",
    "qualification_row_many_names": "カナ氏名と生年月日が一致する住民が%(count)d人います",
    "qualification_row_birth_differs": "生年月日が住民記録と一致しません",
    "qualification_row_removed": "住民記録から消除されています (%(reason)s)",
    "qualification_row_same_as_line": "%(line)d行目と同じ方です",
    "qualification_row_open_case": "勧奨中・届出中の案件 %(number)s があります",
    "qualification_row_filed": "届出済みです (案件 %(number)s)",
    "qualification_row_first_on_record": "資格情報に第1号被保険者の記録があります",
    "qualification_row_second_third_on_record": "資格情報で第2号・第3号被保険者です",
    "qualification_row_age_outside": "厚生年金の資格喪失日に%(age)d歳のため第1号被保険者になりません (法7条1項1号)",
    "qualification_row_not_20_yet": "まだ20歳に達していません (20歳到達日 %(day)s)",
}
# The removal's 異動事由 (cases/common/codes.py ChangeReason) or 「消除」: a label, kept as its message id.
REMOVALS = (
    "出生",
    "転入",
    "転居",
    "転出",
    "死亡",
    "職権記載",
    "職権消除",
    "世帯変更",
    "氏名変更",
    "国外転入",
    "国外転出",
    "帰化",
    "国籍喪失",
    "記載事項修正",
    "消除",
)
PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)([sd])")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # the 20歳到達日 was written as str(date)


def _patterns() -> list[tuple[str, re.Pattern]]:
    from django.utils.translation import gettext

    found = []
    for language in LANGUAGES:
        with translation.override(language):
            for code, msgid in REASONS.items():
                worded = PLACEHOLDER.sub(
                    lambda m: rf"(?P<{m[1]}>\d+)" if m[2] == "d" else rf"(?P<{m[1]}>.+?)",
                    re.escape(gettext(msgid)),
                )
                found.append((code, re.compile(f"^{worded}$")))
    return found


def _removals() -> dict[str, str]:
    from django.utils.translation import gettext

    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            found.update({gettext(label): label for label in REMOVALS})
    return found


def _text(said: str, patterns, removals) -> dict | None:
    for code, pattern in patterns:
        match = pattern.match(said)
        if match is None:
            continue
        params = match.groupdict()
        for name in ("count", "line", "age"):
            if name in params:
                params[name] = int(params[name])
        if "reason" in params:
            params["reason"] = removals.get(params["reason"], params["reason"])
        if "day" in params and not ISO_DATE.fullmatch(params["day"]):
            return None  # not a date the screen can word: left as written
        return {"code": code, "params": params}
    return None


def reasons_neutral(apps, schema_editor):
    QualificationListRow = apps.get_model("cases", "QualificationListRow")
    patterns, removals = _patterns(), _removals()
    for row in QualificationListRow.objects.exclude(reason="").filter(reason_text={}).only("id", "reason"):
        text = _text(row.reason, patterns, removals)
        if text is not None:
            row.reason_text, row.reason = text, ""
            row.save(update_fields=["reason_text", "reason"])


def reasons_sentences(apps, schema_editor):
    """Back to sentences (Japanese), as the code before this migration kept them."""
    from cases.common.texts import text_render

    QualificationListRow = apps.get_model("cases", "QualificationListRow")
    with translation.override("ja"):
        for row in QualificationListRow.objects.exclude(reason_text={}).only("id", "reason_text"):
            row.reason = text_render(row.reason_text.get("code", ""), row.reason_text.get("params"))[:200]
            row.save(update_fields=["reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0040_qualification_texts_neutral"),
    ]

    operations = [
        migrations.AddField(
            model_name="qualificationlistrow",
            name="reason_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="理由 (表示用)"),
        ),
        migrations.RunPython(reasons_neutral, reasons_sentences),
    ]
