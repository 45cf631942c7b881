"""`manage.py pension_rules` for the qualification functions of rules-disability-qualification.md §4:
exactly those names and keys, JSON in and out, with today's reference data (QualificationRuleSet)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(function: str, payload) -> dict:
    out = io.StringIO()
    call_command("pension_rules", function, stdin=io.StringIO(json.dumps(payload)), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        # 法9条1号: the day after death
        (
            {
                "event": "death",
                "birth_date": "1980-05-05",
                "event_date": "2026-01-31",
                "insured_kind_before": "category1",
            },
            {"action": "lose", "date": "2026-02-01", "to": None},
        ),
        # 法9条3号: the 60歳到達日 itself
        (
            {"event": "age60", "birth_date": "1966-05-10", "insured_kind_before": "category1"},
            {"action": "lose", "date": "2026-05-09"},
        ),
        # 法8条1号: the 20歳到達日
        (
            {"event": "age20", "birth_date": "2006-04-01"},
            {"action": "acquire", "date": "2026-03-31", "to": "category1"},
        ),
        # 法11条の2, 則6条の2: the day after the last day employed, filed at the city
        (
            {
                "event": "leave_employee_pension",
                "birth_date": "1990-06-15",
                "event_date": "2026-03-31",
                "insured_kind_before": "category2",
            },
            {"action": "change", "date": "2026-04-01", "to": "category1", "city_filing": True},
        ),
        # 法7条1項3号: the spouse's loss date
        (
            {
                "event": "spouse_leaves_employee_pension",
                "birth_date": "1990-06-15",
                "event_date": "2026-06-30",
                "insured_kind_before": "category3",
            },
            {"action": "change", "date": "2026-07-01", "to": "category1", "city_filing": True},
        ),
        # 法9条2号: the day after leaving Japan
        (
            {
                "event": "emigration",
                "birth_date": "1990-06-15",
                "event_date": "2026-03-31",
                "insured_kind_before": "category1",
            },
            {"action": "lose", "date": "2026-04-01"},
        ),
        # 法附則5条3項: the day of the 申出
        (
            {"event": "voluntary_application", "birth_date": "1964-01-01", "event_date": "2026-07-07"},
            {"action": "acquire", "date": "2026-07-07", "to": "voluntary"},
        ),
        # 法附則5条8項1号 with 法7条1項1号: the abroad 任意加入 aged 60–64 moving to Japan loses the next day
        (
            {
                "event": "immigration",
                "birth_date": "1962-04-02",
                "event_date": "2026-11-20",
                "insured_kind_before": "voluntary",
            },
            {"action": "lose", "date": "2026-11-21", "to": None},
        ),
        # 平16法附則23条8項1号: the abroad 特例高齢任意加入 moving to Japan loses the next day
        (
            {
                "event": "immigration",
                "birth_date": "1958-04-02",
                "event_date": "2026-11-20",
                "insured_kind_before": "special_elderly",
            },
            {"action": "lose", "date": "2026-11-21", "to": None},
        ),
        # 法附則5条7項: the 60–64 route is not lost on becoming a 被扶養配偶者 (7項 leaves out 6項3号)
        (
            {
                "event": "become_dependent_spouse",
                "birth_date": "1962-04-02",
                "event_date": "2026-11-20",
                "insured_kind_before": "voluntary",
            },
            {"action": "none"},
        ),
        # 法附則7条の4: no 死亡届 at the city for a 第2号
        (
            {
                "event": "death",
                "birth_date": "1980-05-05",
                "event_date": "2026-01-31",
                "insured_kind_before": "category2",
            },
            {"action": "lose", "date": "2026-02-01", "city_filing": False},
        ),
        # 法附則3条: aged 65 or over with an old-age entitlement, 厚生年金 does not make 第2号
        (
            {
                "event": "join_employee_pension",
                "birth_date": "1958-04-02",
                "event_date": "2026-04-01",
                "old_age_entitled": True,
            },
            {"action": "none"},
        ),
        # 法9条6号: a 第3号 abroad loses the day after ceasing to be a 被扶養配偶者
        (
            {
                "event": "spouse_leaves_employee_pension",
                "birth_date": "1990-06-15",
                "event_date": "2026-03-31",
                "insured_kind_before": "category3",
                "resident_in_japan": False,
            },
            {"action": "lose", "date": "2026-04-02", "city_filing": False},
        ),
    ],
)
def test_qualification_dates_law_8_9_11_2_and_supplementary_5(payload, expected):
    result = run("qualification_dates", payload)
    assert {key: result[key] for key in expected} == expected
    assert result["article"]


def test_voluntary_enrolment_eligibility_supplementary_5_1_and_h16_supplementary_23_1():
    answer = run(
        "voluntary_enrolment_eligibility",
        {"birth_date": "1964-01-01", "on": "2026-07-01", "resident_in_japan": True, "insured_kind": "none"},
    )
    assert (answer["eligible"], answer["route"]) == (True, "age60_64")
    result = run(
        "voluntary_enrolment_eligibility",
        {
            "birth_date": "1960-01-01",
            "on": "2026-07-01",
            "resident_in_japan": True,
            "japanese_national": True,
            "insured_kind": "none",
            "old_age_entitled": False,
            "early_claimed": False,
            "paid_months": 300,
        },
    )
    assert (result["eligible"], result["route"]) == (True, "special_elderly") and "要確認" in result["doubt"]
    refused = run(
        "voluntary_enrolment_eligibility",
        {"birth_date": "1964-01-01", "on": "2026-07-01", "insured_kind": "none", "early_claimed": True},
    )
    assert (refused["eligible"], refused["route"]) == (False, None)


@pytest.mark.parametrize(
    ("payload", "allowed"),
    [
        ({"insured_kind": "category1", "exemption": None, "pension_fund_member": False}, True),
        ({"insured_kind": "voluntary"}, True),
        ({"insured_kind": "special_elderly"}, False),
        ({"insured_kind": "category1", "exemption": "half"}, False),
        ({"insured_kind": "category1", "exemption": "maternity"}, True),
        ({"insured_kind": "category1", "pension_fund_member": True}, False),
    ],
)
def test_additional_pension_allowed_law_87_2_1(payload, allowed):
    assert run("additional_pension_allowed", payload)["allowed"] is allowed


def test_additional_pension_months_law_87_2_1_and_3():
    assert (
        run("additional_pension_months", {"action": "apply", "on": "2026-07-31"})["first_month"] == "2026-07"
    )
    assert (
        run("additional_pension_months", {"action": "withdraw", "on": "2026-07-15"})["first_month_without"]
        == "2026-06"
    )
    prepaid = run(
        "additional_pension_months", {"action": "withdraw", "on": "2026-07-15", "paid_through": "2027-03"}
    )
    assert prepaid["first_month_without"] == "2027-04"


@pytest.mark.parametrize(
    ("filed_on", "status"),
    [
        ("2026-04-14", "on_time"),
        ("2026-04-15", "undecided"),
        ("2026-04-16", "late"),
        ("2026-04-01", "on_time"),
    ],
)
def test_filing_deadline_status_rule_1_4_with_day_14_left_undecided(filed_on, status):
    result = run("filing_deadline_status", {"event_date": "2026-04-01", "filed_on": filed_on})
    assert result["status"] == status and result["deadline"] == "2026-04-15"


def test_filing_deadline_status_a_last_day_on_a_closed_day_is_undecided_with_its_doubt():
    """則1条の4 etc.; 地方自治法4条の2第4項 (not in the statute texts here) is the doubt to confirm."""
    result = run("filing_deadline_status", {"event_date": "2026-04-04", "filed_on": "2026-04-20"})
    assert (result["status"], result["deadline"]) == ("undecided", "2026-04-18")
    assert "地方自治法4条の2第4項" in result["doubt"]


def test_filing_deadline_status_rule_1_4_a_filing_dated_before_the_fact_is_refused_naming_filed_on():
    """則1条の4 etc. (「当該事実があつた日から」): a filing before the fact has no 14-day status; refused as the
    case screen refuses an event date after the filing day."""
    with pytest.raises(CommandError, match="「filed_on」"):
        run("filing_deadline_status", {"event_date": "2026-04-10", "filed_on": "2026-04-09"})
    assert run("filing_deadline_status", {"event_date": "2026-04-10", "filed_on": "2026-04-10"})[
        "status"
    ] == ("on_time")


def test_h16_supplementary_23_1_a_birth_in_the_reported_extension_is_eligible_with_the_doubt():
    """平16法附則23条1項 (§3.3 DOUBT): the shipped rule set takes births up to the reported 令7法 end (1970-04-01)
    with 「要確認」 naming both dates; the 65歳 event of a 附則5条 member born so is flagged too (23条3項)."""
    found = run(
        "voluntary_enrolment_eligibility",
        {
            "birth_date": "1965-04-02",
            "on": "2030-06-01",
            "resident_in_japan": True,
            "japanese_national": True,
        },
    )
    assert (found["eligible"], found["route"]) == (True, "special_elderly")
    assert "1965-04-01" in found["doubt"] and "1970-04-01" in found["doubt"]
    dated = run(
        "qualification_dates",
        {"event": "age65", "birth_date": "1966-05-10", "insured_kind_before": "voluntary"},
    )
    assert (dated["action"], dated["date"]) == ("change", "2031-05-09") and "1970-04-01" in dated["doubt"]


def test_the_qualification_functions_are_listed_and_a_bad_key_is_named():
    out = io.StringIO()
    call_command("pension_rules", "--list", stdout=out)
    listed = {line.split("\t")[0] for line in out.getvalue().splitlines()}
    assert {
        "qualification_dates",
        "voluntary_enrolment_eligibility",
        "additional_pension_allowed",
        "additional_pension_months",
        "filing_deadline_status",
    } <= listed
    with pytest.raises(CommandError, match="「event」"):
        run("qualification_dates", {"event": "moon_landing", "birth_date": "1990-01-01"})
    with pytest.raises(CommandError, match="「event_date」"):
        run(
            "qualification_dates",
            {"event": "death", "birth_date": "1990-01-01", "insured_kind_before": "category1"},
        )
    with pytest.raises(CommandError, match="「filed_on」"):
        run("filing_deadline_status", {"event_date": "2026-04-01"})
