"""The pure qualification rules (cases/qualification/rules/), one test per article they implement.
Params are the shipped reference data (migration 0020_i13_qualification), built without the database."""

import datetime as dt

import pytest

from cases.common import additional_pension as additional
from cases.common.dates import last_day_counted, months_elapsed_day
from cases.qualification import deadlines, enrolment, rules

D = dt.date
PARAMS = rules.Params(
    special_elderly_born_by=D(1965, 4, 1),
    special_elderly_doubt="要確認 (令7法)",
    special_elderly_reported_born_by=D(1970, 4, 1),
    voluntary_month_limit=480,
    filing_days=14,
    send_days=14,
    day14_policy=rules.UNDECIDED,
    reply_days=14,
)


BORN = D(1990, 6, 15)
JULY = D(2026, 7, 1)


def dates(event, *, before, birth=BORN, on=None, resident=True, entitled=False):
    return rules.qualification_dates(
        event=event,
        birth_date=birth,
        event_date=on,
        resident_in_japan=resident,
        insured_kind_before=before,
        old_age_entitled=entitled,
        params=PARAMS,
    )


# --- 法8条 (取得) ---------------------------------------------------------------------------------------


def test_law_8_1_acquisition_at_20_is_the_day_before_the_birthday_and_needs_no_filing():
    # 法8条1号 with 年齢計算ニ関スル法律; 則1条の4ただし書: 機構 confirms it through 住基ネット.
    result = dates("age20", before="none", birth=D(2006, 4, 1))
    assert (result.action, result.date, result.to, result.city_filing) == (
        "acquire",
        D(2026, 3, 31),
        "category1",
        False,
    )


def test_law_8_1_born_29_february_reaches_20_on_28_february():
    assert dates("age20", before="none", birth=D(2004, 2, 29)).date == D(2024, 2, 28)


def test_law_7_1_2_an_employee_at_20_stays_category2():
    assert dates("age20", before="category2", birth=D(2006, 4, 1)).action == "none"


@pytest.mark.parametrize(
    ("event", "before", "birth", "on", "resident", "entitled", "says"),
    [
        ("age20", "category1", D(2006, 4, 1), None, True, False, "既に第1号"),
        ("age20", "category2", D(2006, 4, 1), None, True, False, "第2号被保険者"),
        ("age20", "category3", D(2006, 4, 1), None, True, False, "第3号被保険者"),
        ("age20", "none", D(2006, 4, 1), None, False, False, "国内に住所のない方"),
        ("age20", "none", D(2006, 4, 1), None, True, True, "老齢給付等"),
        ("immigration", "category1", BORN, D(2026, 5, 10), True, False, "既に第1号"),
        ("immigration", "category2", BORN, D(2026, 5, 10), True, False, "第2号被保険者"),
        ("immigration", "none", D(1960, 1, 1), D(2026, 5, 10), True, False, "20歳以上60歳未満"),
        ("immigration", "none", BORN, D(2026, 5, 10), True, True, "老齢給付等"),
    ],
)
def test_law_7_1_1_no_category1_says_the_persons_own_reason(
    event, before, birth, on, resident, entitled, says
):
    """法7条1項1号: a 第1号 is 20歳以上60歳未満, 国内居住, not 第2号・第3号 and without 老齢給付等. The refusal said
    all of them at once, so a person already 第1号 (or a 第2号 of 37) read as if too old or abroad
    (exploratory test 2026-12-06): it now names the one that applies."""
    result = dates(event, before=before, birth=birth, on=on, resident=resident, entitled=entitled)
    assert result.action == "none" and result.article == "法7条1項1号"
    assert says in result.note


def test_law_8_2_moving_to_japan_acquires_on_that_day_with_a_city_filing():
    result = dates("immigration", before="none", on=D(2026, 5, 10))
    assert (result.action, result.date, result.to, result.city_filing) == (
        "acquire",
        D(2026, 5, 10),
        "category1",
        True,
    )


def test_law_7_1_1_a_60_year_old_moving_to_japan_is_not_category1():
    assert dates("immigration", before="none", birth=D(1960, 1, 1), on=D(2026, 5, 10)).action == "none"


def test_supplementary_5_8_1_the_abroad_voluntary_member_becomes_category1_the_same_day():
    result = dates("immigration", before="voluntary", on=D(2026, 5, 10))
    assert (result.action, result.date, result.to) == ("change", D(2026, 5, 10), "category1")


