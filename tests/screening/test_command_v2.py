"""`screen_exemption` speaks version 2 of its JSON contract (screening-contract.md, docs/screening.md)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.exemption.periods import fiscal_year_of
from cases.exemption.screening.params import tokyo_today

pytestmark = pytest.mark.usefixtures("screening_rules")


def run(payload: dict) -> dict:
    out = io.StringIO()
    call_command("screen_exemption", stdin=io.StringIO(json.dumps(payload)), stdout=out)
    return json.loads(out.getvalue())


def run_error(payload) -> str:
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    out = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("screen_exemption", stdin=io.StringIO(raw), stdout=out)
    assert excinfo.value.returncode == 2 and out.getvalue() == ""
    return str(excinfo.value)


def result(output: dict, kind: str) -> dict:
    return next(item for item in output["results"] if item["kind"] == kind)


def test_the_answer_has_exactly_the_version_2_keys():
    output = run({"age": 30, "applicant": {"income": 700_000}})
    assert set(output) == {"fiscal_year", "best", "results"}
    assert output["fiscal_year"] == fiscal_year_of(tokyo_today(), student=False)
    for item in output["results"]:
        expected = {"kind", "eligible", "failed", "blocked", "details"}
        assert set(item) == (expected | {"last_month"} if item["kind"] == "deferral" else expected)
    assert result(output, "full")["details"] == [
        {
            "role": "applicant",
            "income": 700_000,
            "deducted": 0,
            "compared": 700_000,
            "limit": 670_000,
            "passed": False,
            "route": "formula",
        }
    ]


def test_version_1_input_gives_the_version_1_answer_where_the_law_agrees():
    output = run(
        {
            "age": 30,
            "is_student": False,
            "applicant": {
                "income": 1_000_000,
                "deductions": 100_000,
                "dependants": {"general": 1, "elderly": 0, "specified": 0},
                "disabled": False,
                "special_disabled": False,
                "widow": False,
                "single_parent": False,
                "working_student": False,
            },
            "spouse": None,
            "householder": None,
        }
    )
    assert output["best"] == "full"
    assert (
        result(output, "deferral")["last_month"] == f"{fiscal_year_of(tokyo_today(), student=False) + 1}-06"
    )


def test_new_dependant_keys_loss_carryover_and_disability_deductions():
    """令5条の4, 令6条の7, 令6条の11, 令6条の12第2項2号 through the JSON."""
    output = run(
        {
            "age": 30,
            "applicant": {"income": 0},
            "spouse": {"income": 1_300_000, "dependants": {"general": 1, "under16": 2}},
        }
    )
    assert result(output, "full")["eligible"]
    assert result(output, "full")["details"][1]["limit"] == 1_720_000
    teen = run({"age": 30, "applicant": {"income": 1_910_000, "dependants": {"aged16to18": 1}}})
    assert result(teen, "half")["eligible"]
    carried = run({"age": 30, "applicant": {"income": 600_000, "loss_carryover": 100_000}})
    assert not result(carried, "full")["eligible"] and result(carried, "three_quarters")["eligible"]
    assert result(carried, "full")["details"][0]["compared"] == 700_000
    counted = run(
        {
            "age": 30,
            "applicant": {"income": 1_950_000, "disability_deductions": {"ordinary": 1, "special": 1}},
        }
    )
    assert result(counted, "half")["eligible"]
    assert result(counted, "half")["details"][0]["deducted"] == 670_000


def test_disability_deductions_default_from_the_flags():
    output = run({"age": 30, "applicant": {"income": 1_680_000, "special_disabled": True}})
    assert result(output, "half")["details"][0]["deducted"] == 400_000
    routed = result(run({"age": 30, "applicant": {"income": 1_350_000, "widow": True}}), "three_quarters")
    assert routed["eligible"] and routed["details"][0]["route"] == "alt"


def test_birth_date_and_period_decide_the_deferral_months():
    """平成26年法律第64号附則14条1項 (A6)."""
    base = {"applicant": {"income": 0}, "period": {"from": "2026-07", "to": "2027-06"}}
    output = run({**base, "birth_date": "1977-01-01"})
    assert output["fiscal_year"] == 2026
    deferral = result(output, "deferral")
    assert deferral["eligible"] and deferral["last_month"] == "2026-11"
    blocked = result(run({**base, "birth_date": "1976-08-01"}), "deferral")
    assert blocked == {
        "kind": "deferral",
        "eligible": False,
        "failed": [],
        "blocked": "age",
        "details": [],
        "last_month": None,
    }
    # birth_date decides even when an age is given too.
    assert result(run({**base, "birth_date": "1977-01-01", "age": 20}), "deferral")["last_month"] == "2026-11"


def test_the_period_chooses_the_rule_set():
    old = run({"age": 30, "applicant": {"income": 600_000}, "period": {"from": "2019-07", "to": "2020-06"}})
    assert old["fiscal_year"] == 2019
    assert result(old, "full")["details"][0]["limit"] == 570_000
    student = run(
        {"applicant": {"income": 0}, "is_student": True, "period": {"from": "2027-01", "to": "2027-03"}}
    )
    assert student["fiscal_year"] == 2026 and student["best"] == "student"


@pytest.mark.parametrize("kind", ["voluntary", "special_elderly"])
def test_insured_kind_other_than_category1_blocks_everything(kind):
    """法附則5条10項; 平成26年法附則14条4項; 平成16年法附則23条10項 (A7)."""
    output = run({"age": 30, "is_student": True, "insured_kind": kind, "applicant": {"income": 0}})
    assert output["best"] is None
    assert {item["blocked"] for item in output["results"]} == {"not_category1"}
    assert run({"age": 30, "insured_kind": "category1", "applicant": {"income": 0}})["best"] == "full"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"applicant": {}, "birth_date": "1977/01/01"}, "birth_date は YYYY-MM-DD 形式"),
        ({"applicant": {}, "birth_date": "1977-02-30"}, "birth_date は YYYY-MM-DD 形式"),
        ({"applicant": {}, "birth_date": 19770101}, "birth_date は YYYY-MM-DD 形式"),
        ({"applicant": {}, "birth_date": "9990-01-01"}, "birth_date は1900年1月1日から今日までの日付"),
        ({"applicant": {}, "birth_date": "1899-12-31"}, "birth_date は1900年1月1日から今日までの日付"),
        ({"applicant": {}, "period": {"from": "9999-07", "to": "9999-12"}}, "period.from は1900年〜2099年"),
        ({"applicant": {}, "period": "2026-07"}, "period はオブジェクトで指定してください"),
        ({"applicant": {}, "period": {"from": "2026-07"}}, "period.to は YYYY-MM 形式"),
        ({"applicant": {}, "period": {"from": "2026-13", "to": "2027-06"}}, "period.from は YYYY-MM 形式"),
        ({"applicant": {}, "period": {"from": "2026-07", "to": "2026-06"}}, "period.to は period.from 以降"),
        ({"applicant": {}, "period": {"from": "2026-05", "to": "2026-08"}}, "period は1つの免除年度"),
        (
            {"applicant": {}, "period": {"from": "2026-07", "to": "2027-06", "x": 1}},
            "period.x は不明な項目です",
        ),
        (
            {"applicant": {}, "insured_kind": "category2"},
            "insured_kind は category1・voluntary・special_elderly",
        ),
        ({"applicant": {"loss_carryover": -1}}, "applicant.loss_carryover は0以上の整数 (円)"),
        (
            {"applicant": {"dependants": {"under16": "2"}}},
            "applicant.dependants.under16 は0以上の整数 (人数)",
        ),
        ({"applicant": {"dependants": {"aged16to18": 1.0}}}, "applicant.dependants.aged16to18 は0以上の整数"),
        ({"applicant": {"disability_deductions": []}}, "applicant.disability_deductions はオブジェクト"),
        (
            {"applicant": {"disability_deductions": {"ordinary": True}}},
            "applicant.disability_deductions.ordinary は0以上の整数 (人数)",
        ),
        (
            {"applicant": {"disability_deductions": {"self": 1}}},
            "applicant.disability_deductions.self は不明な項目です",
        ),
    ],
)
def test_bad_version_2_input_is_a_japanese_error_naming_the_field(payload, message):
    assert message in run_error(payload)
