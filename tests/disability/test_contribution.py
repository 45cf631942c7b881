"""保険料納付要件 (rules-disability-qualification.md §2.4): 法30条1項ただし書 and 昭60法附則20条1項, judged on
the day before the 初診日 over the months up to the 前々月."""

import datetime as dt

import pytest

from cases.disability.contribution import Period, contribution_requirement
from cases.disability.rules import RuleError
from tests.disability.conftest import rule_params

D = dt.date
BIRTH = D(1990, 6, 10)
FIRST_VISIT = D(2025, 6, 20)


def judge(periods, first_visit=FIRST_VISIT, params=None, **kwargs):
    return contribution_requirement(
        birth_date=kwargs.pop("birth_date", BIRTH),
        first_visit=first_visit,
        periods=periods,
        params=params or rule_params(),
        **kwargs,
    )


def test_ho30_1_tadashigaki_no_insured_months_before_the_month_before_last_is_satisfied():
    # 初診日 in June 2025: the window ends in April 2025; months from May on are outside it.
    found = judge([Period(D(2025, 5, 1), D(2025, 6, 1), "unpaid")])
    assert (found.satisfied, found.rule, found.last_month) == (True, "no_insured_months", D(2025, 4, 1))
    assert found.as_of == D(2025, 6, 19)


def test_ho30_1_tadashigaki_two_thirds_paid_or_exempt_is_satisfied():
    periods = [
        Period(D(2022, 5, 1), D(2023, 8, 1), "paid"),  # 16 months
        Period(D(2023, 9, 1), D(2023, 12, 1), "exempt", settled_on=D(2023, 9, 5)),  # 4
        Period(D(2024, 1, 1), D(2025, 4, 1), "unpaid"),  # 16 → 20 of 36 < 2/3
    ]
    assert not judge(periods, params=rule_params(recent_year_cutoff="2000-01-01")).satisfied
    periods[2] = Period(D(2024, 1, 1), D(2024, 10, 1), "unpaid")  # 10 unpaid: 20 of 30 = exactly 2/3
    periods.append(Period(D(2024, 11, 1), D(2025, 4, 1), "paid"))  # and 6 more paid: 26 of 36
    found = judge(periods)
    assert (found.satisfied, found.rule, found.insured_months, found.counted_months) == (
        True,
        "two_thirds",
        36,
        26,
    )


def test_ho30_1_tadashigaki_exactly_two_thirds_is_enough():
    periods = [Period(D(2024, 5, 1), D(2024, 12, 1), "paid"), Period(D(2025, 1, 1), D(2025, 4, 1), "unpaid")]
    found = judge(periods, params=rule_params(recent_year_cutoff="2000-01-01"))
    assert (found.satisfied, found.rule, found.insured_months, found.counted_months) == (
        True,
        "two_thirds",
        12,
        8,
    )


def test_ho30_1_tadashigaki_payments_on_or_after_the_first_visit_do_not_count():
    periods = [Period(D(2024, 5, 1), D(2025, 4, 1), "paid", settled_on=D(2025, 6, 20))]  # paid on the 初診日
    found = judge(periods)
    assert not found.satisfied and found.counted_months == 0 and len(found.late_settled) == 12
    periods = [Period(D(2024, 5, 1), D(2025, 4, 1), "paid", settled_on=D(2025, 6, 19))]  # the day before
    assert judge(periods).satisfied


def test_ho90_2_an_exemption_applied_for_after_the_first_visit_does_not_help():
    periods = [
        Period(D(2023, 5, 1), D(2024, 4, 1), "paid"),
        Period(D(2024, 5, 1), D(2025, 4, 1), "exempt", settled_on=D(2025, 7, 1)),  # back-dated, applied later
    ]
    found = judge(periods)
    assert not found.satisfied and found.counted_months == 12
    periods[1] = Period(D(2024, 5, 1), D(2025, 4, 1), "exempt", settled_on=D(2024, 5, 10))
    assert judge(periods).rule == "two_thirds"


def test_shou60_fusoku20_1_no_unpaid_month_in_the_recent_year_is_satisfied():
    periods = [
        Period(D(2015, 5, 1), D(2024, 4, 1), "unpaid"),  # nine years unpaid: far below 2/3
        Period(D(2024, 5, 1), D(2025, 4, 1), "paid"),  # but the last 12 months before 前々月 paid
    ]
    found = judge(periods)
    assert (found.satisfied, found.rule) == (True, "recent_year")
    assert (found.recent_first, found.recent_last) == (D(2024, 5, 1), D(2025, 4, 1))
    # A 初診日 before 令和8年4月1日: the e-Gov text and 令7法's extension agree, so no 要確認 on the cut-off.
    assert "recent_year_cutoff" not in found.doubts


