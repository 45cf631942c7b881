"""A period partly inside the 第1号 months by age: the screens name the months the outlook holds for (issue #10).

国民年金法7条1項1号 (「二十歳以上六十歳未満」), 8条1号 (acquired on reaching 20), 9条3号 (lost on reaching 60) and
11条1項 (the month of acquisition to the month before the month of loss); 年齢計算ニ関スル法律: an age is reached
the day before the birthday. A 19-year-old whose 20歳 month is October has no premium for July to September to
exempt, and someone reaching 60 in March none from March: 「該当の見込み」 for the whole 年度 said more than the
law gives. The JSON contract (version 2) has no key for those months and gets none."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from cases.exemption.screening.params import current_fiscal_year
from cases.exemption.screening.present import screening_present
from cases.exemption.screening.rules import PersonIncome, ScreeningInput, screening_evaluate

from .conftest import CURRENT
from .test_command_v2 import run
from .test_consultation_statute import URL, form_data, row

YEAR_2026 = (dt.date(2026, 7, 1), dt.date(2027, 6, 1))
STUDENT_2026 = (dt.date(2026, 4, 1), dt.date(2027, 3, 1))
TURNS_20_IN_OCTOBER = dt.date(2006, 10, 20)  # 20歳到達日 2026-10-19
TURNS_60_IN_MARCH = dt.date(1967, 3, 20)  # 60歳到達日 2027-03-19: February 2027 is the last 第1号 month


def months(birth, period, **kwargs) -> dict[str, str]:
    data = ScreeningInput(applicant=PersonIncome(income=0), birth_date=birth, period=period, **kwargs)
    result = screening_evaluate(data=data, params=CURRENT)
    lines = screening_present(result=result, params=CURRENT, period_last=period[1], by_birth_date=True)
    return {line.kind: line.months for line in lines}


def test_法8条1号_法11条_a_year_reaching_the_20歳_month_covers_from_that_month_for_every_kind():
    said = months(TURNS_20_IN_OCTOBER, YEAR_2026)
    for kind in ("full", "three_quarters", "half", "quarter", "deferral"):
        assert said[kind] == "令和8年10月分から", kind


def test_法8条1号_法90条の3_a_student_year_reaching_the_20歳_month_covers_from_that_month():
    assert months(TURNS_20_IN_OCTOBER, STUDENT_2026, is_student=True)["student"] == "令和8年10月分から"


def test_法9条3号_法11条_a_year_reaching_the_60歳_month_covers_up_to_the_month_before():
    said = months(TURNS_60_IN_MARCH, YEAR_2026)
    for kind in ("full", "three_quarters", "half", "quarter"):
        assert said[kind] == "令和9年2月分まで", kind


def test_法7条1項1号_a_year_wholly_inside_names_no_months():
    said = months(dt.date(1990, 5, 5), YEAR_2026)
    assert said == dict.fromkeys(said, "")


def test_the_months_are_in_english_too():
    with translation.override("en"):
        said = months(TURNS_20_IN_OCTOBER, YEAR_2026)["full"]
    assert "October 2026" in said and "分" not in said


@pytest.mark.usefixtures("screening_rules")
def test_法8条1号_the_json_is_unchanged_for_a_year_reaching_the_20歳_month():
    """screening-contract.md version 2: no key added; 納付猶予's `last_month` is the year's end as before."""
    output = run(
        {
            "birth_date": "2006-10-20",
            "period": {"from": "2026-07", "to": "2027-06"},
            "applicant": {"income": 0},
        }
    )
    assert output["best"] == "full"
    for item in output["results"]:
        expected = {"kind", "eligible", "failed", "blocked", "details"}
        assert set(item) == (expected | {"last_month"} if item["kind"] == "deferral" else expected)
    deferral = next(item for item in output["results"] if item["kind"] == "deferral")
    assert deferral["last_month"] == "2027-06"


@pytest.mark.usefixtures("screening_rules")
def test_法8条1号_the_consultation_screen_names_the_months_beside_the_best_kind(client, clerk):
    year = current_fiscal_year()
    client.force_login(clerk)
    # 20歳到達日 the 19th of October of the 免除年度's first year: July to September are before it.
    body = client.post(URL, form_data(age="", birth_date=f"{year - 20}-10-20")).content.decode()
    october = f"{_reiwa(year)}10月分から"
    assert october in row(body, "full") and october in row(body, "deferral")
    best = body.split("最も有利な見込み:", 1)[1].split("</p>", 1)[0]
    assert "全額免除" in best and f"({october})" in best
    assert f"{_reiwa(year)}7月〜{_reiwa(year)}9月" in best
    assert "国民年金法7条1項1号・8条1号・11条" in best


@pytest.mark.usefixtures("screening_rules")
def test_法9条3号_the_consultation_screen_names_the_last_month_before_the_60歳_month(client, clerk):
    year = current_fiscal_year()
    client.force_login(clerk)
    # 60歳到達日 the 19th of March of the 免除年度's second year: February is the last 第1号 month.
    body = client.post(URL, form_data(age="", birth_date=f"{year + 1 - 60}-03-20")).content.decode()
    february = f"{_reiwa(year + 1)}2月分まで"
    assert february in row(body, "full")
    best = body.split("最も有利な見込み:", 1)[1].split("</p>", 1)[0]
    assert f"({february})" in best
    assert f"{_reiwa(year + 1)}3月〜{_reiwa(year + 1)}6月" in best and "9条3号" in best


@pytest.mark.usefixtures("screening_rules")
def test_the_consultation_screen_says_nothing_more_for_a_year_wholly_inside(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(age="", birth_date="1990-05-05")).content.decode()
    best = body.split("最も有利な見込み:", 1)[1].split("</p>", 1)[0]
    assert "対象となる月" not in body and "11条" not in best and "(" not in best


@pytest.mark.usefixtures("screening_rules")
def test_the_consultation_months_are_in_english_too(client, clerk):
    year = current_fiscal_year()
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.post(URL, form_data(age="", birth_date=f"{year - 20}-10-20")).content.decode()
    assert f"October {year}" in row(body, "full")
    assert "分から" not in row(body, "full")
    best = body.split("Most favourable", 1)[1].split("</p>", 1)[0]
    assert f"October {year}" in best and "歳" not in best


def _reiwa(year: int) -> str:
    return f"令和{year - 2018}年"
