"""The data file (fixed-length CP932) and its UTF-8 CSV twin for people."""

import io
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from cases.common.csvsafe import csv_writer
from cases.submission.fixed_length import (
    DATA,
    HEADER,
    NEWLINE,
    Layout,
    RecordValueError,
    record_count_source,
    record_decode,
    record_encode,
    trailer_layout,
)
from cases.submission.records import csv_columns, csv_extra_columns


class DataFileError(ValueError):
    """Some cases cannot be written. Every problem is listed, so one pass finds them all."""

    def __init__(self, problems: list[str], *, spellable: bool = False) -> None:
        self.problems, self.spellable = problems, spellable
        shown = "\n".join(problems[:20])
        more = f"\n…ほか {len(problems) - 20} 件" if len(problems) > 20 else ""
        # A name or address the file cannot carry is not fixed by editing the case (the 住民記録 is
        # the city's record) but by a spelling for the file only: say where it is given.
        hint = f"\n{SPELLING_HINT}" if spellable else ""
        super().__init__(f"送付データを作成できません ({len(problems)} 件)。\n{shown}{more}{hint}")


SPELLING_HINT = (
    "氏名・住所の文字や長さが送付データに載らない案件は、案件の画面で「送付用の表記」を入力してください。"
)
SPELLABLE_SOURCES = frozenset({"kana_name", "kanji_name", "address"})


def spellable(exc: RecordValueError) -> bool:
    """The value is a person's name or address, which a 送付用 spelling replaces (cases/submission/sendable.py)."""
    return exc.field.source in SPELLABLE_SOURCES


@dataclass(frozen=True)
class DataFiles:
    dat: bytes
    csv: bytes
    count: int


def data_files_build(*, header: dict, records: list[dict]) -> DataFiles:
    """`records` in output order, each with its values and a "subject" naming the case; a case whose form
    adds a record of its own (FilingForm.record) carries it as (layout, values) under "form_record",
    written right after its data record and counted in the trailer by its レコード区分."""
    problems: list[str] = []
    by_spelling = False
    lines, count, counts = [], 0, {}
    trailer = trailer_layout()
    for values in records:
        try:
            encoded = [record_encode(DATA, values, subject=values["subject"])]
            if values.get("form_record"):
                layout, own = values["form_record"]
                encoded.append(record_encode(layout, own, subject=values["subject"]))
        except RecordValueError as exc:
            problems.append(str(exc))
            by_spelling |= spellable(exc)
            continue
        lines += encoded
        count += 1
        if values.get("form_record"):
            source = _count_source(trailer, layout)
            counts[source] = counts.get(source, 0) + 1
    try:
        head = record_encode(HEADER, header, subject="ヘッダレコード")
        tail = record_encode(trailer, {"count": count, **counts}, subject="トレーラレコード")
    except RecordValueError as exc:
        problems.insert(0, str(exc))
    if problems:
        raise DataFileError(problems, spellable=by_spelling)
    dat = NEWLINE.join([head, *lines, tail]) + NEWLINE
    return DataFiles(dat=dat, csv=csv_from_records(lines), count=count)


def _count_source(trailer: Layout, layout: Layout) -> str:
    """The trailer's count of a form record's kind: a kind it does not count stops the file, since 機構
    would read the file's records without knowing how many to expect."""
    source = record_count_source(layout.record_type)
    if not any(field.source == source for field in trailer.fields):
        raise ImproperlyConfigured(
            f"トレーラレコードに「{layout.title}」(レコード区分 {layout.record_type}) の件数がありません。"
        )
    return source


def csv_from_records(lines: list[bytes]) -> bytes:
    """Read back from the encoded records, so the CSV shows exactly what the data file says: one row per
    data record, with the columns of each kind of form record the bundle has added (in レコード区分 order),
    filled on the rows of the cases that have one."""
    out = io.StringIO(newline="")
    writer = csv_writer(out, lineterminator="\r\n")
    decoded = [record_decode(line) for line in lines]
    extra: dict[tuple[str, str], dict] = {}  # (レコード区分, 整理番号) → the form record's values
    kinds: dict[str, Layout] = {}
    for layout, values in decoded:
        if layout is not DATA:
            extra[(layout.record_type, values["整理番号"])] = values
            kinds[layout.record_type] = layout
    columns = csv_columns(DATA)
    added = [(kind, csv_extra_columns(kinds[kind])) for kind in sorted(kinds)]
    writer.writerow(columns + [name for _kind, names in added for name in names])
    for layout, values in decoded:
        if layout is DATA:
            row = [values[name] for name in columns]
            for kind, names in added:
                own = extra.get((kind, values["整理番号"]), {})
                row += [own.get(name, "") for name in names]
            writer.writerow(row)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
