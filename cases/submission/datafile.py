"""The data file (fixed-length CP932) and its UTF-8 CSV twin for people."""

import io
from dataclasses import dataclass

from cases.common.csvsafe import csv_writer
from cases.submission.fixed_length import (
    DATA,
    HEADER,
    NEWLINE,
    TRAILER,
    RecordValueError,
    record_decode,
    record_encode,
)
from cases.submission.records import csv_columns


class DataFileError(ValueError):
    """Some cases cannot be written. Every problem is listed, so one pass finds them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(problems[:20])
        more = f"\n…ほか {len(problems) - 20} 件" if len(problems) > 20 else ""
        super().__init__(f"送付データを作成できません ({len(problems)} 件)。\n{shown}{more}")


@dataclass(frozen=True)
class DataFiles:
    dat: bytes
    csv: bytes
    count: int


def data_files_build(*, header: dict, records: list[dict]) -> DataFiles:
    """`records` in output order, each with its values and a "subject" naming the case."""
    problems: list[str] = []
    lines = []
    for values in records:
        try:
            lines.append(record_encode(DATA, values, subject=values["subject"]))
        except RecordValueError as exc:
            problems.append(str(exc))
    count = len(lines)
    try:
        head = record_encode(HEADER, header, subject="ヘッダレコード")
        tail = record_encode(TRAILER, {"count": count}, subject="トレーラレコード")
    except RecordValueError as exc:
        problems.insert(0, str(exc))
    if problems:
        raise DataFileError(problems)
    dat = NEWLINE.join([head, *lines, tail]) + NEWLINE
    return DataFiles(dat=dat, csv=csv_from_records(lines), count=count)


def csv_from_records(lines: list[bytes]) -> bytes:
    """Read back from the encoded records, so the CSV shows exactly what the data file says."""
    out = io.StringIO(newline="")
    writer = csv_writer(out, lineterminator="\r\n")
    columns = csv_columns(DATA)
    writer.writerow(columns)
    for line in lines:
        _layout, values = record_decode(line)
        writer.writerow([values[name] for name in columns])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
