"""Fixed-length CP932 records in the style of 機構's electronic-media exchanges.

The layout is data: every field has a position, a length in bytes and a type. A value that does not
fit its field is rejected with a message naming the field and the case — never truncated, because a
truncated name or number would reach 機構 as a different person. docs/formats/submission.md
documents the same table for people.
"""

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import jaconv
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, gettext_noop

from cases.kernel.casetypes import filing_forms
from cases.kernel.filing_records import FormRecord

RECORD_LENGTH = 200
ENCODING = "cp932"
NEWLINE = b"\r\n"


class FieldType(StrEnum):
    NUMERIC = "数字"  # ASCII digits, right-aligned, zero-filled
    ALPHANUMERIC = "英数"  # half-width ASCII, left-aligned, space-padded
    KANA = "半角カナ"  # half-width katakana (1 byte each in CP932), left-aligned, space-padded
    ZENKAKU = "全角"  # double-byte CP932 characters, left-aligned, padded with full-width spaces
    FILLER = "空白"  # half-width spaces


@dataclass(frozen=True)
class Field:
    name: str
    start: int  # 1-based byte position, as 機構's layouts count
    length: int
    type: FieldType
    source: str  # key in the values passed to record_encode ("" for constants and filler)
    constant: str = ""
    required: bool = True

    @property
    def end(self) -> int:
        return self.start + self.length - 1


@dataclass(frozen=True)
class Layout:
    record_type: str
    title: str
    fields: tuple[Field, ...]


class RecordValueError(ValueError):
    """A value does not fit its field. ``problem`` is a Japanese message id filled with ``params``: the
    exception's text (kept on a stopped bundle, the worker's record) is Japanese; ``worded()`` says it in
    the reader's language for a screen that shows it live (the case header)."""

    def __init__(self, *, subject: str, field: Field, problem: str, params: dict | None = None) -> None:
        self.subject, self.field, self.problem_id, self.params = subject, field, problem, params or {}
        self.problem = problem % self.params if params else problem
        super().__init__(f"{subject}: {field.name} — {self.problem}")

    def worded(self) -> str:
        """「カナ氏名 — …」 in the active language."""
        problem = gettext(self.problem_id)
        return f"{gettext(self.field.name)} — {problem % self.params if self.params else problem}"


# The problems a value can have, as message ids (worded for the reader by RecordValueError.worded).
NOT_CP932 = gettext_noop("CP932 で表せない文字「%(ch)s」(U+%(code)s) を含みます。")
NOT_ZENKAKU = gettext_noop("全角で表せない文字「%(ch)s」(U+%(code)s) を含みます。")
NOT_HANKAKU = gettext_noop("半角で表せない文字「%(ch)s」(U+%(code)s) を含みます。")
TOO_MANY_CHARACTERS = gettext_noop("%(limit)s文字に収まりません (%(count)s文字)。切り詰めずに中止しました。")
TOO_MANY_DIGITS = gettext_noop("%(limit)s桁に収まりません (%(count)s桁)。切り詰めずに中止しました。")
TOO_MANY_BYTES = gettext_noop("%(limit)sバイトに収まりません (%(count)sバイト)。切り詰めずに中止しました。")
NO_VALUE = gettext_noop("値がありません。")
NOT_DIGITS = gettext_noop("数字以外を含みます (「%(text)s」)。")


def _character(ch: str) -> dict:
    return {"ch": ch, "code": f"{ord(ch):04X}"}


def _layout(record_type: str, title: str, spec: list[tuple[str, int, FieldType, str]]) -> Layout:
    """Positions are computed from the lengths, so a layout cannot have gaps or overlaps."""
    fields, start = [], 1
    for name, length, kind, source in spec:
        constant = record_type if source == "=record_type" else ""
        fields.append(
            Field(
                name=name,
                start=start,
                length=length,
                type=kind,
                source="" if constant or kind is FieldType.FILLER else source.lstrip("?"),
                constant=constant,
                required=not source.startswith("?"),
            )
        )
        start += length
    filler = RECORD_LENGTH - start + 1
    if filler < 0:
        raise AssertionError(f"layout {record_type} is {start - 1} bytes, longer than {RECORD_LENGTH}")
    if filler:
        fields.append(Field("予備", start, filler, FieldType.FILLER, ""))
    return Layout(record_type, title, tuple(fields))