def test_shou60_fusoku20_1_one_unpaid_month_in_the_year_fails():
    periods = [
        Period(D(2015, 5, 1), D(2024, 4, 1), "unpaid"),
        Period(D(2024, 5, 1), D(2025, 3, 1), "paid"),
        Period(D(2025, 4, 1), D(2025, 4, 1), "unpaid"),
    ]
    found = judge(periods)
    assert (found.satisfied, found.rule, found.recent_unpaid) == (False, None, 1)


def test_shou60_fusoku20_1_does_not_apply_at_65_or_after_the_cutoff():
    periods = [Period(D(2015, 5, 1), D(2024, 4, 1), "unpaid"), Period(D(2024, 5, 1), D(2025, 4, 1), "paid")]
    # The cut-off comes from the reference data (e-Gov text: 令和8年4月1日; 令7法: 令和18年4月1日).
    assert not judge(periods, params=rule_params(recent_year_cutoff="2025-06-20")).satisfied
    assert judge(periods, params=rule_params(recent_year_cutoff="2025-06-21")).satisfied
    # 65 or over on the 初診日: born 1960-06-21 reaches 65 on 2025-06-20, the 初診日 itself.
    assert not judge(periods, birth_date=D(1960, 6, 21)).satisfied
    assert judge(periods, birth_date=D(1960, 6, 22)).satisfied


def test_shou60_fusoku20_1_not_insured_on_the_first_visit_uses_the_latest_insured_year():
    periods = [
        Period(D(2010, 5, 1), D(2020, 12, 1), "unpaid"),
        Period(D(2021, 1, 1), D(2021, 12, 1), "paid"),  # then abroad, not insured
    ]
    found = judge(periods, insured_at_first_visit=False)
    assert (found.rule, found.recent_first, found.recent_last) == (
        "recent_year",
        D(2021, 1, 1),
        D(2021, 12, 1),
    )
    # Insured on the 初診日, the year ends at the 前々月 and its months were not insured: nothing unpaid.
    assert judge(periods, insured_at_first_visit=True).rule == "recent_year"


def test_overlapping_periods_are_refused_naming_the_month():
    with pytest.raises(RuleError, match="2024-03"):
        judge([Period(D(2024, 1, 1), D(2024, 3, 1), "paid"), Period(D(2024, 3, 1), D(2024, 5, 1), "unpaid")])


@pytest.mark.parametrize(
    ("first_visit", "last_month"),
    [
        (D(1990, 5, 20), D(1990, 3, 1)),  # 基準月 April → March, as the 前々月 would be
        (D(1990, 4, 10), D(1989, 12, 1)),  # 「月前」: April itself is not before April → January → December
        (D(1990, 2, 1), D(1989, 12, 1)),  # January → December of the year before
        (D(1990, 1, 31), D(1989, 9, 1)),  # October 1989 → September
        (D(1990, 9, 30), D(1990, 6, 1)),  # July → June
        (D(1991, 4, 30), D(1990, 12, 1)),  # the last day the reading applies
        (D(1991, 5, 1), D(1991, 3, 1)),  # 「平成三年五月一日前」 no longer: the 前々月
    ],
)
def test_shou60_fusoku21_before_1991_05_01_the_window_ends_the_month_before_the_latest_base_month(
    first_visit, last_month
):
    """昭60法附則21条: for a 初診日 before 平成3年5月1日, 「月の前々月」 in 法30条1項ただし書 and 附則20条 reads
    「月前における直近の基準月（一月、四月、七月及び十月をいう。）の前月」."""
    found = judge([], first_visit=first_visit, birth_date=D(1960, 1, 1))
    assert found.last_month == last_month
    assert found.base_month_reading is (first_visit < D(1991, 5, 1))
    assert "old_base_month" not in found.doubts  # computed, no longer a 「要確認」


