import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cases.exemption.screening.models import ScreeningRuleSet
from cases.exemption.screening.params import (
    ScreeningParamsMissing,
    current_fiscal_year,
    fiscal_year_of,
    screening_params_for,
    screening_years,
)
from cases.exemption.screening.rules import Params, PersonIncome, ScreeningInput, screening_evaluate

from .conftest import CURRENT_MAPPING

pytestmark = pytest.mark.usefixtures("screening_rules")


def full_limit_for_single_person(year: int) -> int:
    params = screening_params_for(fiscal_year=year)
    result = screening_evaluate(data=ScreeningInput(applicant=PersonIncome(income=0), age=30), params=params)
    return result.kind("full").checks[0].limit


@pytest.mark.parametrize(
    ("year", "valid_from", "limit"),
    [
        (2014, 2014, 570_000),
        (2020, 2014, 570_000),
        (2021, 2021, 670_000),
        (2025, 2021, 670_000),
        (2026, 2026, 670_000),
        (2030, 2026, 670_000),
    ],
)
def test_the_row_with_the_latest_start_not_after_the_year_applies(year, valid_from, limit):
    assert screening_params_for(fiscal_year=year).valid_from_year == valid_from
    assert full_limit_for_single_person(year) == limit


def test_a_new_row_takes_over_from_its_year():
    ScreeningRuleSet.objects.create(valid_from_year=2027, params={**CURRENT_MAPPING, "full_base": 330_000})
    assert full_limit_for_single_person(2026) == 670_000
    assert full_limit_for_single_person(2027) == 680_000


@pytest.mark.parametrize(
    ("key", "value"),
    [("deferral_until", "2030-13"), ("deferral_until", 203006), ("single_parent_route", 1)],
)
def test_params_reject_badly_typed_statute_parameters(key, value):
    with pytest.raises(ValueError, match=key):
        Params.from_mapping({**CURRENT_MAPPING, key: value}, valid_from_year=2021)


def test_no_row_for_the_year_is_a_clear_japanese_error():
    with pytest.raises(ScreeningParamsMissing, match="2013年度に適用できる所得基準がありません"):
        screening_params_for(fiscal_year=2013)


def test_a_row_with_a_missing_amount_is_refused():
    broken = {key: value for key, value in CURRENT_MAPPING.items() if key != "half_base"}
    ScreeningRuleSet.objects.create(valid_from_year=2028, params=broken)
    with pytest.raises(ValueError, match="half_base"):
        screening_params_for(fiscal_year=2028)


def test_params_reject_non_integer_amounts():
    with pytest.raises(ValueError, match="full_base"):
        Params.from_mapping({**CURRENT_MAPPING, "full_base": "320000"}, valid_from_year=2021)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2025, 6, 30), 2024),
        (dt.date(2025, 7, 1), 2025),
        (dt.date(2025, 12, 31), 2025),
        (dt.date(2026, 1, 1), 2025),
    ],
)
def test_fiscal_year_starts_on_1_july(day, year):
    assert fiscal_year_of(day=day) == year


def test_current_fiscal_year_follows_tokyo_not_utc():
    # 2025-06-30 16:00 UTC is already 1 July in Tokyo.
    utc_evening = dt.datetime(2025, 6, 30, 16, 0, tzinfo=dt.UTC)
    assert current_fiscal_year(now=utc_evening) == 2025
    tokyo_last_minute = dt.datetime(2025, 6, 30, 23, 59, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert current_fiscal_year(now=tokyo_last_minute) == 2024


def test_screening_years_run_from_the_current_year_back_to_the_oldest_rule_set():
    years = screening_years()
    assert years[0] == current_fiscal_year()
    assert years[-1] == 2014
    assert years == sorted(years, reverse=True)
