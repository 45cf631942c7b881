"""The `screen_exemption` JSON contract, version 2: strict parsing in, exact keys out.

Missing person fields default to 0/false, but a present field of the wrong type is an error, and so
is an unknown key: a misspelt "incom" silently read as income 0 would pass every test. Version-1
inputs (no birth_date, period, insured_kind, loss_carryover, disability_deductions, aged16to18,
under16) are version-2 inputs with those keys left out.
"""

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
from cases.exemption.screening.rules import (
    APPLICANT,
    DEFERRAL,
    HOUSEHOLDER,
    SPOUSE,
    PersonIncome,
    ScreeningInput,
    ScreeningResult,
)
from cases.exemption.screening.values import INSURED_KINDS, parse_month

_AMOUNTS = ("income", "loss_carryover", "deductions")
_FLAGS = ("disabled", "special_disabled", "widow", "single_parent", "working_student")
_DEPENDANTS = ("general", "elderly", "specified", "aged16to18", "under16")
_DISABILITY = ("ordinary", "special")
_PERSON_KEYS = frozenset((*_AMOUNTS, "dependants", "disability_deductions", *_FLAGS))
_TOP_KEYS = frozenset(
    ("age", "birth_date", "period", "is_student", "insured_kind", APPLICANT, SPOUSE, HOUSEHOLDER)
)


class PayloadError(ValueError):
    """Message is Japanese and names the offending field."""


@dataclass(frozen=True)
class Payload:
    data: ScreeningInput
    fiscal_year: int  # 免除年度 (学生: 学生年度) of the period: it chooses the rule set


def _is_int(value: object) -> bool:
    # bool is an int subclass in Python; JSON true must not pass as 1.
    return type(value) is int


def _reject_unknown(obj: Mapping, allowed: frozenset[str], prefix: str) -> None:
    for key in obj:
        if key not in allowed:
            raise PayloadError(f"{prefix}{key} は不明な項目です")


def _amount(obj: Mapping, key: str, path: str, unit: str) -> int:
    value = obj.get(key, 0)
    if not _is_int(value) or value < 0:
        raise PayloadError(f"{path} は0以上の整数 ({unit}) で指定してください")
    return value


def _flag(obj: Mapping, key: str, path: str) -> bool:
    value = obj.get(key, False)
    if type(value) is not bool:
        raise PayloadError(f"{path} は true または false で指定してください")
    return value


def _object(value: object, path: str) -> dict:
    if not isinstance(value, dict):
        raise PayloadError(f"{path} はオブジェクトで指定してください")
    return value


def _person(value: object, role: str, *, required: bool) -> PersonIncome | None:
    if value is None:
        if required:
            raise PayloadError(f"{role} は必須です (オブジェクトで指定してください)")
        return None
    if not isinstance(value, dict):
        kind = "オブジェクト" if required else "オブジェクトまたは null "
        raise PayloadError(f"{role} は{kind}で指定してください")
    _reject_unknown(value, _PERSON_KEYS, f"{role}.")
    dependants = _object(value.get("dependants", {}), f"{role}.dependants")
    _reject_unknown(dependants, frozenset(_DEPENDANTS), f"{role}.dependants.")
    counts: dict[str, int | None] = {"disability_ordinary": None, "disability_special": None}
    if "disability_deductions" in value:
        disability = _object(value["disability_deductions"], f"{role}.disability_deductions")
        _reject_unknown(disability, frozenset(_DISABILITY), f"{role}.disability_deductions.")
        for key in _DISABILITY:
            counts[f"disability_{key}"] = _amount(
                disability, key, f"{role}.disability_deductions.{key}", "人数"
            )
    return PersonIncome(
        **{key: _amount(value, key, f"{role}.{key}", "円") for key in _AMOUNTS},
        **{key: _amount(dependants, key, f"{role}.dependants.{key}", "人数") for key in _DEPENDANTS},
        **{key: _flag(value, key, f"{role}.{key}") for key in _FLAGS},
        **counts,
    )


# As the screens' date fields (cases/common/fields.py): nothing on file is older, no period later.
_FIRST_YEAR, _LAST_YEAR = 1900, 2099