def test_shou60_fusoku21_the_reading_decides_the_two_thirds_and_the_recent_year():
    """昭60法附則21条 with 法30条1項ただし書 and 附則20条1項: a 初診日 of 1990-04-10 looks at the months up to
    December 1989, so January and February 1990 unpaid are outside both the window and the recent year."""
    periods = [
        Period(D(1989, 11, 1), D(1989, 12, 1), "paid", settled_on=D(1989, 12, 20)),
        Period(D(1990, 1, 1), D(1990, 2, 1), "unpaid"),
    ]
    found = judge(periods, first_visit=D(1990, 4, 10), birth_date=D(1960, 1, 1))
    assert (found.satisfied, found.rule, found.insured_months, found.counted_months) == (
        True,
        "two_thirds",
        2,
        2,
    )
    only_unpaid = judge(periods[1:], first_visit=D(1990, 4, 10), birth_date=D(1960, 1, 1))
    assert (only_unpaid.satisfied, only_unpaid.rule) == (True, "no_insured_months")
    # A 初診日 a year later, after 1991-05-01: the 前々月 again, and the unpaid months count against it.
    later = [
        Period(D(1990, 11, 1), D(1990, 12, 1), "paid", settled_on=D(1990, 12, 20)),
        Period(D(1991, 1, 1), D(1991, 3, 1), "unpaid"),
    ]
    found = judge(later, first_visit=D(1991, 5, 10), birth_date=D(1960, 1, 1))
    assert (found.satisfied, found.recent_last, found.recent_unpaid) == (False, D(1991, 3, 1), 3)
    # Not insured on the 初診日: the recent year ends at the latest insured month up to the read month.
    # Here: insured months to September 1989, then January and February 1990 (after the read month).
    gap = [
        Period(D(1986, 4, 1), D(1988, 9, 1), "unpaid"),  # 30 months: two thirds fail (12 of 42)
        Period(D(1988, 10, 1), D(1989, 9, 1), "paid", settled_on=D(1989, 10, 2)),
        Period(D(1990, 1, 1), D(1990, 2, 1), "unpaid"),
    ]
    found = judge(gap, first_visit=D(1990, 4, 10), birth_date=D(1960, 1, 1), insured_at_first_visit=False)
    assert (found.satisfied, found.rule) == (True, "recent_year")
    assert (found.recent_first, found.recent_last, found.recent_unpaid) == (D(1988, 10, 1), D(1989, 9, 1), 0)


def test_shou60_fusoku20_1_the_cutoff_doubt_shows_only_where_the_extension_decides():
    """昭60法附則20条1項: the text's 「令和八年四月一日前」 and 令7法's 令和18年 give the same answer for a 初診日
    before 2026-04-01, so the 「要確認」 is shown only for a 初診日 between the two."""
    periods = [Period(D(2010, 5, 1), D(2018, 12, 1), "unpaid"), Period(D(2019, 1, 1), D(2020, 3, 1), "paid")]
    settled = judge(periods, first_visit=D(2020, 5, 1))
    assert settled.rule == "recent_year" and "recent_year_cutoff" not in settled.doubts
    periods = [Period(D(2015, 5, 1), D(2025, 12, 1), "unpaid"), Period(D(2026, 1, 1), D(2027, 2, 1), "paid")]
    extended = judge(periods, first_visit=D(2027, 4, 20))
    assert extended.rule == "recent_year" and "recent_year_cutoff" in extended.doubts


def test_shou60_fusoku7_3_1_category3_months_are_flagged_for_a_late_report_check():
    """法附則7条の3第1項: 第3号 months reported late (beyond the 2 years) are 「保険料納付済期間に算入しない」, and
    法附則7条の2 leaves out those tied to the spouse's time-barred 厚生年金 premium; the copied months do not
    say so, so 第3号 months are counted as paid with a 「要確認」 (§2.4 DOUBT)."""
    periods = [
        Period(D(2015, 4, 1), D(2020, 3, 1), "paid", category3=True),
        Period(D(2020, 4, 1), D(2025, 4, 1), "paid"),
    ]
    found = judge(periods)
    assert found.satisfied and "category3_late_report" in found.doubts
    assert "category3_late_report" not in judge([Period(D(2015, 4, 1), D(2025, 4, 1), "paid")]).doubts
    # A DOUBT of the rule sheet: configurable in the reference data.
    assert "category3_late_report" not in judge(periods, params=rule_params(category3_doubt=False)).doubts


def test_shou60_fusoku21_no_doubt_text_says_the_base_month_reading_is_left_out():
    """昭60法附則21条 is applied (window_last_month); the stale 「読み替えをしていません」 text, which nothing emitted,
    is gone."""
    from cases.disability.present import DOUBTS

    assert "old_base_month" not in DOUBTS
    assert not any("読み替えをしていません" in str(text) for text in DOUBTS.values())


def test_shou60_fusoku20_1_the_recent_year_doubt_names_the_cutoff_of_the_rule_set():
    """昭60法附則20条1項 (令7法 extension, DOUBT): the 「要確認」 names the cut-off the rule set holds, not a fixed
    令和18年4月1日."""
    from django.utils import translation

    from cases.disability.present import doubt_texts

    with translation.override("ja"):
        [text] = doubt_texts(["recent_year_cutoff"], {"recent_year_cutoff": "2031-04-01"})
    assert "令和13年4月1日" in text and "令和18年" not in text


def test_minpo_143_2_the_no_matching_day_doubt_follows_the_rule_sets_reading():
    """民法143条2項 (DOUBT): with `no_matching_day` = next_day the 「要確認」 says the strict reading is applied."""
    from django.utils import translation

    from cases.disability.present import doubt_texts

    with translation.override("ja"):
        [strict] = doubt_texts(["no_matching_day"], {"no_matching_day": "next_day"})
        [month_end] = doubt_texts(["no_matching_day"], {"no_matching_day": "end_of_month"})
    assert "翌月1日で計算" in strict and "月末で計算" not in strict
    assert "月末) で計算" in month_end
