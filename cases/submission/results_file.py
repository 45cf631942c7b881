"""日本年金機構's 処理結果一覧表 (CSV) → validated result lines (docs/formats/results.md).

Decoding, splitting and the per-column checks are the same as for the city's extracts; what is
particular here is 機構's era-coded dates, YYYY-MM periods and the rules that tie columns together.
"""

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.codes import Decision, ExemptionKind
from cases.common.identifiers.eras import from_kiko_code
from cases.registry.imports.columns import Choice, Column, PensionNo, Text
from cases.registry.imports.csvio import decode, parse
from cases.registry.imports.errors import ImportRejected, RowError, shown
from cases.registry.imports.validation import Spec, duplicate_errors, validate_columns

FIRST_PENSION_YEAR = 1961  # 国民年金 began in April 1961; an earlier month is a typing mistake.
LAST_YEAR = 2099
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)


class DecidedOn(Column):
    """判定日: ISO (2026-01-15) or 機構's era code (9-080115 = 令和8年1月15日). Not in the future."""

    def blank_value(self) -> Any:
        return None

    def fast(self, values: list[str]) -> list | None:
        return None

    def one(self, value: str) -> tuple[Any, str | None]:
        if _ISO_DATE.fullmatch(value):
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                return None, _("%(value)sは日付として正しくありません") % {"value": shown(value)}
        else:
            try:
                parsed = from_kiko_code(value)
            except ValidationError:
                return None, _("%(value)sは日付の形式ではありません (YYYY-MM-DD または 9-080115 の形式)") % {
                    "value": shown(value)
                }
        if parsed.year < FIRST_PENSION_YEAR:
            return None, _("%(value)sは国民年金制度の開始より前の日付です") % {"value": shown(value)}
        if parsed > timezone.localdate():
            return None, _("%(value)sは未来の日付です") % {"value": shown(value)}
        return parsed, None

    def convert(self, values: list[str], lines, errors: list[RowError]) -> list:
        # Weekly files are small and the ISO check is cheap; the fast path would only add code.
        return [self._one(value, line, errors) for value, line in zip(values, lines, strict=True)]


class Month(Column):
    """期間開始・期間終了: YYYY-MM, stored as the first day of the month."""

    def blank_value(self) -> Any:
        return None

    def fast(self, values: list[str]) -> list | None:
        return None

    def one(self, value: str) -> tuple[Any, str | None]:
        match = _YEAR_MONTH.fullmatch(value)
        if not match or not 1 <= int(match[2]) <= 12:
            return None, _("%(value)sは年月の形式ではありません (YYYY-MM)") % {"value": shown(value)}
        year = int(match[1])
        if not FIRST_PENSION_YEAR <= year <= LAST_YEAR:
            return None, _("%(value)sは%(first)d年〜%(last)d年の範囲で入力してください") % {
                "value": shown(value),
                "first": FIRST_PENSION_YEAR,
                "last": LAST_YEAR,
            }
        return date(year, int(match[2]), 1), None

    def convert(self, values: list[str], lines, errors: list[RowError]) -> list:
        return [self._one(value, line, errors) for value, line in zip(values, lines, strict=True)]


class Label(Choice):
    """A Japanese label; full-width digits and the like are folded first (４分の３免除)."""

    def one(self, value: str) -> tuple[Any, str | None]:
        folded = unicodedata.normalize("NFKC", value).replace(" ", "")
        if folded in self.codes:
            return self.codes[folded], None
        return None, _("%(value)sは使えない値です (使える値: %(codes)s)") % {
            "value": shown(value),
            "codes": "・".join(self.codes),
        }


# The file's own words (docs/formats/results.md), fixed whatever language the screens are shown in.
DECISIONS = {
    "承認": Decision.APPROVED,
    "却下": Decision.REJECTED,
    "返戻": Decision.RETURNED,
    # 障害基礎年金 claims are answered in these words (承認・却下 are accepted for them too).
    "支給決定": Decision.APPROVED,
    "不支給": Decision.REJECTED,
}
# 障害等級 of a 支給決定 (法30条2項: 1級 and 2級 only).
GRADES = {"1級": 1, "2級": 2, "1": 1, "2": 2}
KINDS = {
    "全額免除": ExemptionKind.FULL,
    "4分の3免除": ExemptionKind.THREE_QUARTERS,
    "半額免除": ExemptionKind.HALF,
    "4分の1免除": ExemptionKind.QUARTER,
    "納付猶予": ExemptionKind.DEFERRAL,
    "学生納付特例": ExemptionKind.STUDENT,
    "法定免除": ExemptionKind.STATUTORY,
    "産前産後免除": ExemptionKind.MATERNITY,
}

