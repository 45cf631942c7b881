"""The 入力 screen's warning when 納付猶予 is applied for and no 第1号 month on 資格情報 lies within the months it
can cover (cases/exemption/warnings.py request_warnings). 平成26年法律第64号附則14条1項 gives 納付猶予 two limits:
up to the month before the month the applicant turns 50, and only until 令和12年6月 (the rule set's
`deferral_until`); the warning names the month that applies and which limit set it. Two cases, each worded so
that it is true:

- every month applied for comes after that month: 「申請期間 (…) には納付猶予の対象となる月がありません」;
- the period has months 納付猶予 could cover, none of them 第1号 on 資格情報 (国民年金法7条1項1号): those months
  are named, as on the 照合 outlook's note (cases/exemption/screening/outlook.py _unconfirmed_note), not the
  period applied for, which does hold 第1号 months (after the cut).

The old sentence named the 50歳 limit only and said the period had no month 納付猶予 could cover in both."""

import datetime as dt

import pytest
from django.utils import translation

from cases.common.date_display import month_show
from cases.exemption.screening.case import case_screening
from cases.exemption.screening.models import ScreeningRuleSet
from cases.exemption.warnings import case_outlook
from tests.factories import applicant_with_household, category1_since_2015, kind_changed_on
from tests.workflows import helpers as h
from tests.workflows.test_outlook_deferral_months import _deferral_case_at_cross_check
from tests.workflows.test_screening_warnings import page

pytestmark = pytest.mark.django_db

OLD = "この申請期間には納付猶予の対象となる月がありません"
NO_CATEGORY1 = "に第1号被保険者の月がありません"
ARTICLE = "平成26年法律第64号附則14条1項"


def _start() -> dt.date:
    return h.current_period()[0]


def _month(month: int, *, year_offset: int = 0) -> dt.date:
    return dt.date(_start().year + year_offset, month, 1)


def _period() -> str:
    start, end = h.current_period()
    return f"{month_show(start)}〜{month_show(dt.date(end.year, end.month, 1))}"


def _born_turning_50_in(month: int) -> dt.date:
    """Born on the 15th of `month`, 50 years before the period's first year: the 50歳到達日 (the day before the
    birthday) falls in that month, so 納付猶予 covers months up to the one before it."""
    return dt.date(_start().year - 50, month, 15)


def _deferral_ends(month: dt.date) -> None:
    """As if 令和12年6月 (附則14条1項's 「令和十二年六月までの期間」, the rule set's `deferral_until`) were `month`:
    the only way to reach that limit with this year's months."""
    for rules in ScreeningRuleSet.objects.all():
        rules.params = {**rules.params, "deferral_until": month.strftime("%Y-%m")}
        rules.save(update_fields=["params"])


def _case_at_input(clerk, *, born: dt.date | None = None, category1_from: dt.date | None = None):
    """納付猶予 alone, taken and identified: at 入力. 第1号 all the period unless `category1_from`."""
    applicant, _spouse = applicant_with_household(spouse_income=None)
    if born:
        applicant.birth_date = born
        applicant.save(update_fields=["birth_date"])
    if category1_from:
        kind_changed_on(applicant.pension, category1_from, before="2", after="1")  # 法11条の2
    else:
        category1_since_2015(applicant.pension)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("deferral",))
    h.verify(case, clerk)
    return case


def _deferral_warnings(case) -> list[str]:
    with translation.override("ja"):
        return list(case_outlook(case).warnings)


def _only(warnings: list[str]) -> str:
    """The 納付猶予 warning (the old one cited no article), not the one on the non-第1号 months (法11条)."""
    found = [warning for warning in warnings if ARTICLE in warning or OLD in warning]
    assert len(found) == 1, warnings
    return found[0]


def test_附則14条1項_50歳_cut_before_the_第1号_months_names_the_months_納付猶予_covers(client, clerk):
    """Turning 50 in November: 納付猶予 covers July to October, all 第2号; 第1号 from January (法7条1項1号). The
    period applied for has 第1号 months, so 「この申請期間には…ありません」 is untrue: the months 納付猶予 could
    cover are named, and the 50歳 limit with its month. The 入力 screen shows it."""
    case = _case_at_input(clerk, born=_born_turning_50_in(11), category1_from=_month(1, year_offset=1))
    warning = _only(_deferral_warnings(case))
    covered = f"{month_show(_start())}〜{month_show(_month(10))}"
    assert warning.startswith(f"資格情報では納付猶予の対象となる月 ({covered}) {NO_CATEGORY1}")
    assert "国民年金法7条1項1号" in warning
    assert f"50歳に達する日の属する月の前月 ({month_show(_month(10))}) まで" in warning and ARTICLE in warning
    assert OLD not in warning and "申請期間 (" not in warning
    shown = page(client, case, "enter_data", clerk)
    assert f"納付猶予の対象となる月 ({covered}) {NO_CATEGORY1}" in shown and OLD not in shown


