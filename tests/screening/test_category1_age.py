"""No kind can exempt a month in which the applicant is not a 第1号被保険者 by age (issue #10).

国民年金法7条1項1号: 第1号 are those 「二十歳以上六十歳未満」; 8条1号: the 資格 is acquired on reaching 20;
9条3号: lost on reaching 60 (「その日」); 11条1項: the months counted run from the month of acquisition to
the month before the month of loss. 年齢計算ニ関スル法律 (民法143条): an age is reached the day before the
birthday, so someone born on the 1st reaches it on the last day of the month before. The intake refuses
such periods (cases/exemption/ages.py); the pre-screen now agrees with it when it has a birth date."""

import datetime as dt

import pytest
from django.utils import translation

from cases.exemption.screening.params import current_fiscal_year
from cases.exemption.screening.present import screening_present
from cases.exemption.screening.rules import KINDS, PersonIncome, ScreeningInput, screening_evaluate

from .conftest import CURRENT
from .test_command_v2 import run
from .test_consultation_statute import URL, form_data, row

YEAR_2026 = (dt.date(2026, 7, 1), dt.date(2027, 6, 1))
STUDENT_2026 = (dt.date(2026, 4, 1), dt.date(2027, 3, 1))
JULY_2026 = (dt.date(2026, 7, 1), dt.date(2026, 7, 1))
JUNE_2026 = (dt.date(2026, 6, 1), dt.date(2026, 6, 1))


def screen(birth, period, **kwargs):
    data = ScreeningInput(applicant=PersonIncome(income=0), birth_date=birth, period=period, **kwargs)
    return screening_evaluate(data=data, params=CURRENT)


def blocked(result) -> dict[str, str | None]:
    return {kind.kind: kind.blocked for kind in result.results}


def labels(result) -> dict[str, str | None]:
    lines = screening_present(result=result, params=CURRENT, by_birth_date=True)
    return {line.kind: line.blocked for line in lines}


# Wholly outside: every kind blocked `age`, best null -------------------------------------------


@pytest.mark.parametrize("is_student", [False, True])
def test_法7条1項1号_法8条1号_法11条_a_year_wholly_before_the_20歳_month_is_blocked_for_every_kind(
    is_student,
):
    # 20歳到達日 2027-09-14: the 20歳 month is September 2027, after both years.
    period = STUDENT_2026 if is_student else YEAR_2026
    result = screen(dt.date(2007, 9, 15), period, is_student=is_student)
    assert blocked(result) == dict.fromkeys(KINDS, "age")
    assert not any(kind.eligible for kind in result.results)
    assert result.best is None


@pytest.mark.parametrize("is_student", [False, True])
def test_法7条1項1号_法9条3号_法11条_a_year_wholly_from_the_60歳_month_is_blocked_for_every_kind(is_student):
    # 60歳到達日 2026-03-31: the 60歳 month is March 2026; the last 第1号 month February 2026.
    period = STUDENT_2026 if is_student else YEAR_2026
    result = screen(dt.date(1966, 4, 1), period, is_student=is_student)
    assert blocked(result) == dict.fromkeys(KINDS, "age")
    assert result.best is None


def test_法7条1項1号_insured_kind_is_still_judged_first():
    """screening-contract.md: not_category1 comes before any other check (法附則5条10項 and the rest)."""
    result = screen(dt.date(1960, 4, 1), YEAR_2026, insured_kind="voluntary")
    assert blocked(result) == dict.fromkeys(KINDS, "not_category1")


# The edges of 年齢計算ニ関スル法律 ----------------------------------------------------------------


def test_年齢計算ニ関スル法律_法8条1号_born_on_the_1st_the_20歳_month_is_the_month_before_the_birthday():
    # Born 2006-08-01: 20歳到達日 2026-07-31, so July 2026 is a 第1号 month and June 2026 is not.
    assert screen(dt.date(2006, 8, 1), JULY_2026).kind("full").eligible
    assert blocked(screen(dt.date(2006, 8, 1), JUNE_2026))["full"] == "age"


def test_年齢計算ニ関スル法律_法8条1号_born_on_the_2nd_the_20歳_month_is_the_birthday_month():
    # Born 2006-08-02: 20歳到達日 2026-08-01, so July 2026 is not yet a 第1号 month.
    assert blocked(screen(dt.date(2006, 8, 2), JULY_2026)) == dict.fromkeys(KINDS, "age")
    assert screen(dt.date(2006, 8, 2), (dt.date(2026, 8, 1), dt.date(2026, 8, 1))).kind("full").eligible


def test_年齢計算ニ関スル法律_法9条3号_法11条_60th_birthday_on_the_1st_loses_the_month_before_it():
    # Born 1966-08-01: 60歳到達日 2026-07-31, the 60歳 month July 2026; June 2026 is the last 第1号 month.
    assert blocked(screen(dt.date(1966, 8, 1), JULY_2026))["full"] == "age"
    assert screen(dt.date(1966, 8, 1), JUNE_2026).kind("full").eligible
    # Born on the 2nd: 60歳到達日 2026-08-01, so July 2026 is still a 第1号 month.
    assert screen(dt.date(1966, 8, 2), JULY_2026).kind("full").eligible


