"""The 障害基礎年金 date rules (rules-disability-qualification.md §1–§2.3), each test named after its article.
Pure functions: no database."""

import datetime as dt

import pytest

from cases.disability import rules
from cases.disability.office import claim_office
from cases.disability.rules import (
    AFTER_3M,
    AROUND_3M,
    BEFORE_3M,
    Certificate,
    RuleError,
    certificate_window,
    claim_kind,
    current_on_check,
    payment_start_month,
    post_onset_deadline,
    recognition_date,
)
from tests.disability.conftest import rule_params

D = dt.date


# --- 障害認定日 ------------------------------------------------------------------------------------


def test_ho30_1_recognition_is_the_day_1_year_6_months_after_the_first_visit(params):
    found = recognition_date(first_visit=D(2024, 1, 15), params=params)
    assert (found.date, found.basis, found.doubts) == (D(2025, 7, 15), "eighteen_months", ())


def test_ho30_1_minpo_143_a_month_end_first_visit_uses_the_month_end_and_asks_to_check(params):
    found = recognition_date(first_visit=D(2023, 8, 31), params=params)
    assert found.date == D(2025, 2, 28) and "no_matching_day" in found.doubts
    strict = recognition_date(first_visit=D(2023, 8, 31), params=rule_params(no_matching_day="next_day"))
    assert strict.date == D(2025, 3, 1)


def test_ho30_1_a_29_february_first_visit_in_a_leap_year_ends_on_31_august(params):
    assert recognition_date(first_visit=D(2024, 2, 29), params=params).date == D(2025, 8, 29)


def test_ho30_1_kakkogaki_cured_within_the_period_is_the_recognition_date(params):
    found = recognition_date(first_visit=D(2024, 1, 15), cured_on=D(2024, 10, 1), params=params)
    assert (found.date, found.basis) == (D(2024, 10, 1), "cured")
    late = recognition_date(first_visit=D(2024, 1, 15), cured_on=D(2025, 9, 1), params=params)
    assert late.basis == "eighteen_months"


@pytest.mark.parametrize(
    ("kind", "event_on", "expected"),
    [
        ("dialysis_start", D(2024, 3, 10), D(2024, 6, 10)),  # 3月を経過した日
        ("stoma", D(2024, 3, 31), D(2024, 9, 30)),  # 6月を経過した日, month end
        ("urinary_diversion", D(2024, 3, 10), D(2024, 9, 10)),
        ("artificial_joint", D(2024, 5, 2), D(2024, 5, 2)),  # the day itself
        ("pacemaker", D(2024, 5, 2), D(2024, 5, 2)),
        ("icd", D(2024, 5, 2), D(2024, 5, 2)),
        ("artificial_valve", D(2024, 5, 2), D(2024, 5, 2)),
        ("neobladder", D(2024, 5, 2), D(2024, 5, 2)),
        ("amputation", D(2024, 5, 2), D(2024, 5, 2)),
        ("laryngectomy", D(2024, 5, 2), D(2024, 5, 2)),
        ("home_oxygen", D(2024, 5, 2), D(2024, 5, 2)),
    ],
)
def test_ninteikijun_dai2_special_events_give_an_earlier_recognition_date(params, kind, event_on, expected):
    found = recognition_date(first_visit=D(2024, 1, 15), event_kind=kind, event_on=event_on, params=params)
    assert (found.date, found.basis) == (expected, "special_event")


def test_ninteikijun_dai2_a_special_event_after_1_year_6_months_does_not_count(params):
    # Dialysis from 2025-05-01: +3 months = 2025-08-01, after the 1年6月 date 2025-07-15.
    found = recognition_date(
        first_visit=D(2024, 1, 15), event_kind="dialysis_start", event_on=D(2025, 5, 1), params=params
    )
    assert (found.date, found.basis) == (D(2025, 7, 15), "eighteen_months")