def test_supplementary_5_8_1_an_abroad_voluntary_member_moving_to_japan_at_60_to_64_loses_the_next_day():
    # 法附則5条8項1号: lost the day after 「日本国内に住所を有するに至つたとき」; the same day only when
    # re-qualifying, and 法7条1項1号 makes only those aged 20–59 第1号. The domestic 任意加入 (附則5条1項2号)
    # is a separate 申出.
    result = dates("immigration", before="voluntary", birth=D(1962, 4, 2), on=D(2026, 11, 20))
    assert (result.action, result.date, result.to) == ("lose", D(2026, 11, 21), None)
    assert "法附則5条8項1号" in result.article and "法7条1項1号" in result.article


def test_supplementary_5_8_1_an_abroad_voluntary_member_with_old_age_benefits_is_not_category1_either():
    # 法7条1項1号 excludes those who can receive 厚生年金保険法に基づく老齢給付等.
    result = dates("immigration", before="voluntary", on=D(2026, 5, 10), entitled=True)
    assert (result.action, result.date) == ("lose", D(2026, 5, 11))


def test_h16_supplementary_23_8_1_an_abroad_special_elderly_member_moving_to_japan_loses_the_next_day():
    # 平16法附則23条8項1号 (the abroad route, 23条1項2号).
    result = dates("immigration", before="special_elderly", birth=D(1958, 4, 2), on=D(2026, 11, 20))
    assert (result.action, result.date, result.to) == ("lose", D(2026, 11, 21), None)
    assert result.article.startswith("平16法附則23条8項1号")


# --- 法9条 (喪失) ---------------------------------------------------------------------------------------


def test_law_9_1_death_loses_the_next_day_and_the_death_notice_goes_to_the_city():
    # 則4条1項 (法105条4項)
    result = dates("death", before="category1", on=D(2026, 1, 31))
    assert (result.action, result.date, result.city_filing) == ("lose", D(2026, 2, 1), True)


def test_rule_4_2_a_category3_death_is_notified_to_kiko_not_the_city():
    assert dates("death", before="category3", on=D(2026, 1, 31)).city_filing is False


def test_supplementary_7_4_a_category2_death_has_no_city_filing():
    # 法附則7条の4: 第2号被保険者については法12条・105条を適用しない (no 死亡届 under 105条4項, 則4条).
    result = dates("death", before="category2", on=D(2026, 1, 31))
    assert (result.action, result.date, result.city_filing) == ("lose", D(2026, 2, 1), False)
    assert "法附則7条の4" in result.article


def test_law_9_2_moving_abroad_loses_the_next_day():
    result = dates("emigration", before="category1", on=D(2026, 3, 31))
    assert (result.action, result.date, result.city_filing) == ("lose", D(2026, 4, 1), True)


def test_law_9_2_an_employee_moving_abroad_keeps_category2():
    assert dates("emigration", before="category2", on=D(2026, 3, 31)).action == "none"


def test_law_9_3_reaching_60_loses_on_the_60th_age_day_itself_without_a_filing():
    # 法9条3号 かっこ書 (その日); 則3条 excludes 9条3号 from the loss filing.
    result = dates("age60", before="category1", birth=D(1966, 5, 10))
    assert (result.action, result.date, result.city_filing) == ("lose", D(2026, 5, 9), False)


def test_law_9_3_an_employee_reaching_60_stays_category2():
    assert dates("age60", before="category2", birth=D(1966, 5, 10)).action == "none"


# --- 法11条の2 (種別変更) --------------------------------------------------------------------------------


def test_law_11_2_leaving_employee_pension_changes_to_category1_the_day_after_the_last_day():
    # 厚年法14条2号: lost the day after the last day employed; 則6条の2: filed at the city.
    result = dates("leave_employee_pension", before="category2", on=D(2026, 3, 31))
    assert (result.action, result.date, result.to, result.city_filing) == (
        "change",
        D(2026, 4, 1),
        "category1",
        True,
    )


def test_law_9_5_leaving_employee_pension_at_60_or_over_loses_membership():
    result = dates("leave_employee_pension", before="category2", birth=D(1960, 1, 1), on=D(2026, 3, 31))
    assert (result.action, result.date, result.city_filing) == ("lose", D(2026, 4, 1), False)


