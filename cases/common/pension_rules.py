"""`manage.py pension_rules`: the rule functions of rules-disability-qualification.md §4, by name, JSON in
and JSON out. Each part registers its functions from its own `pension_rules.py` (imported at start-up by
cases/apps.py); the rules themselves stay pure functions without the database. Dates are `YYYY-MM-DD`,
months `YYYY-MM`; extra result keys are allowed, missing input keys are an error naming the key."""

import datetime as dt
from collections.abc import Callable

from cases.common.identifiers.wareki import age_reached_on


class RuleInputError(ValueError):
    """The caller's JSON does not fit the function: the message names the key, in Japanese."""


_RULES: dict[str, Callable[[dict], dict]] = {}
_SUMMARIES: dict[str, str] = {}


def pension_rule(name: str, summary: str):
    """Registers a rule under its contract name. `summary` is what `pension_rules --list` shows: one whole
    sentence in Japanese (what it answers and its articles), not the docstring, which is for the code."""

    def register(function: Callable[[dict], dict]) -> Callable[[dict], dict]:
        _RULES[name] = function
        _SUMMARIES[name] = summary
        return function

    return register


def pension_rules() -> dict[str, Callable[[dict], dict]]:
    return dict(sorted(_RULES.items()))


def pension_rule_summaries() -> dict[str, str]:
    return {name: _SUMMARIES[name] for name in sorted(_RULES)}


def rule_run(name: str, data) -> dict:
    if name not in _RULES:
        raise RuleInputError(f"関数「{name}」はありません (使える関数: {', '.join(sorted(_RULES))})。")
    if not isinstance(data, dict):
        raise RuleInputError("入力は JSON オブジェクト ({…}) にしてください。")
    return _RULES[name](data)


# --- reading and writing JSON values --------------------------------------------------------------


def required(data: dict, key: str):
    if key not in data or data[key] is None:
        raise RuleInputError(f"「{key}」がありません。")
    return data[key]


def date_in(data: dict, key: str, *, optional: bool = False) -> dt.date | None:
    if optional and data.get(key) in (None, ""):
        return None
    value = required(data, key)
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RuleInputError(f"「{key}」は YYYY-MM-DD の日付にしてください (「{value}」)。") from None


def month_in(data: dict, key: str, *, optional: bool = False) -> dt.date | None:
    if optional and data.get(key) in (None, ""):
        return None
    value = required(data, key)
    try:
        return dt.date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        raise RuleInputError(f"「{key}」は YYYY-MM の年月にしてください (「{value}」)。") from None


def int_in(data: dict, key: str, *, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleInputError(f"「{key}」は整数にしてください。")
    return value


def bool_in(data: dict, key: str, *, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise RuleInputError(f"「{key}」は true か false にしてください。")
    return value


def choice_in(data: dict, key: str, choices, *, default=None):
    value = data.get(key, default)
    if value not in choices:
        raise RuleInputError(f"「{key}」は {', '.join(str(c) for c in choices)} のどれかにしてください。")
    return value


def date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def month_out(value: dt.date | None) -> str | None:
    return f"{value:%Y-%m}" if value else None


# --- §1 the common date rules ---------------------------------------------------------------------


@pension_rule(
    "age_reached_date",
    "年齢到達日: 誕生日の前日 (2月29日生まれは2月28日。年齢計算ニ関スル法律・民法143条)。",
)
def age_reached_date(data: dict) -> dict:
    """年齢計算ニ関スル法律 and 民法143条: the day before the birthday (born 29 February: 28 February)."""
    return {"date": date_out(age_reached_on(date_in(data, "birth_date"), int_in(data, "age")))}


@pension_rule(
    "deferral_last_month",
    "納付猶予の対象となる最後の月: 50歳到達日を含む月の前月 (平成26年法律第64号附則14条1項)。",
)
def deferral_last_month(data: dict) -> dict:
    """平成26年法律第64号附則14条1項: 納付猶予 covers months up to the month before the month that contains
    the 50歳到達日 (the day before the 50th birthday)."""
    reached = age_reached_on(date_in(data, "birth_date"), 50)
    return {"month": month_out((reached.replace(day=1) - dt.timedelta(days=1)).replace(day=1))}
