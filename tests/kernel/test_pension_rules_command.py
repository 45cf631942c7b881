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
    out, err = io.StringIO(), io.StringIO()
    # An error is that line's answer: the batch goes on and exits 0 (the acceptance table reads lines),
    # naming the lines answered with an error on stderr.
    call_command("pension_rules", "--batch", stdin=io.StringIO(text), stdout=out, stderr=err)
    assert "(2行目, 3行目)" in err.getvalue()
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


def batch(text: str) -> tuple[list[dict], str]:
    """The answers, and what went to stderr (the batch itself always exits 0)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("pension_rules", "--batch", stdin=io.StringIO(text), stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue().strip()


def test_a_bad_json_line_is_named_in_japanese_with_its_line_and_column_and_its_number_on_stderr():
    good = json.dumps({"fn": "age_reached_date", "input": {"birth_date": "1966-05-10", "age": 60}})
    answers, failed = batch(f'{good}\n\n{{"fn": }}\n{good}\n[1]\n')
    assert len(answers) == 4 and answers[0] == answers[2] == {"date": "2026-05-09"}
    assert answers[1] == {"error": "3行目 8文字目: JSON として読み取れません (値がありません)。"}
    assert answers[3]["error"].startswith("5行目: ") and "{" in answers[3]["error"]
    assert failed == "2行はエラーを返しました (3行目, 5行目)。ほかの行の結果は出力済みです。"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{"fn" "age_reached_date"}', "「:」がありません"),
        ("{'fn': 1}", "キーは二重引用符"),
        ('{"fn": "x"} 7', "余分な文字"),
        ('{"fn": "x', "閉じられていません"),
        ('{"fn": "x" "input": {}}', "「,」がありません"),
    ],
)
def test_every_json_mistake_is_said_in_japanese(line, said):
    answers, failed = batch(line)
    assert said in answers[0]["error"] and answers[0]["error"].startswith("1行目 ")
    assert not re.search(r"[A-Za-z]{3,}", answers[0]["error"].replace("JSON", ""))
    assert "1行目" in failed


def test_a_batch_without_a_bad_line_says_nothing_on_stderr():
    good = json.dumps({"fn": "deferral_last_month", "input": {"birth_date": "1977-01-01"}})
    assert batch(f"{good}\n{good}") == ([{"month": "2026-11"}] * 2, "")


def test_one_object_that_is_not_json_is_named_in_japanese_with_line_and_column():
    with pytest.raises(CommandError) as caught:
        call_command(
            "pension_rules", "age_reached_date", stdin=io.StringIO('{\n  "age": 20,\n}'), stdout=io.StringIO()
        )
    assert caught.value.returncode == 2
    assert "3行目 1文字目" in str(caught.value) and "Expecting" not in str(caught.value)


def test_the_help_states_the_exit_codes():
    from cases.management.commands.pension_rules import Command

    assert "終了コード" in Command().help and "--batch は全行に答えて 0" in Command().help


@pytest.mark.parametrize("batch_mode", [False, True])
def test_input_that_is_not_utf8_is_named_without_a_traceback(batch_mode):
    """A file saved in Shift_JIS (a spreadsheet's default) ended in a UnicodeDecodeError traceback."""
    raw = '{"birth_date": "1966-05-10", "age": 60, "note": "旭川"}'.encode("cp932")

    class Stdin(io.StringIO):
        buffer = io.BytesIO(raw)

    args = ["--batch"] if batch_mode else ["age_reached_date"]
    with pytest.raises(CommandError) as caught:
        call_command("pension_rules", *args, stdin=Stdin(), stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert "UTF-8" in str(caught.value) and "バイト目" in str(caught.value)