def test_ninteikijun_dai2_an_event_on_the_1_year_6_months_day_still_counts(params):
    found = recognition_date(
        first_visit=D(2024, 1, 15), event_kind="pacemaker", event_on=D(2025, 7, 15), params=params
    )
    assert (found.date, found.basis) == (D(2025, 7, 15), "special_event")


def test_ninteikijun_doubt_events_are_left_to_the_doctor_and_flagged(params):
    found = recognition_date(
        first_visit=D(2024, 1, 15), event_kind="cerebrovascular", event_on=D(2024, 8, 1), params=params
    )
    assert found.basis == "eighteen_months" and "judged_event" in found.doubts


def test_ho30no4_1_before_20_the_recognition_date_is_not_before_the_20th_age_reached_day(params):
    # Born 2006-04-01: 20歳到達日 2026-03-31. 初診日 2023-05-10 + 1年6月 = 2024-11-10 < 20歳到達日.
    found = recognition_date(first_visit=D(2023, 5, 10), birth_date=D(2006, 4, 1), params=params)
    assert (found.date, found.basis) == (D(2026, 3, 31), "age20")


def test_ho30no4_1_a_29_february_birthday_reaches_20_on_28_february(params):
    found = recognition_date(first_visit=D(2015, 6, 1), birth_date=D(2004, 2, 29), params=params)
    assert found.date == D(2024, 2, 28)  # 年齢計算ニ関スル法律 + 民法143条: the day before 1 March


def test_ho30no4_1_a_1_year_6_months_date_after_20_stands(params):
    found = recognition_date(first_visit=D(2025, 10, 1), birth_date=D(2006, 4, 1), params=params)
    assert (found.date, found.basis) == (D(2027, 4, 1), "eighteen_months")


def test_ho30_1_a_first_visit_on_the_20th_age_reached_day_is_not_pre20(params):
    found = recognition_date(first_visit=D(2026, 3, 31), birth_date=D(2006, 4, 1), params=params)
    assert found.basis == "eighteen_months"


def test_contradicting_dates_are_refused_naming_the_input(params):
    with pytest.raises(RuleError) as caught:
        recognition_date(first_visit=D(2024, 1, 15), cured_on=D(2023, 1, 1), params=params)
    assert caught.value.key == "cured_on"
    with pytest.raises(RuleError) as caught:
        recognition_date(first_visit=D(2024, 1, 15), event_kind="pacemaker", params=params)
    assert caught.value.key == "event"


# --- claim kind and 診断書 ---------------------------------------------------------------------------


def test_ho30_1_recognition_claim_needs_one_certificate_within_3_months_after(params):
    found = claim_kind(
        birth_date=D(1980, 5, 5),
        recognition_date=D(2025, 7, 15),
        graded_at_recognition=True,
        claim_date=D(2025, 9, 1),
        pre20=False,
        params=params,
    )
    assert found.kind == "recognition" and found.certificates == (Certificate("recognition_date", AFTER_3M),)


def test_ho30_1_a_claim_1_year_or_more_late_adds_a_certificate_before_the_claim(params):
    base = {"birth_date": D(1980, 5, 5), "recognition_date": D(2024, 7, 15), "pre20": False, "params": params}
    late = claim_kind(graded_at_recognition=True, claim_date=D(2025, 7, 16), **base)
    assert [c.anchor for c in late.certificates] == ["recognition_date", "claim_date"] and late.late
    on_time = claim_kind(graded_at_recognition=True, claim_date=D(2025, 7, 14), **base)
    assert len(on_time.certificates) == 1
    anniversary = claim_kind(graded_at_recognition=True, claim_date=D(2025, 7, 15), **base)
    assert anniversary.late and "anniversary" in anniversary.doubts  # DOUBT: 「1年以上」 on the day
    kept = claim_kind(
        graded_at_recognition=True,
        claim_date=D(2025, 7, 15),
        **{**base, "params": rule_params(anniversary_is_late=False)},
    )
    assert not kept.late


