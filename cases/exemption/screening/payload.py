"""The `screen_exemption` JSON contract: strict parsing in, exact keys out.

Missing person fields default to 0/false, but a present field of the wrong type is an error, and so
is an unknown key: a misspelt "incom" silently read as income 0 would pass every test.
"""

import json
from collections.abc import Mapping

from cases.exemption.screening.rules import (
    APPLICANT,
    HOUSEHOLDER,
    SPOUSE,
    PersonIncome,
    ScreeningInput,
    ScreeningResult,
)

_AMOUNTS = ("income", "deductions")
_FLAGS = ("disabled", "special_disabled", "widow", "single_parent", "working_student")
_DEPENDANTS = ("general", "elderly", "specified")
_PERSON_KEYS = frozenset((*_AMOUNTS, "dependants", *_FLAGS))
_TOP_KEYS = frozenset(("age", "is_student", APPLICANT, SPOUSE, HOUSEHOLDER))


class PayloadError(ValueError):
    """Message is Japanese and names the offending field."""


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


def _person(value: object, role: str, *, required: bool) -> PersonIncome | None:
    if value is None:
        if required:
            raise PayloadError(f"{role} は必須です (オブジェクトで指定してください)")
        return None
    if not isinstance(value, dict):
        kind = "オブジェクト" if required else "オブジェクトまたは null "
        raise PayloadError(f"{role} は{kind}で指定してください")
    _reject_unknown(value, _PERSON_KEYS, f"{role}.")
    dependants = value.get("dependants", {})
    if not isinstance(dependants, dict):
        raise PayloadError(f"{role}.dependants はオブジェクトで指定してください")
    _reject_unknown(dependants, frozenset(_DEPENDANTS), f"{role}.dependants.")
    return PersonIncome(
        **{key: _amount(value, key, f"{role}.{key}", "円") for key in _AMOUNTS},
        **{key: _amount(dependants, key, f"{role}.dependants.{key}", "人数") for key in _DEPENDANTS},
        **{key: _flag(value, key, f"{role}.{key}") for key in _FLAGS},
    )


def payload_parse(raw: str | bytes) -> ScreeningInput:
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
    age = data.get("age")
    if age is not None and (not _is_int(age) or age < 0):
        raise PayloadError("age は0以上の整数 (歳) または null で指定してください")
    return ScreeningInput(
        applicant=_person(data.get(APPLICANT), APPLICANT, required=True),
        spouse=_person(data.get(SPOUSE), SPOUSE, required=False),
        householder=_person(data.get(HOUSEHOLDER), HOUSEHOLDER, required=False),
        age=age,
        is_student=_flag(data, "is_student", "is_student"),
    )


def payload_render(result: ScreeningResult) -> dict:
    return {
        "results": [
            {
                "kind": kind.kind,
                "eligible": kind.eligible,
                "blocked": kind.blocked,
                "failed": list(kind.failed),
            }
            for kind in result.results
        ],
        "best": result.best,
    }


def payload_dumps(result: ScreeningResult) -> str:
    return json.dumps(payload_render(result), ensure_ascii=False)
