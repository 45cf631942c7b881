"""The layouts of the data file's records (ヘッダ, データ, トレーラ and each form's own record), as data:
positions computed from lengths (docs/formats/submission.md documents the same table for people)."""

from functools import cache

from django.core.exceptions import ImproperlyConfigured

from cases.kernel.casetypes import filing_forms
from cases.kernel.filing_records import FormRecord
from cases.submission.fixed_length_fields import RECORD_LENGTH, Field, FieldType, Layout


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