def test_附則14条1項_the_令和12年6月_limit_is_named_not_the_50歳_one(clerk):
    """A 30-year-old applicant; 納付猶予 ending with October (standing for 令和12年6月): the 50歳 limit is not
    the one that applies and is not named."""
    _deferral_ends(_month(10))
    case = _case_at_input(clerk, category1_from=_month(1, year_offset=1))
    warning = _only(_deferral_warnings(case))
    assert f"納付猶予は{month_show(_month(10))}までの制度です ({ARTICLE})" in warning
    assert "50歳" not in warning
    assert warning.startswith(f"資格情報では納付猶予の対象となる月 ({month_show(_start())}〜")


def test_附則14条1項_both_limits_in_the_same_month_are_both_named(clerk):
    _deferral_ends(_month(10))
    case = _case_at_input(clerk, born=_born_turning_50_in(11), category1_from=_month(1, year_offset=1))
    warning = _only(_deferral_warnings(case))
    october = month_show(_month(10))
    assert (
        f"50歳に達する日の属する月の前月 ({october}) までで、制度も{october}までです ({ARTICLE})" in warning
    )


def test_附則14条1項_50歳_before_the_period_says_the_period_has_no_month(clerk):
    """The birth date corrected after 受付 (intake refuses such an application): turning 50 in July, the last
    month is June, before the period; every month is 第1号, so the point is the period, named."""
    case = _case_at_input(clerk)
    case.resident.birth_date = _born_turning_50_in(7)
    case.resident.save(update_fields=["birth_date"])
    warning = _only(_deferral_warnings(case))
    june = month_show(_month(6))
    assert warning == (
        f"納付猶予は50歳に達する日の属する月の前月 ({june}) までです ({ARTICLE})。"
        f"申請期間 ({_period()}) には納付猶予の対象となる月がありません。"
    )


def test_附則14条1項_令和12年6月_before_the_period_names_that_limit(clerk):
    case = _case_at_input(clerk)
    _deferral_ends(_month(6))
    warning = _only(_deferral_warnings(case))
    assert warning == (
        f"納付猶予は{month_show(_month(6))}までの制度です ({ARTICLE})。"
        f"申請期間 ({_period()}) には納付猶予の対象となる月がありません。"
    )


def test_附則14条1項_no_warning_while_a_第1号_month_is_covered(clerk):
    case = _case_at_input(clerk, born=_born_turning_50_in(11))
    assert not [warning for warning in _deferral_warnings(case) if ARTICLE in warning]


def test_附則14条1項_the_照合_screen_says_what_its_outlook_note_says(
    clerk, django_capture_on_commit_callbacks
):
    """With the pre-screen (照合, 決裁) the months come from its cut: the same sentence, matching the note."""
    case = _deferral_case_at_cross_check(clerk, django_capture_on_commit_callbacks)
    with translation.override("ja"):
        screening = case_screening(case)
    covered = f"{month_show(_start())}〜{month_show(_month(10))}"
    warning = _only([warning for warning in screening.warnings if "納付猶予" in warning])
    assert warning.startswith(f"資格情報では納付猶予の対象となる月 ({covered}) {NO_CATEGORY1}")
    assert screening.outlook_note.startswith(f"資格情報では納付猶予の対象となる月 ({covered}) {NO_CATEGORY1}")


def test_附則14条1項_the_english_warning_names_the_months_and_the_limit(clerk):
    case = _case_at_input(clerk, born=_born_turning_50_in(11), category1_from=_month(1, year_offset=1))
    with translation.override("en"):
        warnings = case_outlook(case).warnings
    start = _start()
    found = [warning for warning in warnings if "payment deferral can cover" in warning]
    assert len(found) == 1, warnings
    assert f"(July {start.year} – October {start.year})" in found[0]
    assert f"turning 50 (October {start.year})" in found[0]
    assert "Act No. 64 of 2014, supplementary provisions art. 14(1)" in found[0]
