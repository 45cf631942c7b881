"""Fixed-length CP932 records in the style of 機構's electronic-media exchanges.

The layout is data: every field has a position, a length in bytes and a type. A value that does not
fit its field is rejected with a message naming the field and the case — never truncated, because a
truncated name or number would reach 機構 as a different person. docs/formats/submission.md
documents the same table for people.
"""

import unicodedata

import jaconv

# The fields and layouts live in siblings; every name is re-exported so that callers import from here.
from cases.submission.fixed_length_fields import (
    ENCODING,
    NEWLINE,
    NO_VALUE,
    NOT_CP932,
    NOT_DIGITS,
    NOT_HANKAKU,
    NOT_ZENKAKU,
    RECORD_LENGTH,
    TOO_MANY_BYTES,
    TOO_MANY_CHARACTERS,
    TOO_MANY_DIGITS,
    Field,
    FieldType,
    Layout,
    RecordValueError,
)
from cases.submission.fixed_length_layouts import (  # noqa: F401
    DATA,
    HEADER,
    form_records,
    layouts,
    record_count_source,
    record_layout,
    trailer_layout,
)


def _character(ch: str) -> dict:
    return {"ch": ch, "code": f"{ord(ch):04X}"}


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