def test_rule_6_2_joining_employee_pension_is_filed_by_the_employer_not_the_city():
    result = dates("join_employee_pension", before="category1", on=D(2026, 4, 1))
    assert (result.action, result.date, result.to, result.city_filing) == (
        "change",
        D(2026, 4, 1),
        "category2",
        False,
    )


def test_supplementary_3_an_entitled_person_aged_65_or_over_joining_employee_pension_is_not_category2():
    # 法附則3条: 法7条1項2号 reads, for those aged 65 or over, 「受給権を有しない被保険者に限る」.
    result = dates(
        "join_employee_pension", before="none", birth=D(1958, 4, 2), on=D(2026, 4, 1), entitled=True
    )
    assert result.action == "none" and "法附則3条" in result.article


def test_supplementary_3_without_entitlement_a_65_year_old_joining_employee_pension_is_category2():
    result = dates("join_employee_pension", before="none", birth=D(1958, 4, 2), on=D(2026, 4, 1))
    assert (result.action, result.to) == ("acquire", "category2")


def test_law_12_5_becoming_a_dependent_spouse_is_filed_through_the_spouse_employer():
    result = dates("become_dependent_spouse", before="category1", on=D(2026, 4, 1))
    assert (result.action, result.to, result.city_filing) == ("change", "category3", False)


def test_law_7_1_3_the_spouse_leaving_changes_category3_to_1_on_the_spouse_loss_date():
    result = dates("spouse_leaves_employee_pension", before="category3", on=D(2026, 6, 30))
    assert (result.action, result.date, result.to, result.city_filing) == (
        "change",
        D(2026, 7, 1),
        "category1",
        True,
    )


def test_law_9_6_a_category3_living_abroad_loses_the_day_after_the_spouse_leaves():
    # 法9条6号: 被扶養配偶者でなくなつた (the spouse is no longer 第2号 from 2026-04-01, 厚年法14条2号) → lost the
    # next day, 2026-04-02; 6号かっこ書 (第1号 the same day) needs 国内居住 (法7条1項1号). Filed with 機構 (則3条2項).
    result = dates("spouse_leaves_employee_pension", before="category3", on=D(2026, 3, 31), resident=False)
    assert (result.action, result.date, result.to, result.city_filing) == ("lose", D(2026, 4, 2), None, False)
    assert "法9条6号" in result.article


# --- 任意加入 (法附則5条) -------------------------------------------------------------------------------


def test_supplementary_5_3_voluntary_membership_starts_on_the_day_of_the_application():
    result = dates("voluntary_application", before="none", on=D(2026, 7, 7))
    assert (result.action, result.date, result.to) == ("acquire", D(2026, 7, 7), "voluntary")


def test_supplementary_5_5_1_voluntary_membership_ends_on_the_65th_age_day():
    # Born after the reported 令7法 extension too (1966 births are in it: 「要確認」, test below).
    result = dates("age65", before="voluntary", birth=D(1971, 5, 10))
    assert (result.action, result.date) == ("lose", D(2036, 5, 9))
    entitled = dates("age65", before="voluntary", birth=D(1966, 5, 10), entitled=True)
    assert (entitled.action, entitled.date, entitled.doubt) == ("lose", D(2031, 5, 9), "")


def test_h16_supplementary_23_3_born_in_the_window_without_entitlement_is_deemed_special_elderly_at_65():
    result = dates("age65", before="voluntary", birth=D(1961, 5, 10))
    assert (result.action, result.date, result.article) == ("change", D(2026, 5, 9), "平16法附則23条3項・4項")


def test_h16_supplementary_23_6_4_special_elderly_membership_ends_on_the_70th_age_day():
    assert dates("age70", before="special_elderly", birth=D(1956, 5, 10)).date == D(2026, 5, 9)


def test_supplementary_5_5_2_joining_employee_pension_ends_voluntary_membership_that_day():
    result = dates("voluntary_join_employee_pension", before="voluntary", on=D(2026, 4, 1))
    assert (result.action, result.date) == ("lose", D(2026, 4, 1))


def test_supplementary_5_6_1_a_voluntary_member_moving_abroad_loses_the_next_day():
    result = dates("voluntary_emigration", before="voluntary", on=D(2026, 4, 1))
    assert (result.action, result.date) == ("lose", D(2026, 4, 2))


