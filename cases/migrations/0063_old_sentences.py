"""System sentences that rows written before their move to codes (cases/common/texts.py) still hold as
Japanese words, shown in Japanese on English screens (issue 14). This converts:

1. The exemption form's era notes (A13; before dc4d8f7). The 受付 and 入力 rows of an exemption case kept
   them as their comment, in the installation's language (workflows/forms/exemption.py era_notes), one
   after another, a space between: 「<field label>: 「<typed>」は改元後の日付のため <date> として受け付けました。」,
   or 「…改元後の年月のため <month> として…」, the date and month in 和暦 (format_wareki since 2d33da9; date_show
   and month_show, from 7d9b2d6 and d7dbd58, write the same in Japanese). They become the sentence the code
   writes now: exemption_notes of exemption_field_note of era_date_read / era_month_read. What the clerk
   typed stays as typed: it is the text between 「」, where no 」 can be (the box read it as a 和暦 date), so
   the notes split where the code joined them. The label stays the Japanese it was (a message id). The
   date or month is read with the project's 和暦 reader and must write back to the very words, so the
   Japanese timeline reads as before. A comment not made wholly of such notes (a date not written as the
   code wrote it, no such day, more words) stays as written. (0062 left them as a clerk's words to split.)
2. The 突合 queue's reasons a case type gave before 5f5b7ca, kept as words inside result_line's `why` or
   result_differs' `differs`: 「案件 <no> の資格届出の内容がありません」, 「案件 <no> の支給決定に障害等級 (1級・2級)
   がありません」, 「資格情報に<ISO date>に喪失する資格がありません (喪失を記録できませんでした)」 (the date, ISO
   as written then, now reads as every date on screen: 令和8年4月1日, as the code writes it since),
   「付加年金情報に納付中の記録がありません (辞退を記録できませんでした)」 and 「年金基本情報 (基礎年金番号) が
   ないため資格情報に記録できませんでした」. Any other words stay as written.

It leaves as written what is not the code's words alone or does not read back unambiguously: 14b1b22's
資格届出 and 障害基礎年金 timeline rows (a 届出 with the late reason a clerk typed after it, a 勧奨 naming a
list, 年金事務所へ案内 with the claim's own route reason) and 7660861's 送付用の表記 rows (two fields in one
row, in the writer's language, around a person's name and address). Going back writes the words again."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import migrations
from django.db.models import Q

from cases.common.identifiers.wareki import format_wareki, parse_wareki, parse_wareki_month_lenient

# One note as era_notes wrote it; the notes of a row follow one another, a space between.
NOTE = re.compile(
    r"(?P<field>[^\n]+?): 「(?P<typed>[^」\n]*)」は改元後の(?P<what>日付|年月)のため (?P<read>\S+) として受け付けました。"
)
SAID = {"日付": ("era_date_read", "date"), "年月": ("era_month_read", "month")}  # cases/exemption/texts.py
NOTES, FIELD_NOTE = "exemption_notes", "exemption_field_note"
ROWS = {"case__case_type": "exemption", "action__in": ("received", "input_saved")}


def _text(code: str, /, **params) -> dict:
    return {"code": code, "params": params}


def _month_words(first: dt.date) -> str:
    return format_wareki(first).rsplit("月", 1)[0] + "月"  # month_show in Japanese


def _read(what: str, words: str) -> dt.date | None:
    """The date or month as era_note wrote it, only if it writes back to the same words."""
    try:
        if what == "日付":
            day = parse_wareki(words)
            return day if format_wareki(day) == words else None
        first, moved = parse_wareki_month_lenient(words)
    except (ValidationError, ValueError):  # no such date or month, or not 和暦: not the code's words
        return None
    return first if not moved and _month_words(first) == words else None


def _notes(comment: str) -> list[dict] | None:
    notes, at = [], 0
    while True:
        found = NOTE.match(comment, at)
        read = _read(found["what"], found["read"]) if found else None
        if read is None:
            return None
        code, name = SAID[found["what"]]
        note = _text(code, typed=found["typed"], **{name: read.isoformat()})
        notes.append(_text(FIELD_NOTE, field=found["field"], note=note))
        at = found.end()
        if at == len(comment):
            return notes
        if comment[at] != " ":
            return None
        at += 1


def _words(note: dict) -> str | None:
    params = note.get("params") or {}
    said = params.get("note") or {}
    read = said.get("params") or {}
    if note.get("code") != FIELD_NOTE or said.get("code") not in ("era_date_read", "era_month_read"):
        return None
    if said["code"] == "era_date_read":
        worded = f"日付のため {format_wareki(dt.date.fromisoformat(read['date']))}"
    else:
        worded = f"年月のため {_month_words(dt.date.fromisoformat(read['month'][:10]))}"
    return f"{params['field']}: 「{read['typed']}」は改元後の{worded} として受け付けました。"


# The queue's reasons: (parameter, pattern of the words, the sentence, its words back)
REASONS = (
    (
        "why",
        r"案件 (?P<case>\S+) の資格届出の内容がありません",
        lambda m: _text("qualification_result_no_filing", case=m["case"]),
    ),
    (
        "why",
        r"案件 (?P<case>\S+) の支給決定に障害等級 \(1級・2級\) がありません",
        lambda m: _text("disability_result_no_grade", case=m["case"]),
    ),
    (
        "differs",
        r"資格情報に(?P<date>\d{4}-\d{2}-\d{2})に喪失する資格がありません \(喪失を記録できませんでした\)",
        lambda m: _text("qualification_result_no_period", date=dt.date.fromisoformat(m["date"]).isoformat()),
    ),
    (
        "differs",
        r"付加年金情報に納付中の記録がありません \(辞退を記録できませんでした\)",
        lambda m: _text("qualification_result_no_additional"),
    ),
    (
        "differs",
        r"年金基本情報 \(基礎年金番号\) がないため資格情報に記録できませんでした",
        lambda m: _text("qualification_result_no_pension_record"),
    ),
)
WORDS_BACK = {
    "qualification_result_no_filing": "案件 {case} の資格届出の内容がありません",
    "disability_result_no_grade": "案件 {case} の支給決定に障害等級 (1級・2級) がありません",
    "qualification_result_no_period": "資格情報に{date}に喪失する資格がありません (喪失を記録できませんでした)",
    "qualification_result_no_additional": "付加年金情報に納付中の記録がありません (辞退を記録できませんでした)",
    "qualification_result_no_pension_record": "年金基本情報 (基礎年金番号) がないため資格情報に記録できませんでした",
}
QUEUE = Q(text_code="result_line") | Q(text_code="result_differs")


def _reason(name: str, words: str) -> dict | None:
    for parameter, pattern, sentence in REASONS:
        found = re.fullmatch(pattern, words) if parameter == name else None
        if found:
            try:
                return sentence(found)
            except ValueError:  # a date that is none
                return None
    return None


def _sentence_of(name: str, words) -> dict | None:
    return _reason(name, words) if isinstance(words, str) else None


def _words_of(_name: str, said) -> str | None:
    if isinstance(said, dict) and said.get("code") in WORDS_BACK:
        return WORDS_BACK[said["code"]].format(**(said.get("params") or {}))
    return None


def _queue_reasons(apps, convert) -> None:
    """Each 突合 queue reason (result_line's `why`, result_differs' `differs`) converted either way; None
    from `convert` leaves it as it is."""
    Discrepancy = apps.get_model("cases", "Discrepancy")
    items = []
    for item in Discrepancy.objects.filter(QUEUE):
        name = "why" if item.text_code == "result_line" else "differs"
        converted = convert(name, (item.text_params or {}).get(name))
        if converted is not None:
            item.text_params = {**item.text_params, name: converted}
            items.append(item)
    Discrepancy.objects.bulk_update(items, ["text_params"], batch_size=1000)


def notes_to_sentences(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    changed = []
    for event in CaseEvent.objects.filter(text_code="", comment__contains="は改元後の", **ROWS):
        notes = _notes(event.comment)
        if notes:
            event.text_code, event.text_params, event.comment = NOTES, {"notes": notes}, ""
            changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["text_code", "text_params", "comment"], batch_size=1000)
    _queue_reasons(apps, _sentence_of)


def sentences_to_notes(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    changed = []
    for event in CaseEvent.objects.filter(text_code=NOTES, comment="", **ROWS):
        words = [_words(note) for note in (event.text_params or {}).get("notes") or []]
        if words and None not in words:
            event.text_code, event.text_params, event.comment = "", {}, " ".join(words)
            changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["text_code", "text_params", "comment"], batch_size=1000)
    _queue_reasons(apps, _words_of)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0062_counter_note_events"),
    ]

    operations = [
        migrations.RunPython(notes_to_sentences, sentences_to_notes),
    ]