def test_ho30_1_a_claim_before_the_recognition_date_cannot_be_taken(params):
    found = claim_kind(
        birth_date=D(1980, 5, 5),
        recognition_date=D(2025, 7, 15),
        graded_at_recognition=True,
        claim_date=D(2025, 7, 14),
        pre20=False,
        params=params,
    )
    assert (found.kind, found.certificates, found.why_not) == ("not_claimable", (), "before_recognition")


def test_ho30no2_1_post_onset_needs_a_certificate_before_the_claim(params):
    found = claim_kind(
        birth_date=D(1980, 5, 5),
        recognition_date=D(2020, 7, 15),
        graded_at_recognition=False,
        claim_date=D(2025, 9, 1),
        pre20=False,
        params=params,
    )
    assert found.kind == "post_onset" and found.certificates == (Certificate("claim_date", BEFORE_3M),)


def test_ho30no2_1_post_onset_cannot_be_claimed_on_the_recognition_date_itself(params):
    """法30条の2第1項 「同日後六十五歳に達する日の前日までの間において」: 事後重症 starts the day after the 認定日."""
    base = {"birth_date": D(1980, 1, 1), "recognition_date": D(2025, 7, 15), "graded_at_recognition": False}
    same_day = claim_kind(claim_date=D(2025, 7, 15), pre20=False, params=params, **base)
    assert (same_day.kind, same_day.certificates, same_day.why_not) == (
        "not_claimable",
        (),
        "post_onset_too_early",
    )
    assert claim_kind(claim_date=D(2025, 7, 16), pre20=False, params=params, **base).kind == "post_onset"


def test_ho30no4_2_pre20_post_onset_starts_the_day_after_the_later_of_the_20th_age_day_and_the_recognition_date(
    params,
):
    """法30条の4第2項: 「二十歳に達した日後」 / 「その障害認定日後」."""
    base = {"birth_date": D(2006, 4, 1), "graded_at_recognition": False, "pre20": True, "params": params}
    at_20 = claim_kind(recognition_date=D(2025, 1, 10), claim_date=D(2026, 3, 31), **base)  # 20歳到達日
    assert (at_20.kind, at_20.why_not) == ("not_claimable", "post_onset_too_early")
    assert (
        claim_kind(recognition_date=D(2025, 1, 10), claim_date=D(2026, 4, 1), **base).kind
        == "pre20_post_onset"
    )
    on_recognition = claim_kind(recognition_date=D(2027, 4, 1), claim_date=D(2027, 4, 1), **base)
    assert (on_recognition.kind, on_recognition.why_not) == ("not_claimable", "post_onset_too_early")


@pytest.mark.parametrize(
    ("birth", "last_day"),
    [
        (D(1961, 6, 10), D(2026, 6, 8)),  # 65歳到達日 2026-06-09; two days before the birthday
        (D(1960, 2, 29), D(2025, 2, 27)),  # born 29 February: 65歳到達日 28 February 2025
        (D(1961, 3, 1), D(2026, 2, 27)),  # born 1 March: 到達日 28 February, deadline the 27th
    ],
)
def test_ho30no2_1_post_onset_deadline_is_the_day_before_the_65th_age_reached_day(params, birth, last_day):
    assert post_onset_deadline(birth) == last_day
    base = {"birth_date": birth, "recognition_date": D(2020, 1, 1), "graded_at_recognition": False}
    assert claim_kind(claim_date=last_day, pre20=False, params=params, **base).kind == "post_onset"
    after = claim_kind(claim_date=last_day + dt.timedelta(days=1), pre20=False, params=params, **base)
    assert (after.kind, after.why_not) == ("not_claimable", "past_deadline")


def test_ho30no4_1_pre20_recognition_on_the_20th_age_reached_day_takes_3_months_around(params):
    found = claim_kind(
        birth_date=D(2006, 4, 1),
        recognition_date=D(2026, 3, 31),
        graded_at_recognition=True,
        claim_date=D(2026, 4, 20),
        pre20=True,
        params=params,
    )
    assert found.kind == "pre20_recognition"
    assert found.certificates == (Certificate("recognition_date", AROUND_3M),)