def test_h16_supplementary_23_7_1_a_special_elderly_member_moving_abroad_loses_the_next_day():
    # 平16法附則23条7項1号 (the domestic route, 23条1項1号), not 法附則5条6項1号・7項.
    result = dates("voluntary_emigration", before="special_elderly", birth=D(1958, 4, 2), on=D(2026, 4, 1))
    assert (result.action, result.date, result.article) == ("lose", D(2026, 4, 2), "平16法附則23条7項1号")


def test_supplementary_5_6_3_a_voluntary_member_becoming_a_dependent_spouse_loses_that_day():
    # The statute's かっこ書 (第三号に該当するに至つたとき…その日), not the next day.
    result = dates("become_dependent_spouse", before="voluntary", on=D(2026, 4, 1))
    assert (result.action, result.date) == ("lose", D(2026, 4, 1))


def test_supplementary_5_7_the_60_to_64_route_does_not_end_on_becoming_a_dependent_spouse():
    # 法附則5条7項 (the 1項2号 route: 国内 60–64) applies only 「前項第一号、第四号及び第五号」 of 6項, not 6項3号.
    result = dates("become_dependent_spouse", before="voluntary", birth=D(1962, 4, 2), on=D(2026, 11, 20))
    assert result.action == "none"
    assert "法附則5条7項" in result.article


def test_supplementary_5_8_3_the_abroad_route_ends_on_becoming_a_dependent_spouse_only_under_60():
    # 法附則5条8項3号 「被扶養配偶者となつたとき（六十歳未満であるときに限る。）」.
    result = dates(
        "become_dependent_spouse", before="voluntary", birth=D(1962, 4, 2), on=D(2026, 11, 20), resident=False
    )
    assert result.action == "none"
    assert "法附則5条8項3号" in result.article


def test_supplementary_5_8_3_an_abroad_member_under_60_becoming_a_dependent_spouse_loses_that_day():
    # 8項かっこ書: 「その事実があつた日に更に被保険者の資格を取得したときは、その日」 — a 被扶養配偶者 aged
    # 20–59 is 第3号 (法7条1項3号, 法8条5号) from that day.
    result = dates("become_dependent_spouse", before="voluntary", on=D(2026, 4, 1), resident=False)
    assert (result.action, result.date) == ("lose", D(2026, 4, 1))
    assert "法附則5条8項3号" in result.article


def eligibility(
    *,
    birth,
    on=JULY,
    resident=True,
    national=True,
    kind="none",
    entitled=False,
    early=False,
    months=0,
):
    return enrolment.voluntary_enrolment_eligibility(
        birth_date=birth,
        on=on,
        resident_in_japan=resident,
        japanese_national=national,
        insured_kind=kind,
        old_age_entitled=entitled,
        early_claimed=early,
        paid_months=months,
        params=PARAMS,
    )


def test_supplementary_5_1_2_a_resident_aged_60_to_64_may_join():
    result = eligibility(birth=D(1964, 1, 1))
    assert (result.eligible, result.route) == (True, "age60_64")


def test_supplementary_5_1_1_a_resident_aged_20_to_59_with_old_age_benefits_may_join():
    assert eligibility(birth=D(1975, 1, 1), entitled=True).route == "old_age_beneficiary"


def test_law_7_1_1_a_resident_aged_20_to_59_without_benefits_is_category1_not_voluntary():
    result = eligibility(birth=D(1975, 1, 1))
    assert result.eligible is False and result.article == "法7条1項1号"


def test_supplementary_5_1_3_a_japanese_national_abroad_aged_20_to_64_may_join():
    assert eligibility(birth=D(1980, 1, 1), resident=False).route == "abroad"


def test_supplementary_5_1_3_a_foreign_national_abroad_may_not():
    assert eligibility(birth=D(1980, 1, 1), resident=False, national=False).eligible is False


def test_supplementary_9_2_3_an_early_old_age_claimant_may_not_join():
    result = eligibility(birth=D(1964, 1, 1), early=True)
    assert result.eligible is False and result.article == "法附則9条の2の3"


def test_supplementary_5_5_4_480_months_already_counted_may_not_join():
    assert eligibility(birth=D(1964, 1, 1), months=480).eligible is False
    assert eligibility(birth=D(1964, 1, 1), months=479).eligible is True


def test_supplementary_5_1_category2_and_category3_may_not_join():
    assert eligibility(birth=D(1964, 1, 1), kind="category2").eligible is False
    assert eligibility(birth=D(1975, 1, 1), kind="category3", entitled=True).eligible is False


