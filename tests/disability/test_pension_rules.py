"""`manage.py pension_rules` for the 障害基礎年金 functions of the rule sheet §4: the contract's names and
keys, one object or a batch, bad input named in Japanese with exit code 2."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.disability.helpers import pension_rules_run as run

pytestmark = pytest.mark.django_db


def test_the_contract_functions_are_all_listed():
    out = io.StringIO()
    call_command("pension_rules", "--list", stdout=out)
    names = {line.split("\t")[0] for line in out.getvalue().splitlines()}
    assert {
        "age_reached_date",
        "disability_recognition_date",
        "claim_kind",
        "contribution_requirement",
        "claim_office",
        "payment_start_month",
        "deferral_last_month",
    } <= names


def test_ho30_1_recognition_date_with_a_special_event_and_before_20():
    assert run("disability_recognition_date", {"first_visit": "2024-01-15"})["date"] == "2025-07-15"
    found = run(
        "disability_recognition_date",
        {"first_visit": "2024-01-15", "event": {"kind": "dialysis_start", "date": "2024-03-10"}},
    )
    assert (found["date"], found["basis"]) == ("2024-06-10", "special_event")
    found = run("disability_recognition_date", {"first_visit": "2020-05-01", "birth_date": "2004-02-29"})
    assert (found["date"], found["basis"]) == ("2024-02-28", "age20")
    found = run("disability_recognition_date", {"first_visit": "2023-08-31"})
    assert found["date"] == "2025-02-28" and "no_matching_day" in found["doubts"]


def test_ho30_1_recognition_date_of_an_insured_first_visit_before_20_is_not_held_to_20():
    """法30条1項: a 第2号 初診日 under 20 keeps the 1年6月 day; 法30条の4第1項 is the not-insured 20歳前 route."""
    found = run(
        "disability_recognition_date",
        {"first_visit": "2020-01-15", "birth_date": "2002-05-10", "status_at_first_visit": "category2"},
    )
    assert (found["date"], found["basis"]) == ("2021-07-15", "eighteen_months")
    found = run("disability_recognition_date", {"first_visit": "2020-01-15", "birth_date": "2002-05-10"})
    assert (found["date"], found["basis"]) == ("2022-05-09", "age20")


def test_ho30_1_claim_kind_not_claimable_says_why():
    """法30条1項 (claim on or after the 認定日): not_claimable answers its reason code (`why_not`, an extra key)."""
    found = run(
        "claim_kind",
        {
            "birth_date": "1980-05-05",
            "recognition_date": "2025-07-15",
            "graded_at_recognition": True,
            "claim_date": "2025-07-14",
            "pre20": False,
        },
    )
    assert (found["kind"], found["why_not"], found["certificates"]) == (
        "not_claimable",
        "before_recognition",
        [],
    )


def test_fusoku9no2no3_claim_kind_takes_the_early_old_age_claim():
    """法附則9条の2の3: `early_old_age_claimed` (an optional key, default false) shuts 事後重症 (法30条の2)."""
    values = {
        "birth_date": "1962-05-05",
        "recognition_date": "2020-07-15",
        "graded_at_recognition": False,
        "claim_date": "2024-09-01",
        "pre20": False,
    }
    assert run("claim_kind", values)["kind"] == "post_onset"
    found = run("claim_kind", {**values, "early_old_age_claimed": True})
    assert (found["kind"], found["why_not"], found["certificates"]) == ("not_claimable", "early_old_age", [])


def test_ho30no2_1_post_onset_claim_on_the_recognition_date_itself_is_not_claimable():
    """法30条の2第1項 「障害認定日…同日後」: not before the day after the 認定日."""
    found = run(
        "claim_kind",
        {
            "birth_date": "1980-01-01",
            "recognition_date": "2025-07-15",
            "graded_at_recognition": False,
            "claim_date": "2025-07-15",
            "pre20": False,
        },
    )
    assert (found["kind"], found["certificates"]) == ("not_claimable", [])


def test_ho30no2_claim_kind_and_its_certificates_in_order():
    found = run(
        "claim_kind",
        {
            "birth_date": "1980-05-05",
            "recognition_date": "2023-07-15",
            "graded_at_recognition": True,
            "claim_date": "2025-09-01",
            "pre20": False,
        },
    )
    assert found["kind"] == "recognition"
    assert found["certificates"] == [
        {"anchor": "recognition_date", "window": "after_3m"},
        {"anchor": "claim_date", "window": "before_3m"},
    ]
    found = run(
        "claim_kind",
        {
            "birth_date": "1980-05-05",
            "recognition_date": "2025-07-15",
            "graded_at_recognition": True,
            "claim_date": "2025-07-01",
            "pre20": False,
        },
    )
    assert found == {**found, "kind": "not_claimable", "certificates": []}


def test_ho30_1_tadashigaki_contribution_requirement_by_its_keys():
    found = run(
        "contribution_requirement",
        {
            "birth_date": "1990-06-10",
            "first_visit": "2025-06-20",
            "periods": [
                {"from": "2015-05", "to": "2024-04", "status": "unpaid"},
                {"from": "2024-05", "to": "2025-04", "status": "paid", "settled_on": "2025-05-01"},
            ],
        },
    )
    assert (found["satisfied"], found["rule"]) == (True, "recent_year")
    found = run(
        "contribution_requirement", {"birth_date": "1990-06-10", "first_visit": "2025-06-20", "periods": []}
    )
    assert (found["satisfied"], found["rule"]) == (True, "no_insured_months")


def test_shou60_fusoku21_contribution_requirement_reads_the_base_month_before_1991_05_01():
    """昭60法附則21条: the JSON gives the window's last month as read (直近の基準月の前月)."""
    payload = {
        "birth_date": "1960-01-01",
        "first_visit": "1990-04-10",
        "periods": [{"from": "1990-01", "to": "1990-02", "status": "unpaid"}],
    }
    found = run("contribution_requirement", payload)
    assert (found["satisfied"], found["rule"], found["last_month"]) == (True, "no_insured_months", "1989-12")
    assert found["base_month_reading"] is True and found["doubts"] == []