def test_ho30no4_1_pre20_with_a_later_1_year_6_months_date_is_3_months_after_with_a_warning(params):
    found = claim_kind(
        birth_date=D(2006, 4, 1),
        recognition_date=D(2027, 4, 1),
        graded_at_recognition=True,
        claim_date=D(2027, 5, 1),
        pre20=True,
        params=params,
    )
    assert found.certificates == (Certificate("recognition_date", AFTER_3M),)
    assert "pre20_around_window" in found.doubts


def test_ho30no4_2_pre20_post_onset_until_the_day_before_65(params):
    found = claim_kind(
        birth_date=D(2000, 1, 1),
        recognition_date=D(2019, 12, 31),
        graded_at_recognition=False,
        claim_date=D(2026, 5, 1),
        pre20=True,
        params=params,
    )
    assert found.kind == "pre20_post_onset" and found.certificates == (Certificate("claim_date", BEFORE_3M),)


def test_certificate_windows_and_their_disputed_edge_days(params):
    after = certificate_window(
        Certificate("recognition_date", AFTER_3M),
        recognition_date=D(2025, 7, 15),
        claim_date=D(2025, 9, 1),
        params=params,
    )
    assert (after.first, after.last) == (D(2025, 7, 15), D(2025, 10, 14))
    assert current_on_check(D(2025, 8, 1), after) == rules.OK
    assert current_on_check(D(2025, 10, 15), after) == rules.EDGE  # the corresponding day: 要確認
    assert current_on_check(D(2025, 10, 14), after) == rules.EDGE
    assert current_on_check(D(2025, 11, 1), after) == rules.OUTSIDE
    assert current_on_check(D(2025, 7, 14), after) == rules.OUTSIDE
    around = certificate_window(
        Certificate("recognition_date", AROUND_3M),
        recognition_date=D(2026, 3, 31),
        claim_date=D(2026, 4, 20),
        params=params,
    )
    assert (around.first, around.last) == (D(2025, 12, 31), D(2026, 6, 29))
    before = certificate_window(
        Certificate("claim_date", BEFORE_3M),
        recognition_date=D(2020, 1, 1),
        claim_date=D(2025, 5, 31),
        params=params,
    )
    assert (before.first, before.last) == (D(2025, 2, 28), D(2025, 5, 31))  # no 31 February: month end


# --- payment start -------------------------------------------------------------------------------


def test_ho18_1_payment_starts_the_month_after_the_recognition_date():
    month = payment_start_month(
        kind="recognition", recognition_date=D(2025, 12, 31), claim_date=D(2026, 3, 1)
    )
    assert month == D(2026, 1, 1)


def test_ho30no2_3_post_onset_payment_starts_the_month_after_the_claim():
    month = payment_start_month(
        kind="pre20_post_onset", recognition_date=D(2020, 1, 1), claim_date=D(2026, 1, 31)
    )
    assert month == D(2026, 2, 1)
    assert payment_start_month(kind="not_claimable", recognition_date=None, claim_date=None) is None


# --- route and office ----------------------------------------------------------------------------


BORN_1980 = D(1980, 5, 5)


def office(status, first_visit, birth=BORN_1980, **kwargs):
    found = claim_office(birth_date=birth, first_visit=first_visit, status=status, **kwargs)
    return found.route, found.office


def test_rei1no2_3_ha_category1_and_voluntary_are_taken_by_the_city():
    assert office("category1", D(2024, 1, 1)) == ("insured", "city")
    assert office("voluntary", D(2024, 1, 1)) == ("insured", "city")


def test_rei1no2_3_ha_category2_and_category3_go_to_the_pension_office():
    assert office("category2", D(2024, 1, 1)) == ("insured", "pension_office")
    assert office("category2", D(1997, 1, 1), birth=D(1980, 5, 5)) == (
        "insured",
        "pension_office",
    )  # under 20
    assert office("category3", D(2024, 1, 1)) == ("insured", "pension_office")