def test_h16_supplementary_23_1_born_by_1965_04_01_aged_65_to_69_without_entitlement_is_special_elderly():
    result = eligibility(birth=D(1960, 1, 1))
    assert (result.eligible, result.route) == (True, "special_elderly")
    assert result.doubt  # the 令7法 extension of the window is shown 「要確認」


def test_h16_supplementary_23_1_born_in_the_reported_extension_is_taken_with_the_doubt_not_refused():
    """平16法附則23条1項 (昭和40年4月1日以前) as extended, reportedly, by 令7法 (rule sheet §3.3 DOUBT): a birth up to
    the reported end (reference data) is taken as 特例高齢 with 「要確認」 naming both dates, never refused."""
    result = eligibility(birth=D(1965, 4, 2), on=D(2031, 1, 1))
    assert (result.eligible, result.route) == (True, "special_elderly")
    assert result.doubt == rules.SPECIAL_ELDERLY_BAND_DOUBT
    assert "1965-04-01" in result.doubt_text and "1970-04-01" in result.doubt_text
    assert eligibility(birth=D(1970, 4, 1), on=D(2036, 1, 1)).eligible is True


def test_h16_supplementary_23_1_born_after_the_reported_extension_is_refused():
    result = eligibility(birth=D(1970, 4, 2), on=D(2036, 1, 1))
    assert result.eligible is False and result.article == "平16法附則23条1項"


def test_h16_supplementary_23_1_without_a_reported_extension_the_cutoff_refuses():
    confirmed = rules.Params(**{**PARAMS.__dict__, "special_elderly_reported_born_by": None})
    result = enrolment.voluntary_enrolment_eligibility(
        birth_date=D(1965, 4, 2),
        on=D(2031, 1, 1),
        resident_in_japan=True,
        japanese_national=True,
        insured_kind="none",
        old_age_entitled=False,
        early_claimed=False,
        paid_months=0,
        params=confirmed,
    )
    assert result.eligible is False


def test_h16_supplementary_23_1_the_filing_in_the_reported_extension_keeps_its_doubt():
    """平16法附則23条1項, §3.3 DOUBT: the 申出 is computed (not refused) and keeps the 「要確認」."""
    from cases.qualification.compute import Records, qualification_compute
    from cases.qualification.request import QualificationRequest

    request = QualificationRequest(kind="special_elderly", event="application", payment_method="account")
    out = qualification_compute(
        request=request, birth_date=D(1965, 4, 2), filed_on=D(2030, 6, 1), records=Records(), params=PARAMS
    )
    assert out.route == "special_elderly" and out.effective_on == D(2030, 6, 1)
    assert [doubt["code"] for doubt in out.doubts] == ["special_elderly_band"]
    assert "1970" in out.doubts_shown[0] or "昭和45年" in out.doubts_shown[0]


def test_h16_supplementary_23_3_a_voluntary_member_born_in_the_reported_extension_reaching_65_is_flagged():
    """平16法附則23条3項 (deemed 申出 at 65) for a birth in the reported 令7法 extension: 「要確認」, not a plain loss."""
    result = dates("age65", before="voluntary", birth=D(1966, 5, 10))
    assert (result.action, result.date, result.article) == ("change", D(2031, 5, 9), "平16法附則23条3項・4項")
    assert result.doubt == rules.SPECIAL_ELDERLY_BAND_DOUBT
    assert dates("age65", before="voluntary", birth=D(1971, 5, 10)).action == "lose"


def test_h16_supplementary_23_1_at_70_the_limit_cited_is_h16_supplementary_23():
    """法附則5条1項 stops at 65; the 70 limit is 平16法附則23条1項 (65歳以上70歳未満)."""
    result = eligibility(birth=D(1955, 1, 1), on=D(2026, 7, 1))
    assert result.eligible is False and result.article == "平16法附則23条1項"
    abroad = eligibility(birth=D(1955, 1, 1), on=D(2026, 7, 1), resident=False)
    assert abroad.eligible is False and abroad.article == "平16法附則23条1項"


def test_h16_supplementary_23_1_proviso_an_early_claimant_aged_65_to_69_is_refused_by_the_proviso():
    """繰上げ gives a 老齢基礎年金 entitlement: at 65–69 平16法附則23条1項ただし書 refuses it (法附則9条の2の3 is the
    rule for 附則5条, the 60–64 route)."""
    result = eligibility(birth=D(1960, 1, 1), early=True)
    assert result.eligible is False and result.article == "平16法附則23条1項ただし書"