def test_rei1no2_claim_office_route_and_office():
    found = run(
        "claim_office",
        {
            "birth_date": "1980-05-05",
            "first_visit": "2024-01-01",
            "status_at_first_visit": "category3",
            "resident_in_japan": True,
            "previously_insured": False,
            "early_old_age_claimed": False,
        },
    )
    assert (found["route"], found["office"]) == ("insured", "pension_office")
    found = run(
        "claim_office",
        {"birth_date": "2006-04-01", "first_visit": "2020-01-01", "status_at_first_visit": "not_insured"},
    )
    assert (found["route"], found["office"]) == ("pre20", "city")


def test_ho18_payment_start_month():
    assert run("payment_start_month", {"kind": "recognition", "recognition_date": "2025-12-31"}) == {
        "month": "2026-01"
    }
    assert run("payment_start_month", {"kind": "post_onset", "claim_date": "2026-01-05"}) == {
        "month": "2026-02"
    }
    assert run("payment_start_month", {"kind": "not_claimable"}) == {"month": None}


def test_ho102_payment_start_month_notes_the_time_bar_for_a_claim_more_than_5_years_later():
    """法102条1項: given the claim date, a payment start more than 5 years before it carries `notes`."""
    found = run(
        "payment_start_month",
        {"kind": "recognition", "recognition_date": "2016-07-10", "claim_date": "2021-08-02"},
    )
    assert found == {"month": "2016-08", "notes": ["time_barred"]}
    found = run(
        "payment_start_month",
        {"kind": "recognition", "recognition_date": "2016-07-10", "claim_date": "2021-08-01"},
    )
    assert found == {"month": "2016-08"}


def test_a_batch_mixes_functions_and_a_bad_line_answers_an_error():
    lines = [
        {"fn": "claim_office", "input": {"birth_date": "1980-05-05", "first_visit": "2024-01-01"}},
        {"fn": "payment_start_month", "input": {"kind": "post_onset", "claim_date": "2026-01-05"}},
        {
            "fn": "disability_recognition_date",
            "input": {"first_visit": "2024-01-15", "cured_on": "2023-01-01"},
        },
    ]
    out = io.StringIO()
    err = io.StringIO()
    call_command(
        "pension_rules",
        "--batch",
        stdin=io.StringIO("\n".join(json.dumps(line) for line in lines)),
        stdout=out,
        stderr=err,
    )
    assert "(1行目, 3行目)" in err.getvalue()
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "「status_at_first_visit」" in answers[0]["error"]
    assert answers[1] == {"month": "2026-02"}
    assert "症状固定日が初診日より前" in answers[2]["error"]


@pytest.mark.parametrize(
    ("function", "payload", "message"),
    [
        ("disability_recognition_date", {}, "「first_visit」がありません"),
        (
            "disability_recognition_date",
            {"first_visit": "2024-01-15", "event": {"kind": "magic"}},
            "「kind」は",
        ),
        (
            "claim_kind",
            {"birth_date": "1980-05-05", "recognition_date": "2025-07-15"},
            "graded_at_recognition",
        ),
        (
            "contribution_requirement",
            {"birth_date": "1990-06-10", "first_visit": "2025-06-20"},
            "「periods」",
        ),
        (
            "contribution_requirement",
            {
                "birth_date": "1990-06-10",
                "first_visit": "2025-06-20",
                "periods": [{"from": "2024-13", "to": "2024-12", "status": "paid"}],
            },
            "「from」",
        ),
        (
            "contribution_requirement",
            {
                "birth_date": "1990-06-10",
                "first_visit": "2025-06-20",
                "periods": [{"from": "2024-01", "to": "2024-12", "status": "maybe"}],
            },
            "「status」",
        ),
        ("payment_start_month", {"kind": "recognition"}, "障害認定日が必要"),
    ],
)
def test_bad_input_names_the_key_and_exits_2(function, payload, message):
    with pytest.raises(CommandError, match=message) as caught:
        run(function, payload)
    assert caught.value.returncode == 2