def test_ho30no4_not_insured_before_the_20th_age_reached_day_is_pre20_at_the_city():
    assert office("not_insured", D(2026, 3, 30), birth=D(2006, 4, 1)) == ("pre20", "city")
    # On the 20歳到達日 itself the person is 第1号 (法8条1号): not 20歳前傷病.
    assert office("not_insured", D(2026, 3, 31), birth=D(2006, 4, 1)) == ("none", None)


def test_ho30_1_2_age_60_to_64_resident_and_previously_insured_is_taken_by_the_city():
    birth = D(1962, 5, 5)
    args = {"resident_in_japan": True, "previously_insured": True}
    assert office("not_insured", D(2023, 5, 4), birth=birth, **args) == ("age60_64", "city")  # 60歳到達日
    assert office("not_insured", D(2027, 5, 4), birth=birth, **args) == ("none", None)  # 65歳到達日
    assert office(
        "not_insured", D(2024, 1, 1), birth=birth, resident_in_japan=False, previously_insured=True
    ) == (
        "none",
        None,
    )


def test_fusoku9no2no3_early_old_age_claimants_have_no_60_to_64_route():
    found = claim_office(
        birth_date=D(1962, 5, 5),
        first_visit=D(2024, 1, 1),
        status="not_insured",
        resident_in_japan=True,
        previously_insured=True,
        early_old_age_claimed=True,
    )
    assert (found.route, found.office, found.reason) == ("none", None, "early_old_age")


def test_fusoku9no2no3_early_old_age_claimants_cannot_claim_post_onset(params):
    """法附則9条の2の3: 法30条の2 (事後重症) and 30条の4第2項 (20歳前 事後重症) do not apply to a 繰上げ 老齢基礎年金
    受給権者, whatever the route of the 初診日; a 認定日請求 (30条1項1号, 30条の4第1項) stays open."""
    base = {"birth_date": D(1962, 5, 5), "recognition_date": D(2020, 7, 15), "claim_date": D(2024, 9, 1)}
    found = claim_kind(
        graded_at_recognition=False, pre20=False, early_old_age_claimed=True, params=params, **base
    )
    assert (found.kind, found.certificates, found.why_not) == ("not_claimable", (), "early_old_age")
    pre20 = claim_kind(
        graded_at_recognition=False, pre20=True, early_old_age_claimed=True, params=params, **base
    )
    assert (pre20.kind, pre20.why_not) == ("not_claimable", "early_old_age")
    recognition = claim_kind(
        graded_at_recognition=True, pre20=False, early_old_age_claimed=True, params=params, **base
    )
    assert recognition.kind == "recognition"
    assert claim_kind(graded_at_recognition=False, pre20=False, params=params, **base).kind == "post_onset"


def test_ho31_1_merged_claims_go_to_the_pension_office_flagged():
    found = claim_office(birth_date=D(1980, 5, 5), first_visit=D(2024, 1, 1), status="category1", merged=True)
    assert (found.office, found.reason) == ("pension_office", "merged") and "merged" in found.doubts


def test_fusoku5_voluntary_from_65_is_flagged_for_checking():
    found = claim_office(birth_date=D(1955, 5, 5), first_visit=D(2024, 1, 1), status="voluntary")
    assert found.office == "city" and "special_elderly" in found.doubts


def test_rei1no2_3_ha_a_first_visit_before_1986_04_01_as_category1_goes_to_the_pension_office():
    """令1条の2第3号ハ: the city takes a 第1号 (or 法30条1項2号) 初診日 only 「昭和六十一年四月一日以後」."""
    found = claim_office(birth_date=D(1950, 6, 12), first_visit=D(1986, 3, 31), status="category1")
    assert (found.route, found.office, found.reason) == ("insured", "pension_office", "before_1986")
    assert "before_1986" in found.doubts  # 経過措置政令 29条3項・31条 (not among the texts) to confirm
    assert office("category1", D(1986, 4, 1), birth=D(1950, 6, 12)) == ("insured", "city")
    assert office("voluntary", D(1986, 3, 31), birth=D(1950, 6, 12)) == ("insured", "pension_office")


