"""A list of people who should file (docs/formats/qualification_list.md): CSV → validated rows. Every bad
line is reported and nothing is imported; a line that matches nobody is not an error (it is shown
with its reason in the preview)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.registry.imports.columns import Date, Kana, PensionNo, Text
from cases.registry.imports.csvio import decode, parse
from cases.registry.imports.errors import ImportRejected, RowError
from cases.registry.imports.validation import Spec, duplicate_errors, validate_columns

SPEC = Spec(
    kind="qualification_list",
    title="勧奨の一覧",
    columns=(
        PensionNo("基礎年金番号", "basic_pension_no", header_optional=True),
        Text("宛名番号", "atena_no", max_length=20, header_optional=True),
        Kana("カナ氏名", "kana_name", max_length=100, required=True),
        Date("生年月日", "birth_date", required=True, not_future=True),
        Date("事由発生日", "event_date", header_optional=True),
        Text("事業所名", "employer", max_length=100, header_optional=True),
    ),
)
FIELDS = tuple(column.field for column in SPEC.columns)


@dataclass(frozen=True)
class ListLine:
    line_no: int
    basic_pension_no: str
    atena_no: str
    kana_name: str
    birth_date: dt.date
    event_date: dt.date | None
    employer: str


def list_read(data: bytes, *, event_required: bool) -> list[ListLine]:
    """Every line checked; ImportRejected listing every bad one. `event_required`: the 厚生年金 loss
    list needs the 資格喪失日 of each person."""
    text, _encoding = decode(data)
    table = parse(text, SPEC.header_errors)
    checked = validate_columns(SPEC, table.header, table.rows, table.lines)
    errors = checked.errors
    reported = {(error.line, error.column) for error in errors}
    lines: list[ListLine] = []
    today = timezone.localdate()
    for index, line in enumerate(checked.lines):
        row = {name: checked.typed[name][index] for name in FIELDS}
        if event_required and row["event_date"] is None and (line, "事由発生日") not in reported:
            errors.append(RowError(line, "事由発生日", _("厚生年金の資格喪失日を入力してください")))
        elif row["event_date"] is not None and row["event_date"] > today:
            errors.append(RowError(line, "事由発生日", _("未来の日付は入力できません")))
        lines.append(ListLine(line_no=line, **row))
    pension_nos = checked.typed["basic_pension_no"]
    errors += duplicate_errors(
        pension_nos,
        checked.lines,
        "基礎年金番号",
        lambda key, first: (
            _("基礎年金番号「%(no)s」は%(first)d行目と重複しています") % {"no": key, "first": first}
        ),
    )
    if errors:
        raise ImportRejected(SPEC.sort_errors(errors))
    if not lines:
        raise ImportRejected([RowError(1, "", _("データの行がありません"))])
    return lines
