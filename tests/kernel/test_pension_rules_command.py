"""`manage.py pension_rules`: functions by name, JSON in and out, bad input named in Japanese (exit 2)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(function: str, payload) -> object:
    out = io.StringIO()
    call_command("pension_rules", function, stdin=io.StringIO(json.dumps(payload)), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("birth", "age", "reached"),
    [
        ("2000-04-01", 20, "2020-03-31"),  # 年齢計算ニ関スル法律: the day before the birthday
        ("2000-01-01", 20, "2019-12-31"),  # across the year
        ("2004-02-29", 20, "2024-02-28"),  # born 29 February, leap year: 28 February
        ("2004-02-29", 21, "2025-02-28"),  # … and in a common year too (民法143条)
    ],
)
def test_age_reached_date_is_the_day_before_the_birthday(birth, age, reached):
    assert run("age_reached_date", {"birth_date": birth, "age": age}) == {"date": reached}


def test_a_list_of_inputs_gives_a_list_of_answers():
    answers = run(
        "age_reached_date", [{"birth_date": "1966-05-10", "age": 60}, {"birth_date": "1966-05-10", "age": 65}]
    )
    assert answers == [{"date": "2026-05-09"}, {"date": "2031-05-09"}]


@pytest.mark.parametrize(
    ("function", "payload", "message"),
    [
        ("no_such_rule", {}, "関数「no_such_rule」はありません"),
        ("age_reached_date", {"age": 20}, "「birth_date」がありません"),
        ("age_reached_date", {"birth_date": "2000/04/01", "age": 20}, "YYYY-MM-DD"),
        ("age_reached_date", {"birth_date": "2000-04-01", "age": "20"}, "「age」は整数"),
        ("age_reached_date", [1], "JSON オブジェクト"),
    ],
)
def test_bad_input_names_the_key_and_exits_2(function, payload, message):
    with pytest.raises(CommandError, match=message) as caught:
        run(function, payload)
    assert caught.value.returncode == 2