def test_h16_supplementary_23_1_proviso_old_age_entitlement_excludes_special_elderly():
    assert eligibility(birth=D(1960, 1, 1), entitled=True).eligible is False


def test_the_special_elderly_cutoff_is_reference_data_not_code():
    extended = rules.Params(**{**PARAMS.__dict__, "special_elderly_born_by": D(1970, 4, 1)})
    result = enrolment.voluntary_enrolment_eligibility(
        birth_date=D(1965, 4, 2),
        on=D(2031, 1, 1),
        resident_in_japan=True,
        japanese_national=True,
        insured_kind="none",
        old_age_entitled=False,
        early_claimed=False,
        paid_months=0,
        params=extended,
    )
    assert result.route == "special_elderly"


# --- 付加年金 (法87条の2) -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["category1", "voluntary"])
def test_law_87_2_1_category1_and_voluntary_without_exemption_may_pay_additional(kind):
    # 法附則5条9項: the voluntary member counts as 第1号 for 87条の2.
    assert additional.additional_pension_allowed(
        insured_kind=kind, exemption=None, pension_fund_member=False
    ).allowed


@pytest.mark.parametrize("kind", ["special_elderly", "category2", "category3"])
def test_law_87_2_1_special_elderly_category2_and_3_may_not(kind):
    assert not additional.additional_pension_allowed(
        insured_kind=kind, exemption=None, pension_fund_member=False
    ).allowed


@pytest.mark.parametrize(
    "exemption", ["full", "three_quarters", "half", "quarter", "deferral", "student", "statutory"]
)
def test_law_87_2_1_no_additional_under_any_exemption(exemption):
    result = additional.additional_pension_allowed(
        insured_kind="category1", exemption=exemption, pension_fund_member=False
    )
    assert not result.allowed and "法87条の2第1項" in result.article


def test_law_87_2_2_maternity_months_may_carry_additional():
    assert additional.additional_pension_allowed(
        insured_kind="category1", exemption="maternity", pension_fund_member=False
    ).allowed


def test_law_87_2_1_a_pension_fund_member_may_not():
    assert not additional.additional_pension_allowed(
        insured_kind="category1", exemption=None, pension_fund_member=True
    ).allowed


def test_law_87_2_1_additional_starts_with_the_month_of_the_application():
    assert additional.additional_first_month(on=D(2026, 7, 31)) == D(2026, 7, 1)


def test_law_87_2_3_withdrawal_takes_effect_from_the_month_before_the_application():
    assert additional.additional_first_month_without(on=D(2026, 7, 15), paid_through=None) == D(2026, 6, 1)


def test_law_87_2_3_months_already_paid_or_prepaid_stay_additional():
    assert additional.additional_first_month_without(on=D(2026, 7, 15), paid_through=D(2027, 3, 1)) == D(
        2027, 4, 1
    )
    assert additional.additional_first_month_without(on=D(2026, 7, 15), paid_through=D(2026, 4, 1)) == D(
        2026, 6, 1
    )


# --- 14 days (則1条の4・3条・4条・6条の2, 則9条; 民法140条) ------------------------------------------------


def test_rule_1_4_within_13_days_after_the_fact_is_on_time():
    assert (
        deadlines.filing_deadline_status(
            event_date=D(2026, 4, 1), filed_on=D(2026, 4, 14), params=PARAMS
        ).status
        == "on_time"
    )


def test_rule_1_4_more_than_14_days_after_the_fact_is_late():
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 4, 1), filed_on=D(2026, 4, 16), params=PARAMS
    )
    assert (result.status, result.last_day) == ("late", D(2026, 4, 15))


def test_rule_1_4_the_14th_day_is_left_undecided_and_shown_for_confirmation():
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 4, 1), filed_on=D(2026, 4, 15), params=PARAMS
    )
    assert result.status == "undecided" and "民法140条" in result.doubt


def test_rule_1_4_the_14th_day_reading_is_reference_data():
    settled = rules.Params(**{**PARAMS.__dict__, "day14_policy": "on_time"})
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 4, 1), filed_on=D(2026, 4, 15), params=settled
    )
    assert result.status == "on_time" and result.doubt == ""


# The 14th day on a closed day of the city (土日・祝日・年末年始, cases/common/calendar.py): 地方自治法4条の2第4項
# (not among the brief's statute texts) would move it to the next open day — a DOUBT, configurable as closed_day_policy.