SPEC = Spec(
    kind="results",
    title="処理結果一覧表",
    columns=(
        Text("整理番号", "reference_no", max_length=20),
        PensionNo("基礎年金番号", "basic_pension_no"),
        Label("判定結果", "decision", codes=DECISIONS, required=True),
        DecidedOn("判定日", "decided_on", required=True),
        Label("免除種類", "granted_kind", codes=KINDS),
        Month("期間開始", "period_start"),
        Month("期間終了", "period_end"),
        Text("理由", "reason", max_length=200),
        # Optional column: files without it (exemptions only) are read as before.
        Label("等級", "grade", codes=GRADES, blank=None, header_optional=True),
    ),
)
FIELDS = tuple(column.field for column in SPEC.columns)


@dataclass(frozen=True)
class ResultRow:
    line_no: int
    reference_no: str
    basic_pension_no: str
    decision: str
    decided_on: date
    granted_kind: str
    period_start: date | None
    period_end: date | None  # the last day of the end month, like 免除情報's 免除終了日
    reason: str
    grade: int | None = None  # 障害等級 of a 支給決定


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _row_errors(row: dict, line: int, grant_optional: set[str]) -> list[RowError]:
    """The rules that tie the columns of one line together. A 承認 line names the kind and months
    granted unless its case is of a type whose result has none (`grant_optional`)."""
    errors = []
    if not row["reference_no"] and not row["basic_pension_no"]:
        errors.append(RowError(line, "整理番号", _("整理番号か基礎年金番号のどちらかを入力してください")))
    decision = row["decision"]
    if decision == Decision.APPROVED and row["reference_no"] in grant_optional:
        pass
    elif decision == Decision.APPROVED:
        if not row["granted_kind"]:
            errors.append(RowError(line, "免除種類", _("承認の行には免除種類が必要です")))
        if row["period_start"] is None:
            errors.append(RowError(line, "期間開始", _("承認の行には期間開始が必要です")))
    elif decision and row["granted_kind"]:
        errors.append(RowError(line, "免除種類", _("却下・返戻の行では免除種類を空欄にしてください")))
    if row["grade"] and decision != Decision.APPROVED:
        errors.append(RowError(line, "等級", _("等級は支給決定 (承認) の行にだけ入力してください")))
    if decision == Decision.RETURNED and not row["reason"]:
        errors.append(RowError(line, "理由", _("返戻の行には理由が必要です")))
    start, end = row["period_start"], row["period_end"]
    if start and end and end < start:
        errors.append(RowError(line, "期間終了", _("期間終了は期間開始以降の年月にしてください")))
    return errors


def results_read(
    data: bytes, grant_optional: Callable[[set[str]], set[str]] = lambda numbers: set()
) -> tuple[list[ResultRow], str]:
    """Every line checked; (rows, encoding) or ImportRejected listing every bad line.
    `grant_optional(numbers)` names the 整理番号 whose 承認 needs no 免除種類 or 期間."""
    text, encoding = decode(data)
    table = parse(text, SPEC.header_errors)
    checked = validate_columns(SPEC, table.header, table.rows, table.lines)
    errors = checked.errors
    rows: list[ResultRow] = []
    values = checked.typed
    # A column already reported for a line is not reported again by the cross-column rules.
    reported = {(error.line, error.column) for error in errors}
    optional = grant_optional({number for number in values["reference_no"] if number})
    for index, line in enumerate(checked.lines):
        row = {field: values[field][index] for field in FIELDS}
        row["grade"] = row["grade"] or None
        errors += [
            error for error in _row_errors(row, line, optional) if (line, error.column) not in reported
        ]
        if row["period_end"] is not None:
            row["period_end"] = month_end(row["period_end"])
        rows.append(ResultRow(line_no=line, **row))
    errors += duplicate_errors(
        values["reference_no"],
        checked.lines,
        "整理番号",
        lambda key, first: (
            _("整理番号「%(no)s」は%(first)d行目と重複しています") % {"no": key, "first": first}
        ),
    )
    if errors:
        raise ImportRejected(SPEC.sort_errors(errors))
    return rows, encoding