# Partly inside: eligible for the months inside ---------------------------------------------------


def test_法8条1号_a_year_that_reaches_the_20歳_month_stays_eligible():
    # 20歳到達日 2026-10-19: October 2026 to June 2027 are 第1号 months.
    result = screen(dt.date(2006, 10, 20), YEAR_2026)
    assert all(result.kind(kind).eligible for kind in ("full", "three_quarters", "half", "quarter"))
    assert result.best == "full"
    # 納付猶予 covers to the end of the year as before (its `last_month` says so; no key for a first month).
    assert result.kind("deferral").eligible and result.kind("deferral").last_month == YEAR_2026[1]


def test_法9条3号_a_year_that_reaches_the_60歳_month_stays_eligible_and_the_50歳_rule_is_kept():
    # 60歳到達日 2026-12-19: July to November 2026 are 第1号 months. 納付猶予 stays blocked by its own 50歳
    # month (平成26年法律第64号附則14条1項).
    result = screen(dt.date(1966, 12, 20), YEAR_2026)
    assert result.kind("full").eligible and result.best == "full"
    assert result.kind("deferral").blocked == "age"
    assert labels(result)["deferral"].startswith("50歳に達する日の属する月の前月までが対象")


# With an age only: the version-1 answers stand -----------------------------------------------------


@pytest.mark.parametrize("age", [15, 19, 60, 65])
def test_法7条1項1号_an_age_without_its_date_leaves_the_version_1_answer(age):
    """`age` has no reference date (contract v1 and v2, 窓口相談's 本人の年齢): a 19-year-old may reach 20 in
    the year and a 60-year-old may apply for an earlier 年度, so 法7条1項1号 does not plainly contradict version
    1, which judged only 納付猶予 by age (age ≥ 50)."""
    data = ScreeningInput(applicant=PersonIncome(income=0), age=age, period=YEAR_2026)
    result = screening_evaluate(data=data, params=CURRENT)
    assert result.kind("full").eligible and result.best == "full"
    assert result.kind("deferral").blocked == (None if age < 50 else "age")


# Wording on the screens ------------------------------------------------------------------------------


def test_法8条1号_法11条_the_screen_says_why_before_the_20歳_month():
    result = screen(dt.date(2007, 9, 15), YEAR_2026)
    said = labels(result)
    for kind in ("full", "half", "deferral"):
        assert "20歳に達する月 (令和9年9月) より前の月" in said[kind], kind
        assert "国民年金法7条1項1号・8条1号・11条" in said[kind]
    assert "50歳" not in said["deferral"]


def test_法9条3号_法11条_the_screen_says_why_from_the_60歳_month():
    said = labels(screen(dt.date(1966, 4, 1), YEAR_2026, is_student=True))
    for kind in ("full", "student"):
        assert "60歳に達した月 (令和8年3月) からは第1号被保険者ではない" in said[kind], kind
        assert "国民年金法7条1項1号・9条3号・11条" in said[kind]
    # 納付猶予 is out by both; the 60歳 month, common to every kind, is the one named.
    assert "60歳に達した月" in said["deferral"]


def test_the_age_wording_is_in_english_too():
    with translation.override("en"):
        before = labels(screen(dt.date(2007, 9, 15), YEAR_2026))["full"]
        after = labels(screen(dt.date(1966, 4, 1), YEAR_2026))["full"]
    assert "20" in before and "歳" not in before
    assert "60" in after and "歳" not in after


# The JSON contract and the 窓口相談 screen ----------------------------------------------------------


@pytest.mark.usefixtures("screening_rules")
def test_法7条1項1号_screen_exemption_blocks_every_kind_and_adds_no_key():
    """Version 2's keys only: `last_month` on 納付猶予 (null when blocked), nothing said of other months."""
    output = run(
        {
            "birth_date": "2007-09-15",
            "period": {"from": "2026-07", "to": "2027-06"},
            "applicant": {"income": 0},
        }
    )
    assert output["best"] is None
    assert {item["kind"]: item["blocked"] for item in output["results"]} == dict.fromkeys(KINDS, "age")
    for item in output["results"]:
        expected = {"kind", "eligible", "failed", "blocked", "details"}
        assert set(item) == (expected | {"last_month"} if item["kind"] == "deferral" else expected)
        assert item["eligible"] is False
    deferral = next(item for item in output["results"] if item["kind"] == "deferral")
    assert deferral["last_month"] is None


@pytest.mark.usefixtures("screening_rules")
def test_法9条3号_the_consultation_screen_names_the_60歳_month_on_every_kind(client, clerk):
    year = current_fiscal_year()
    client.force_login(clerk)
    # 60歳到達日 31 December of the year before the 免除年度 starts: no 第1号 month in it.
    body = client.post(URL, form_data(age="", birth_date=f"{year - 61}-01-01")).content.decode()
    for kind in ("full", "three_quarters", "half", "quarter", "deferral"):
        assert "60歳に達した月" in row(body, kind) and "50歳" not in row(body, kind), kind
    assert '<span class="badge ok">' not in body and "該当の見込みなし" in body