def test_rule_1_4_a_last_day_on_a_saturday_filed_the_next_open_day_is_shown_for_confirmation():
    # 2026-04-04 + 14 = 2026-04-18 (Saturday); Monday 2026-04-20 is the next open day.
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 4, 4), filed_on=D(2026, 4, 20), params=PARAMS
    )
    assert (result.status, result.last_day) == ("undecided", D(2026, 4, 18))
    assert "地方自治法4条の2第4項" in result.doubt and "要確認" in result.doubt


def test_rule_1_4_after_the_next_open_day_it_is_late_whatever_the_closed_day_reading():
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 4, 4), filed_on=D(2026, 4, 21), params=PARAMS
    )
    assert (result.status, result.doubt) == ("late", "")


def test_rule_1_4_a_last_day_in_the_year_end_closure_runs_to_4_january():
    # 2026-12-15 + 14 = 2026-12-29 (年末年始); the office opens again on Monday 2027-01-04.
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 12, 15), filed_on=D(2027, 1, 4), params=PARAMS
    )
    assert result.status == "undecided" and "地方自治法4条の2第4項" in result.doubt


@pytest.mark.parametrize("policy", ["on_time", "late"])
def test_rule_1_4_the_closed_day_reading_is_reference_data(policy):
    settled = rules.Params(**{**PARAMS.__dict__, "closed_day_policy": policy})
    result = deadlines.filing_deadline_status(
        event_date=D(2026, 4, 4), filed_on=D(2026, 4, 20), params=settled
    )
    assert (result.status, result.doubt) == (policy, "")


def test_rule_1_4_a_reference_row_without_the_closed_day_policy_leaves_it_undecided():
    row = {
        "special_elderly_born_by": "1965-04-01",
        "voluntary_month_limit": 480,
        "filing_days": 14,
        "send_days": 14,
        "reply_days": 14,
    }
    assert rules.Params.from_mapping(row).closed_day_policy == "undecided"
    with pytest.raises(ValueError, match="closed_day_policy"):
        rules.Params.from_mapping({**row, "closed_day_policy": "maybe"})


def test_rule_1_4_the_filing_screen_keeps_the_closed_day_doubt():
    from cases.qualification.compute import Records, qualification_compute
    from cases.qualification.request import QualificationRequest

    request = QualificationRequest(kind="acquisition", event="immigration", event_date=D(2026, 4, 4))
    out = qualification_compute(
        request=request, birth_date=BORN, filed_on=D(2026, 4, 20), records=Records(), params=PARAMS
    )
    assert out.deadline_status == "undecided"
    assert [doubt["code"] for doubt in out.doubts] == ["closed_day"]


def test_rule_1_4_proviso_the_20th_birthday_acquisition_has_no_14_day_status():
    """則1条の4ただし書: a 20歳到達 acquisition filed 40 days on is not 'late' (no filing duty when 機構 confirms it
    through 住基ネット); the proviso stays 「要確認」."""
    from cases.qualification.compute import Records, qualification_compute
    from cases.qualification.request import QualificationRequest

    request = QualificationRequest(kind="acquisition", event="age20")
    out = qualification_compute(
        request=request, birth_date=D(2006, 4, 1), filed_on=D(2026, 5, 10), records=Records(), params=PARAMS
    )
    assert out.effective_on == D(2026, 3, 31)
    assert (out.deadline_status, out.deadline_on) == ("not_applicable", None)
    assert [doubt["code"] for doubt in out.doubts] == ["age20_no_filing"]


def test_rule_9_the_city_sends_within_14_days_of_receipt():
    # 民法140条: the day of 受理 is not counted.
    assert deadlines.send_due_on(received_on=D(2026, 12, 3), params=PARAMS) == D(2026, 12, 17)


def test_civil_code_140_the_first_day_is_not_counted():
    assert last_day_counted(D(2026, 1, 31), 14) == D(2026, 2, 14)


def test_civil_code_143_months_later_keeps_the_day_or_takes_the_month_end():
    assert months_elapsed_day(D(2024, 1, 15), 3).date == D(2024, 4, 15)
    elapsed = months_elapsed_day(D(2023, 8, 31), 18)  # §1 DOUBT: end of month, flagged 要確認
    assert elapsed.date == D(2025, 2, 28) and elapsed.no_matching_day