def test_rei1no2_3_ha_the_1986_limit_does_not_apply_to_the_pre20_route():
    """令1条の2第3号ハ names 「法第三十条の四の規定による障害基礎年金」 without the 昭和61年4月1日 limit."""
    assert office("not_insured", D(1980, 1, 1), birth=D(1965, 6, 1)) == ("pre20", "city")


def test_ho30_1_an_insured_first_visit_before_20_keeps_the_1_year_6_months_date(params):
    """法30条1項 (the insured route, e.g. 第2号 under 20; rule sheet §2.1): the 認定日 is the 1年6月 day, not held to
    the 20歳到達日 — 法30条の4 is the 20歳前 route of a person not insured on the 初診日 (its 2項 かっこ書)."""
    found = recognition_date(
        first_visit=D(2020, 1, 15), birth_date=D(2002, 5, 10), insured_at_first_visit=True, params=params
    )
    assert (found.date, found.basis) == (D(2021, 7, 15), "eighteen_months")
    assert "insured_under20" in found.doubts  # 30条の4第1項's words do not name the status: 「要確認」
    pre20 = recognition_date(first_visit=D(2020, 1, 15), birth_date=D(2002, 5, 10), params=params)
    assert (pre20.date, pre20.basis) == (D(2022, 5, 9), "age20")


def test_ho30_1_the_claim_assessment_passes_the_status_on_the_first_visit(params):
    """法30条1項 / 30条の4第1項: assessment.claim_assess gives the rule the status declared for the 初診日."""
    from cases.disability.assessment import claim_assess
    from tests.disability.helpers import facts

    declared = facts(first_visit_on=D(2020, 1, 15), status_at_first_visit="category2")
    found = claim_assess(facts=declared, birth_date=D(2002, 5, 10), claim_date=D(2026, 1, 5), params=params)
    assert (found.recognition.date, found.recognition.basis) == (D(2021, 7, 15), "eighteen_months")
    declared = facts(first_visit_on=D(2020, 1, 15), status_at_first_visit="not_insured")
    found = claim_assess(facts=declared, birth_date=D(2002, 5, 10), claim_date=D(2026, 1, 5), params=params)
    assert (found.recognition.date, found.recognition.basis) == (D(2022, 5, 9), "age20")


def test_ho102_a_recognition_claim_more_than_5_years_after_the_payment_start_carries_the_time_bar_note(
    params,
):
    """法102条1項: arrears older than 5 years are time-barred; a 認定日請求 made more than 5 years after the
    payment start month (法18条1項) carries the note, one made within 5 years does not."""
    from cases.disability.assessment import claim_assess
    from tests.disability.helpers import facts

    declared = facts(first_visit_on=D(2015, 1, 10))  # 認定日 2016-07-10: paid from 2016-08
    found = claim_assess(facts=declared, birth_date=D(1980, 5, 5), claim_date=D(2021, 8, 2), params=params)
    assert found.payment_start == D(2016, 8, 1) and found.notes == ("time_barred",)
    assert found.as_json()["notes"] == ["time_barred"]
    found = claim_assess(facts=declared, birth_date=D(1980, 5, 5), claim_date=D(2021, 8, 1), params=params)
    assert found.notes == ()  # exactly 5 years: not more
    later = facts(first_visit_on=D(2015, 1, 10), claim_basis="post_onset")
    found = claim_assess(facts=later, birth_date=D(1980, 5, 5), claim_date=D(2026, 1, 5), params=params)
    assert found.notes == ()  # 事後重症: paid from the month after the claim


def test_ho102_the_time_bar_note_is_worded_with_its_article():
    from cases.disability.present import note_texts

    assert "国民年金法102条" in note_texts(["time_barred"])[0]
