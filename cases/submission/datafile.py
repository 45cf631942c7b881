"""The data file (fixed-length CP932) and its UTF-8 CSV twin for people."""

import io
from dataclasses import dataclass

from cases.common.csvsafe import csv_writer
from cases.submission.fixed_length import (
    DATA,
    HEADER,
    NEWLINE,
    QUALIFICATION,
    TRAILER,
    RecordValueError,
    record_decode,
    record_encode,
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
    """`records` in output order, each with its values and a "subject" naming the case; a case filed on
    届書種別 31 carries the values of its 資格届出レコード under "qualification" (written right after)."""
    problems: list[str] = []
    by_spelling = False
    lines, count, qualification_count = [], 0, 0
    for values in records:
        try:
            encoded = [record_encode(DATA, values, subject=values["subject"])]
            if values.get("qualification"):
                encoded.append(
                    record_encode(QUALIFICATION, values["qualification"], subject=values["subject"])
                )
        except RecordValueError as exc:
            problems.append(str(exc))
            by_spelling |= spellable(exc)
            continue
        lines += encoded
        count += 1
        qualification_count += len(encoded) - 1
    try:
        head = record_encode(HEADER, header, subject="ヘッダレコード")
        tail = record_encode(
            TRAILER, {"count": count, "qualification_count": qualification_count}, subject="トレーラレコード"
        )
    except RecordValueError as exc:
        problems.insert(0, str(exc))
    if problems:
        raise DataFileError(problems, spellable=by_spelling)
    dat = NEWLINE.join([head, *lines, tail]) + NEWLINE
    return DataFiles(dat=dat, csv=csv_from_records(lines), count=count)


def csv_from_records(lines: list[bytes]) -> bytes:
    """Read back from the encoded records, so the CSV shows exactly what the data file says: one row per
    data record, with its 資格届出レコード's columns added when the bundle has any."""
    out = io.StringIO(newline="")
    writer = csv_writer(out, lineterminator="\r\n")
    decoded = [record_decode(line) for line in lines]
    extra = {values["整理番号"]: values for layout, values in decoded if layout is QUALIFICATION}
    columns = csv_columns(DATA)
    extra_columns = csv_extra_columns() if extra else []
    writer.writerow(columns + extra_columns)
    for layout, values in decoded:
        if layout is DATA:
            added = extra.get(values["整理番号"], {})
            writer.writerow(
                [values[name] for name in columns] + [added.get(name, "") for name in extra_columns]
            )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