N, X, K = FieldType.NUMERIC, FieldType.ALPHANUMERIC, FieldType.KANA
# "?" marks an optional source: empty is written as zeros (数字) or spaces (英数・カナ).
HEADER = _layout(
    "1",
    "ヘッダレコード",
    [
        ("レコード区分", 1, N, "=record_type"),
        ("地方公共団体コード", 6, N, "lg_code"),
        ("作成年月日", 7, N, "created_on"),
        ("送付番号", 20, X, "bundle_number"),
        ("締切年月日", 7, N, "cutoff_on"),
    ],
)
DATA = _layout(
    "2",
    "データレコード",
    [
        ("レコード区分", 1, N, "=record_type"),
        ("整理番号", 20, X, "reference_no"),
        # Required, except on a 届書 that may carry the 個人番号 instead (records.py checks it).
        ("基礎年金番号", 10, N, "?basic_pension_no"),
        ("届書種別", 2, N, "form_code"),
        ("免除種類 (第1希望)", 2, N, "?kind_1"),
        ("免除種類 (第2希望)", 2, N, "?kind_2"),
        ("免除種類 (第3希望)", 2, N, "?kind_3"),
        ("免除種類 (第4希望)", 2, N, "?kind_4"),
        ("免除種類 (第5希望)", 2, N, "?kind_5"),
        ("免除該当理由", 2, N, "?reason"),
        ("申請年度", 4, N, "?fiscal_year"),
        ("対象期間 (開始)", 7, N, "?period_start"),
        ("対象期間 (終了)", 7, N, "?period_end"),
        ("受付年月日", 7, N, "received_on"),
        ("カナ氏名", 40, K, "kana_name"),
        ("生年月日", 7, N, "birth_date"),
        ("性別", 1, N, "sex"),
        # 届書種別 21 (障害基礎年金) only; 英数 so that every other form's record stays spaces here.
        ("初診日", 7, X, "?first_visit"),
        ("障害認定日", 7, X, "?recognition_date"),
        ("請求の種類", 2, X, "?claim_kind"),
        ("原本別送", 1, X, "?originals_separate"),
    ],
)
_BASE = ("1", "2", "3")  # ヘッダ, データ, トレーラ: a form's own record takes another レコード区分


@cache
def record_layout(record: FormRecord) -> Layout:
    """The layout of a record a form adds after its cases' data record (cases/kernel/filing_records.py):
    レコード区分 and 整理番号 (which ties it to its data record, and its CSV columns to the row), then its own."""
    if record.record_type in _BASE:
        raise ImproperlyConfigured(
            f"「{record.title}」のレコード区分「{record.record_type}」は使われています。"
        )
    own = [(name, length, FieldType(kind), source) for name, length, kind, source in record.fields]
    head = [("レコード区分", 1, N, "=record_type"), ("整理番号", 20, X, "reference_no")]
    return _layout(record.record_type, record.title, head + own)


def form_records() -> tuple[FormRecord, ...]:
    """The records the registered forms add, in レコード区分 order (each kind once)."""
    records = {form.record.record_type: form.record for form in filing_forms() if form.record}
    return tuple(records[kind] for kind in sorted(records))


@cache
def _trailer(records: tuple[FormRecord, ...]) -> Layout:
    counts = [(record.count_label, 7, N, f"?{record_count_source(record.record_type)}") for record in records]
    return _layout(
        "3",
        "トレーラレコード",
        [("レコード区分", 1, N, "=record_type"), ("データレコード件数", 7, N, "count"), *counts],
    )


def record_count_source(record_type: str) -> str:
    """The trailer's source for the count of one kind of form record."""
    return f"records_{record_type}"


def trailer_layout() -> Layout:
    """The trailer counts the data records, then each kind of form record (区分 4: 資格届出レコード件数)."""
    return _trailer(form_records())


def layouts() -> dict[str, Layout]:
    """Every record kind the data file may hold, by レコード区分 (for reading a file back)."""
    return _layouts(form_records())


@cache
def _layouts(records: tuple[FormRecord, ...]) -> dict[str, Layout]:
    found = {layout.record_type: layout for layout in (HEADER, DATA, _trailer(records))}
    return found | {record.record_type: record_layout(record) for record in records}


# Voiced marks written apart (゛ ゜, and ﾞ ﾟ after a letter with no voiced form: ｱﾞ) are combining marks
# after NFKC, which CP932 has no byte for; half-width kana writes every voiced mark as its own byte anyway.
_MARKS_COMBINING = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})
_MARKS_HALF_WIDTH = str.maketrans({"\u3099": "\uff9e", "\u309a": "\uff9f"})


def kana_half_width(text: str) -> str:
    """Full-width or hiragana names to half-width katakana; a full-width space becomes one space.
    Width is representation only: no letter is changed, dropped or added."""
    folded = unicodedata.normalize("NFKC", (text or "").translate(_MARKS_COMBINING))
    half = jaconv.z2h(jaconv.hira2kata(folded), kana=True, ascii=True, digit=True)
    return half.translate(_MARKS_HALF_WIDTH)


