import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.usefixtures("screening_rules")

REPO = Path(__file__).resolve().parents[2]
NON_STUDENT_ELIGIBLE = [
    {"kind": "full", "eligible": True, "blocked": None, "failed": []},
    {"kind": "three_quarters", "eligible": True, "blocked": None, "failed": []},
    {"kind": "half", "eligible": True, "blocked": None, "failed": []},
    {"kind": "quarter", "eligible": True, "blocked": None, "failed": []},
    {"kind": "deferral", "eligible": True, "blocked": None, "failed": []},
    {"kind": "student", "eligible": False, "blocked": "not_student", "failed": []},
]
SUMMARY_KEYS = ("kind", "eligible", "blocked", "failed")


def summary(output: dict) -> dict:
    """The version-1 view of a version-2 answer: results without `details` and `last_month`."""
    return {
        "results": [{key: result[key] for key in SUMMARY_KEYS} for result in output["results"]],
        "best": output["best"],
    }


def person(**fields) -> dict:
    base = {
        "income": 0,
        "deductions": 0,
        "dependants": {"general": 0, "elderly": 0, "specified": 0},
        "disabled": False,
        "special_disabled": False,
        "widow": False,
        "single_parent": False,
        "working_student": False,
    }
    return {**base, **fields}


def run(payload) -> dict:
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    out = io.StringIO()
    call_command("screen_exemption", stdin=io.StringIO(raw), stdout=out)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    return json.loads(text)


def run_error(raw: str) -> str:
    out = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("screen_exemption", stdin=io.StringIO(raw), stdout=out)
    assert excinfo.value.returncode == 2
    assert out.getvalue() == ""
    return str(excinfo.value)


def test_single_applicant_at_the_full_limit_gets_everything_but_student():
    output = run({"age": 30, "is_student": False, "applicant": person(income=670_000)})
    assert summary(output) == {"results": NON_STUDENT_ELIGIBLE, "best": "full"}


def test_spouse_and_householder_failures_are_reported_per_kind():
    output = run(
        {
            "age": 50,
            "is_student": False,
            "applicant": person(income=700_000, deductions=200_000),
            "spouse": person(income=1_000_000, dependants={"general": 1, "elderly": 0, "specified": 0}),
            "householder": person(income=3_000_000),
        }
    )
    assert summary(output) == {
        "results": [
            {"kind": "full", "eligible": False, "blocked": None, "failed": ["applicant", "householder"]},
            {"kind": "three_quarters", "eligible": False, "blocked": None, "failed": ["householder"]},
            {"kind": "half", "eligible": False, "blocked": None, "failed": ["householder"]},
            {"kind": "quarter", "eligible": False, "blocked": None, "failed": ["householder"]},
            {"kind": "deferral", "eligible": False, "blocked": "age", "failed": []},
            {"kind": "student", "eligible": False, "blocked": "not_student", "failed": []},
        ],
        "best": None,
    }


def test_student_output():
    output = run({"age": 20, "is_student": True, "applicant": person(income=1_280_001)})
    assert output["best"] is None
    assert [(r["kind"], r["blocked"]) for r in output["results"]] == [
        ("full", "student"),
        ("three_quarters", "student"),
        ("half", "student"),
        ("quarter", "student"),
        ("deferral", "student"),
        ("student", None),
    ]
    assert summary(output)["results"][-1] == {
        "kind": "student",
        "eligible": False,
        "blocked": None,
        "failed": ["applicant"],
    }


def test_missing_fields_default_to_zero_and_false():
    output = run({"applicant": {"income": 670_000, "dependants": {}}})
    assert output["best"] == "full"
    # No age given: 納付猶予 cannot be judged.
    assert summary(output)["results"][4] == {
        "kind": "deferral",
        "eligible": False,
        "blocked": "age_unknown",
        "failed": [],
    }
    assert run({"applicant": {}, "age": None, "spouse": None})["best"] == "full"
    assert run({"applicant": {"income": 670_001}})["best"] == "three_quarters"


def test_missing_dependant_keys_count_as_zero():
    output = run({"age": 30, "applicant": {"income": 1_020_000, "dependants": {"elderly": 1}}})
    assert output["best"] == "full"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"applicant": {"income": "700000"}}', "applicant.income は0以上の整数 (円) で指定してください"),
        ('{"applicant": {"income": -1}}', "applicant.income は0以上の整数 (円) で指定してください"),
        ('{"applicant": {"income": 700000.0}}', "applicant.income は0以上の整数 (円) で指定してください"),
        ('{"applicant": {"income": true}}', "applicant.income は0以上の整数 (円) で指定してください"),
        ('{"applicant": {"income": null}}', "applicant.income は0以上の整数 (円) で指定してください"),
        (
            '{"applicant": {}, "spouse": {"deductions": 1.5}}',
            "spouse.deductions は0以上の整数 (円) で指定してください",
        ),
        ('{"applicant": {"disabled": 1}}', "applicant.disabled は true または false で指定してください"),
        (
            '{"applicant": {"dependants": {"general": -1}}}',
            "applicant.dependants.general は0以上の整数 (人数)",
        ),
        ('{"applicant": {"dependants": []}}', "applicant.dependants はオブジェクトで指定してください"),
        ('{"applicant": {"incom": 1}}', "applicant.incom は不明な項目です"),
        ('{"applicant": {}, "children": []}', "children は不明な項目です"),
        ('{"applicant": {}, "age": "30"}', "age は0以上の整数 (歳) または null で指定してください"),
        ('{"applicant": {}, "age": 30.5}', "age は0以上の整数 (歳) または null で指定してください"),
        ('{"applicant": {}, "is_student": "no"}', "is_student は true または false で指定してください"),
        ('{"applicant": {}, "householder": 5}', "householder はオブジェクトまたは null で指定してください"),
        ('{"age": 30}', "applicant は必須です"),
        ('{"applicant": null}', "applicant は必須です"),
        ('{"applicant": []}', "applicant はオブジェクトで指定してください"),
        ("[1, 2]", "入力は JSON オブジェクト"),
        ("700000", "入力は JSON オブジェクト"),
        ('{"applicant": {}', "入力を JSON として読めません"),
        ('{"applicant": {}} {"applicant": {}}', "入力を JSON として読めません"),
        ("", "入力が空です"),
    ],
)
def test_bad_input_is_a_japanese_error_naming_the_field(raw, message):
    assert message in run_error(raw)


def test_command_line_exit_code_stderr_and_empty_stdout(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"applicant": {"income": "x"}}'))
    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["manage.py", "screen_exemption"])
    captured = capsys.readouterr()
    assert excinfo.value.code == 2
    assert captured.out == ""
    assert "applicant.income は0以上の整数 (円) で指定してください" in captured.err


def _manage(stdin: bytes, database_name: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database_name}",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "screen_exemption"],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_real_process_reads_stdin_and_writes_one_json_object():
    # transaction=True: the subprocess must see the committed rule sets.
    name = connection.settings_dict["NAME"]
    ok = _manage(b'{"age": 30, "applicant": {"income": 670000}}', name)
    assert ok.returncode == 0, ok.stderr.decode()
    assert summary(json.loads(ok.stdout)) == {"results": NON_STUDENT_ELIGIBLE, "best": "full"}

    bad = _manage(b'{"applicant": {"income": 1.5}}', name)
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert "applicant.income は0以上の整数 (円) で指定してください" in bad.stderr.decode()
