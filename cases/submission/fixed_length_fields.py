"""The pieces of a fixed-length record (cases/submission/fixed_length.py): its size and encoding, the
types of field, a layout, and the error a value that does not fit raises, with its message ids."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext, gettext_noop

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