def zenkaku(text: str) -> str:
    """Half-width letters, digits, kana and spaces to their full-width forms (width only)."""
    return jaconv.h2z(unicodedata.normalize("NFC", text or ""), kana=True, ascii=True, digit=True)


def _encode_zenkaku(field: Field, text: str, subject: str) -> bytes:
    text = zenkaku(text)
    for ch in text:
        try:
            encoded = ch.encode(ENCODING)
        except UnicodeEncodeError:
            encoded = b""
        if len(encoded) != 2:
            problem = NOT_CP932 if not encoded else NOT_ZENKAKU
            raise RecordValueError(subject=subject, field=field, problem=problem, params=_character(ch))
    encoded = text.encode(ENCODING)
    if len(encoded) > field.length:
        raise RecordValueError(
            subject=subject,
            field=field,
            problem=TOO_MANY_CHARACTERS,
            params={"limit": field.length // 2, "count": len(text)},
        )
    return encoded + "\u3000".encode(ENCODING) * ((field.length - len(encoded)) // 2)


def _single_byte(ch: str, *, kana: bool) -> bool:
    try:
        encoded = ch.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    if len(encoded) != 1:
        return False
    return 0x20 <= encoded[0] <= 0x7E or (kana and 0xA1 <= encoded[0] <= 0xDF)


def _encode_field(field: Field, value, subject: str) -> bytes:
    if field.type is FieldType.FILLER:
        return b" " * field.length
    text = field.constant or ("" if value is None else str(value))
    if not text:
        if field.required:
            raise RecordValueError(subject=subject, field=field, problem=NO_VALUE)
        if field.type is FieldType.ZENKAKU:
            return "\u3000".encode(ENCODING) * (field.length // 2)
        return (b"0" if field.type is FieldType.NUMERIC else b" ") * field.length
    if field.type is FieldType.NUMERIC:
        if not (text.isascii() and text.isdigit()):
            raise RecordValueError(subject=subject, field=field, problem=NOT_DIGITS, params={"text": text})
        if len(text) > field.length:
            raise RecordValueError(
                subject=subject,
                field=field,
                problem=TOO_MANY_DIGITS,
                params={"limit": field.length, "count": len(text)},
            )
        return text.zfill(field.length).encode("ascii")
    if field.type is FieldType.ZENKAKU:
        return _encode_zenkaku(field, text, subject)
    kana = field.type is FieldType.KANA
    if kana:
        text = kana_half_width(text)
    for ch in text:
        if not _single_byte(ch, kana=kana):
            problem = NOT_CP932 if not _encodable(ch) else NOT_HANKAKU
            raise RecordValueError(subject=subject, field=field, problem=problem, params=_character(ch))
    encoded = text.encode(ENCODING)
    if len(encoded) > field.length:
        raise RecordValueError(
            subject=subject,
            field=field,
            problem=TOO_MANY_BYTES,
            params={"limit": field.length, "count": len(encoded)},
        )
    return encoded.ljust(field.length, b" ")


def _encodable(ch: str) -> bool:
    try:
        ch.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def record_field_check(field: Field, value: str) -> None:
    """RecordValueError when `value` would not fit `field`: the encoder's own check, run early."""
    _encode_field(field, value, "")


def record_encode(layout: Layout, values: dict, *, subject: str) -> bytes:
    """One record of exactly RECORD_LENGTH bytes (without the line end)."""
    record = b"".join(_encode_field(f, values.get(f.source), subject) for f in layout.fields)
    if len(record) != RECORD_LENGTH:  # cannot happen with a valid layout; guard the invariant anyway
        raise AssertionError(f"record {layout.record_type} is {len(record)} bytes")
    return record


def record_decode(raw: bytes) -> tuple[Layout, dict[str, str]]:
    """The fields of one record by name, padding removed (zero-fill kept: codes are read as written)."""
    if len(raw) != RECORD_LENGTH:
        raise ValueError(f"レコード長が {len(raw)} バイトです ({RECORD_LENGTH} バイトのはず)。")
    layout = layouts().get(raw[:1].decode("ascii", errors="replace"))
    if layout is None:
        raise ValueError(f"レコード区分「{raw[:1]!r}」は定義されていません。")
    values = {}
    for field in layout.fields:
        if field.type is FieldType.FILLER:
            continue
        values[field.name] = raw[field.start - 1 : field.end].decode(ENCODING).rstrip(" \u3000")
    return layout, values


def file_decode(data: bytes) -> list[tuple[Layout, dict[str, str]]]:
    if data and not data.endswith(NEWLINE):
        raise ValueError("最終レコードが CRLF で終わっていません。")
    return [record_decode(line) for line in data.split(NEWLINE)[:-1]]
