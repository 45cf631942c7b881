"""`manage.py pension_rules`: functions by name, JSON in and out, bad input named in Japanese (exit 2)."""

import io
import json
import re

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


def test_a_batch_answers_every_line_in_order_and_a_bad_line_does_not_stop_the_rest():
    lines = [
        {"fn": "age_reached_date", "input": {"birth_date": "1966-05-10", "age": 60}},
        {"fn": "age_reached_date", "input": {"birth_date": "1966-05-10"}},
        "not json",
        {"fn": "age_reached_date", "input": {"birth_date": "1966-05-10", "age": 65}},
    ]
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    out = io.StringIO()
    call_command("pension_rules", "--batch", stdin=io.StringIO(text), stdout=out)
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert answers[0] == {"date": "2026-05-09"} and answers[3] == {"date": "2031-05-09"}
    assert "「age」" in answers[1]["error"] and "JSON" in answers[2]["error"]


@pytest.mark.parametrize(
    ("birth", "last"),
    [
        ("1977-01-01", "2026-11"),  # 50歳到達 2026-12-31: up to November 2026 (平26法附則14条1項)
        ("1976-08-01", "2026-06"),  # 50歳到達 2026-07-31: not one month of 免除年度 2026
        ("1976-08-02", "2026-07"),  # 50歳到達 2026-08-01: July 2026 is the last
    ],
)
def test_deferral_last_month_is_the_month_before_the_50th_age_reached_month(birth, last):
    assert run("deferral_last_month", {"birth_date": birth}) == {"month": last}


@pytest.mark.parametrize(
    ("function", "payload", "message"),
    [
        ("no_such_rule", {}, "関数「no_such_rule」はありません"),
        ("age_reached_date", {"age": 20}, "「birth_date」がありません"),
        ("age_reached_date", {"birth_date": "2000/04/01", "age": 20}, "YYYY-MM-DD"),
        ("age_reached_date", {"birth_date": "2000-04-01", "age": "20"}, "「age」は整数"),
        ("age_reached_date", [1], "JSON オブジェクト"),
        ("", {}, "関数名を指定してください"),
        ("", {}, "関数名を指定してください"),
    ],
)
def test_bad_input_names_the_key_and_exits_2(function, payload, message):
    with pytest.raises(CommandError, match=message) as caught:
        run(function, payload)
    assert caught.value.returncode == 2


def listed() -> dict[str, str]:
    out = io.StringIO()
    call_command("pension_rules", "--list", stdout=out)
    return dict(line.split("\t") for line in out.getvalue().splitlines())


def test_the_list_gives_every_rule_a_whole_one_line_description_in_japanese():
    """It was each docstring's first line: cut mid-sentence where the docstring wrapped ("…the month that
    contains", "…day 14") and half English."""
    from cases.common.pension_rules import pension_rules

    descriptions = listed()
    assert list(descriptions) == list(pension_rules())
    for name, description in descriptions.items():
        assert description.endswith("。"), (name, description)
        assert not re.search(r"[A-Za-z]", description), (name, description)
    assert "50歳到達日を含む月の前月" in descriptions["deferral_last_month"]
    assert "14日目" in descriptions["filing_deadline_status"]
    assert "要確認" in descriptions["filing_deadline_status"]