def _birth_date(value: object, *, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        born = dt.date.fromisoformat(value)
    except ValueError:
        raise PayloadError(
            "birth_date は YYYY-MM-DD 形式の日付 (例: 1977-01-01) で指定してください"
        ) from None
    if not dt.date(_FIRST_YEAR, 1, 1) <= born <= today:
        raise PayloadError(f"birth_date は{_FIRST_YEAR}年1月1日から今日までの日付で指定してください")
    return born


def _period(value: object, *, student: bool, today: dt.date) -> tuple[dt.date, dt.date]:
    """The months applied for; one 免除年度 (July–June) or, for a student, one 学生年度 (April–March)."""
    if value is None:
        return fiscal_year_bounds(fiscal_year_of(today, student=student), student=student)
    period = _object(value, "period")
    _reject_unknown(period, frozenset(("from", "to")), "period.")
    months = []
    for key in ("from", "to"):
        month = parse_month(period.get(key))  # type: ignore[arg-type]
        if month is None:
            raise PayloadError(f"period.{key} は YYYY-MM 形式の年月 (例: 2026-07) で指定してください")
        if not _FIRST_YEAR <= month.year <= _LAST_YEAR:
            raise PayloadError(f"period.{key} は{_FIRST_YEAR}年〜{_LAST_YEAR}年の年月で指定してください")
        months.append(month)
    first, last = months
    if last < first:
        raise PayloadError("period.to は period.from 以降の年月で指定してください")
    if fiscal_year_of(first, student=student) != fiscal_year_of(last, student=student):
        year = "学生年度 (4月〜翌年3月)" if student else "免除年度 (7月〜翌年6月)"
        raise PayloadError(f"period は1つの{year}の中で指定してください")
    return first, last


def _load(raw: str | bytes) -> dict:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PayloadError("入力は UTF-8 の JSON で指定してください") from exc
    if not raw.strip():
        raise PayloadError("入力が空です。JSON オブジェクトを1つ指定してください")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        where = f" (行 {exc.lineno}, 列 {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise PayloadError(f"入力を JSON として読めません{where}") from exc
    if not isinstance(data, dict):
        raise PayloadError("入力は JSON オブジェクト ({...}) で指定してください")
    _reject_unknown(data, _TOP_KEYS, "")
    return data


def payload_parse(raw: str | bytes, *, today: dt.date) -> Payload:
    """`today` (Asia/Tokyo) gives the default period: the current 免除年度 (学生: 学生年度)."""
    data = _load(raw)
    age = data.get("age")
    if age is not None and (not _is_int(age) or age < 0):
        raise PayloadError("age は0以上の整数 (歳) または null で指定してください")
    is_student = _flag(data, "is_student", "is_student")
    insured_kind = data.get("insured_kind", "category1")
    if insured_kind not in INSURED_KINDS:
        raise PayloadError(
            "insured_kind は category1・voluntary・special_elderly のいずれかで指定してください"
        )
    period = _period(data.get("period"), student=is_student, today=today)
    screening = ScreeningInput(
        applicant=_person(data.get(APPLICANT), APPLICANT, required=True),  # type: ignore[arg-type]
        spouse=_person(data.get(SPOUSE), SPOUSE, required=False),
        householder=_person(data.get(HOUSEHOLDER), HOUSEHOLDER, required=False),
        age=age,
        birth_date=_birth_date(data.get("birth_date"), today=today),
        period=period,
        is_student=is_student,
        insured_kind=insured_kind,
    )
    return Payload(data=screening, fiscal_year=fiscal_year_of(period[0], student=is_student))


def _details(kind) -> list[dict]:
    return [
        {
            "role": check.role,
            "income": check.income,
            "deducted": check.deducted,
            "compared": check.compared,
            "limit": check.limit,
            "passed": check.passed,
            "route": "alt" if check.alt_route else "formula",
        }
        for check in kind.checks
    ]


def payload_render(result: ScreeningResult, *, fiscal_year: int) -> dict:
    results = []
    for kind in result.results:
        item = {
            "kind": kind.kind,
            "eligible": kind.eligible,
            "failed": list(kind.failed),
            "blocked": kind.blocked,
            "details": _details(kind),
        }
        if kind.kind == DEFERRAL:
            item["last_month"] = kind.last_month.strftime("%Y-%m") if kind.last_month else None
        results.append(item)
    return {"fiscal_year": fiscal_year, "best": result.best, "results": results}


def payload_dumps(result: ScreeningResult, *, fiscal_year: int) -> str:
    return json.dumps(payload_render(result, fiscal_year=fiscal_year), ensure_ascii=False)
