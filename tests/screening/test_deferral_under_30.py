"""納付猶予 rests on two provisions: 平成16年法律第104号附則19条2項 for the months 「三十歳に達する日の属する月の
前月まで」 and 平成26年法律第64号附則14条1項 for those 「三十歳に達した日の属する月以後」 up to the month before
the 50歳 month. Both have the same 各号 (the income of 令 amounts for 本人, 90条1項2号・3号, 天災等), the same
ただし書 (the 配偶者 only besides the applicant), the same end (令和12年6月), and neither is for a 国民年金法附則5条1項
任意加入被保険者 (19条5項, 14条4項). So one rule judges a 25-year-old, a 29-year-old whose months cross the 30歳
month and a 45-year-old alike; only the article cited differs (cases/exemption/deferral.py deferral_articles)."""

import datetime as dt

import pytest
from django.utils import translation

from cases.common.dates import add_months
from cases.exemption.deferral import deferral_articles, deferral_from_30_month
from cases.exemption.screening.rules import (
    PersonIncome,
    ScreeningInput,
    deferral_last_month,
    screening_evaluate,
)

from .conftest import CURRENT

YEAR_2026 = (dt.date(2026, 7, 1), dt.date(2027, 6, 1))
UNDER_30 = "平成16年法律第104号附則19条2項"
FROM_30 = "平成26年法律第64号附則14条1項"
BOTH = f"{UNDER_30}・{FROM_30}"

# 30歳到達日 (the day before the 30th birthday, 年齢計算ニ関スル法律): 2031-03-14, 2027-01-14, 2011-05-14.
AGED_25 = dt.date(2001, 3, 15)
AGED_29_CROSSING = dt.date(1997, 1, 15)
AGED_45 = dt.date(1981, 5, 15)
AGES = pytest.mark.parametrize("birth", [AGED_25, AGED_29_CROSSING, AGED_45], ids=["25", "29_crossing", "45"])


def deferral(birth, applicant=None, *, period=YEAR_2026, **kwargs):
    data = ScreeningInput(
        applicant=applicant or PersonIncome(income=0), birth_date=birth, period=period, **kwargs
    )
    return screening_evaluate(data=data, params=CURRENT).kind("deferral")


@AGES
def test_平成16年法附則19条2項_平成26年法附則14条1項_every_month_of_the_year_is_covered_at_any_age(birth):
    result = deferral(birth)
    assert result.eligible and result.blocked is None and result.last_month == YEAR_2026[1]


@AGES
def test_平成16年法附則19条2項_平成26年法附則14条1項_both_end_with_令和12年6月(birth):
    ends = deferral(birth, period=(dt.date(2030, 1, 1), dt.date(2030, 6, 1)))
    assert ends.eligible and ends.last_month == dt.date(2030, 6, 1)
    after = deferral(birth, period=(dt.date(2030, 7, 1), dt.date(2031, 6, 1)))
    assert not after.eligible and after.blocked == "ended"


@AGES
def test_平成26年法附則14条1項_the_50歳_cut_is_the_month_before_the_50歳_month_for_everyone(birth):
    """The under-30 provision has no 50歳 limit of its own; every birth date's cut is the same computation."""
    assert deferral_last_month(birth, CURRENT) == add_months(dt.date(birth.year + 50, birth.month, 1), -1)


@AGES
def test_平成16年法附則19条2項ただし書_平成26年法附則14条1項ただし書_本人_and_配偶者_only(birth):
    rich = PersonIncome(income=9_000_000)
    assert deferral(birth, householder=rich).eligible
    spouse = deferral(birth, spouse=rich)
    assert not spouse.eligible and spouse.failed == ("spouse",)
    own = deferral(birth, rich)
    assert not own.eligible and own.failed == ("applicant",)


@AGES
def test_平成16年法附則19条2項2号_平成26年法附則14条1項2号_the_135万円_route(birth):
    assert deferral(birth, PersonIncome(income=1_350_000, widow=True)).eligible
    assert not deferral(birth, PersonIncome(income=1_350_001, widow=True)).eligible


@AGES
def test_平成16年法附則19条5項_平成26年法附則14条4項_no_deferral_for_a_法附則5条1項_任意加入被保険者(birth):
    result = deferral(birth, insured_kind="voluntary")
    assert not result.eligible and result.blocked == "not_category1"


@AGES
def test_平成16年法附則19条2項_平成26年法附則14条1項_students_are_left_to_学生納付特例(birth):
    result = deferral(birth, is_student=True)
    assert not result.eligible and result.blocked == "student"


# deferral_articles ------------------------------------------------------------------------------


def test_the_30歳_month_contains_the_day_before_the_30th_birthday():
    assert deferral_from_30_month(AGED_29_CROSSING) == dt.date(2027, 1, 1)
    # Born on the 1st: the 30歳到達日 is the last day of the month before.
    assert deferral_from_30_month(dt.date(1997, 1, 1)) == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("birth", "months", "cited"),
    [
        (AGED_25, [dt.date(2026, 7, 1), dt.date(2027, 6, 1)], UNDER_30),
        (AGED_45, [dt.date(2026, 7, 1), dt.date(2027, 6, 1)], FROM_30),
        (AGED_29_CROSSING, [dt.date(2026, 7, 1), dt.date(2027, 6, 1)], BOTH),
        # Up to December 2026 only: all before the 30歳 month (January 2027).
        (AGED_29_CROSSING, [dt.date(2026, 7, 1), dt.date(2026, 12, 1)], UNDER_30),
        (AGED_29_CROSSING, [dt.date(2027, 1, 1)], FROM_30),
        (dt.date(1997, 1, 1), [dt.date(2026, 12, 1)], FROM_30),
        (None, [dt.date(2026, 7, 1)], BOTH),
        (AGED_25, [], BOTH),
    ],
)
def test_平成16年法附則19条2項_before_the_30歳_month_平成26年法附則14条1項_from_it(birth, months, cited):
    with translation.override("ja"):
        assert deferral_articles(birth_date=birth, months=months) == cited


def test_平成16年法附則19条2項_in_english():
    with translation.override("en"):
        text = deferral_articles(birth_date=AGED_25, months=[dt.date(2026, 7, 1)])
    assert text == "Act No. 104 of 2004, supplementary provisions art. 19(2)"


@pytest.mark.django_db
def test_平成16年法附則19条2項_平成26年法附則14条1項_the_consultation_help_cites_each_limits_article(
    client, clerk, screening_rules
):
    """The 相談 screen's birth-date help explains 納付猶予's months: the 50歳 limit 附則14条1項's, 令和12年6月
    both provisions'."""
    client.force_login(clerk)
    with translation.override("ja"):
        body = client.get("/consultation/").content.decode()
    assert f"50歳に達する月の前月まで: {FROM_30}" in body
    assert f"令和12年6月まで: {BOTH}" in body
