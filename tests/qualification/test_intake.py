"""受付 of each filing kind at the counter: the computed date with its article, the 14-day status, the
送付期限, the papers on the checklist — and what cannot be taken is refused naming the field, with
nothing written. A late filing is always taken and recorded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cases.common.codes import AcquisitionReason, AdditionalKind, ChangeReason, InsuredKind, LossReason
from cases.common.date_display import date_show
from cases.kernel.models import Case, CaseEvent, Stage
from cases.registry.models.pension import AdditionalPension, Exemption
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def test_rule_6_2_kind_change_2_to_1_takes_effect_the_day_after_the_last_day_and_needs_the_loss_proof(clerk):
    resident = person(kind=InsuredKind.SECOND)
    last_day = TODAY - 5 * DAY
    case = intake(clerk, resident, kind="kind_change", event="leave_employee_pension", event_date=last_day)
    filing = case.qualification
    assert case.stage == Stage.IDENTITY and case.process_id
    assert filing.effective_on == last_day + DAY and "則6条の2" in filing.effective_basis
    assert (filing.insured_kind_before, filing.insured_kind_after) == (InsuredKind.SECOND, InsuredKind.FIRST)
    assert filing.acquired_reason == AcquisitionReason.LEFT_EMPLOYEE_PENSION
    assert filing.deadline_on == filing.effective_on + 14 * DAY and filing.deadline_status == "on_time"
    assert case.send_due_on == TODAY + 14 * DAY  # 則9条
    required = list(case.checklist.filter(required=True).values_list("code", flat=True))
    assert required == ["loss_proof"]  # 離職票 or 資格喪失証明書


def test_rule_1_4_a_late_acquisition_is_taken_and_its_lateness_recorded_never_refused(clerk):
    resident = person(kind=None, birth=dt.date(1990, 1, 1))
    moved_in = TODAY - 40 * DAY
    case = intake(
        clerk, resident, kind="acquisition", event="immigration", event_date=moved_in, late_reason="失念"
    )
    filing = case.qualification
    assert filing.effective_on == moved_in and filing.deadline_status == "late"
    received = case.events.get(action=CaseEvent.Action.RECEIVED)
    assert "届出期限" in received.text and "失念" in received.comment  # the reason as typed
    with translation.override("en"):  # issue 14 §5: worded in the reader's language
        assert "late filing" in received.text.lower() and "失念" in received.text


def test_rule_1_4_a_filing_on_the_14th_day_is_taken_with_a_confirmation_note(clerk):
    resident = person(kind=None, birth=dt.date(1990, 1, 1))
    case = intake(clerk, resident, kind="acquisition", event="immigration", event_date=TODAY - 14 * DAY)
    filing = case.qualification
    assert filing.deadline_status == "undecided"
    assert [doubt["code"] for doubt in filing.doubts] == ["day14"]


def test_law_8_3_ceasing_to_be_excluded_acquires_category1_that_day_between_the_20th_and_60th_age_days(clerk):
    """法8条3号: acquired on the day the person is no longer excluded (法7条1項1号: 20歳到達日 … the day before the
    60歳到達日); 則1条の4: 14 days from it."""
    birth = TODAY.replace(year=TODAY.year - 60) + DAY  # 60歳到達日 is today: the last 第1号 day was yesterday
    case = intake(
        clerk,
        person(kind=None, birth=birth),
        kind="acquisition",
        event="exclusion_end",
        event_date=TODAY - DAY,
    )
    filing = case.qualification
    assert (filing.effective_on, filing.insured_kind_after) == (TODAY - DAY, InsuredKind.FIRST)
    assert filing.acquired_reason == AcquisitionReason.EXEMPTION_END and "法8条3号" in filing.effective_basis
    with pytest.raises(ValidationError) as refused:
        intake(
            clerk, person(kind=None, birth=birth), kind="acquisition", event="exclusion_end", event_date=TODAY
        )
    assert "event" in refused.value.message_dict


def test_law_7_1_1_ceasing_to_be_excluded_while_living_abroad_is_no_category1_acquisition(clerk):
    """法7条1項1号: 第1号 only with an address in Japan; a resident the 住民記録 shows moved abroad (国外転出) does not
    acquire by 法8条3号."""
    abroad = person(kind=None, removed_on=TODAY - 30 * DAY, change_reason=ChangeReason.MOVE_OUT_ABROAD)
    with pytest.raises(ValidationError) as refused:
        intake(clerk, abroad, kind="acquisition", event="exclusion_end", event_date=TODAY - DAY)
    assert "日本国内に住所のない方" in refused.value.message_dict["event"][0]
    assert not Case.objects.exists()


def test_law_9_1_and_rule_4_a_death_notice_loses_membership_the_day_after(clerk):
    resident = person(kind=InsuredKind.FIRST)
    died = TODAY - 3 * DAY
    case = intake(clerk, resident, kind="death", event="death", event_date=died)
    filing = case.qualification
    assert filing.effective_on == died + DAY and filing.lost_reason == LossReason.DEATH
    assert filing.deadline_on == died + 14 * DAY  # counted from the death, not the loss date


def test_law_9_2_moving_abroad_is_a_loss_from_the_next_day(clerk):
    resident = person(kind=InsuredKind.FIRST)
    case = intake(clerk, resident, kind="loss", event="emigration", event_date=TODAY)
    assert case.qualification.effective_on == TODAY + DAY
    assert case.qualification.lost_reason == LossReason.MOVE_OUT_ABROAD


def test_rule_6_2_3_to_1_after_a_divorce_is_taken_on_the_stated_date_and_flagged(clerk):
    resident = person(kind=InsuredKind.THIRD)
    case = intake(clerk, resident, kind="kind_change", event="dependent_end", event_date=TODAY - 2 * DAY)
    assert case.qualification.insured_kind_after == InsuredKind.FIRST
    assert "dependent_end_date" in [doubt["code"] for doubt in case.qualification.doubts]


@pytest.mark.parametrize(
    ("resident", "request_"),
    [
        ({"removed_on": TODAY - 30 * DAY, "change_reason": ChangeReason.MOVE_OUT_ABROAD}, {}),
        ({}, {"old_age_entitled": True}),
    ],
    ids=["abroad", "old_age_entitled"],
)
def test_law_9_6_and_law_7_1_1_a_category3_who_cannot_be_category1_is_no_3_to_1_change(
    clerk, resident, request_
):
    """法9条6号: 被扶養配偶者でなくなったとき, lost the next day unless the person is 第1号 (7条1項1号: 国内に住所, no
    老齢給付等) or 第2号; that 第3号 loss is filed with 機構 (則3条2項), not a 種別変更 the city takes — as for the
    spouse leaving 厚生年金."""
    person_ = person(kind=InsuredKind.THIRD, **resident)
    with pytest.raises(ValidationError) as refused:
        intake(
            clerk, person_, kind="kind_change", event="dependent_end", event_date=TODAY - 2 * DAY, **request_
        )
    message = refused.value.message_dict["event"][0]
    assert "則3条2項" in message and "法9条6号" in message
    assert not Case.objects.exists()


def test_supplementary_5_2_a_domestic_voluntary_application_needs_the_payment_method(clerk):
    resident = person(kind=None, birth=dt.date(1964, 1, 1))
    with pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="voluntary", event="application")
    assert "payment_method" in refused.value.message_dict
    assert not Case.objects.exists()
    case = intake(clerk, resident, kind="voluntary", event="application", payment_method="account")
    filing = case.qualification
    assert (filing.route, filing.effective_on, filing.insured_kind_after) == (
        "age60_64",
        TODAY,
        InsuredKind.VOLUNTARY,
    )
    assert filing.deadline_status == "not_applicable"
    assert "account_transfer" in case.checklist.values_list("code", flat=True)


def test_supplementary_5_1_a_40_year_old_resident_cannot_join_voluntarily(clerk):
    resident = person(kind=None, birth=dt.date(1985, 1, 1))
    with pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="voluntary", event="application", payment_method="account")
    assert "法7条1項1号" in refused.value.message_dict["kind"][0]


def test_supplementary_5_1_the_refusal_is_worded_in_the_screens_language_with_its_article(clerk):
    """English screens showed the rule's reason and its citation in Japanese (法7条1項1号)."""
    resident = person(kind=None, birth=dt.date(1985, 1, 1))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="voluntary", event="application", payment_method="account")
    message = refused.value.message_dict["kind"][0]
    assert message == (
        "Residents of Japan aged 20 to 59 are Category 1 insured persons. (National Pension Act art. 7(1)(i))"
    )


def test_supplementary_5_5_4_the_month_limit_is_named_in_either_language():
    from cases.qualification import enrolment, rules
    from cases.qualification.compute import worded
    from cases.qualification.params import qualification_params

    refused = enrolment.voluntary_enrolment_eligibility(
        birth_date=dt.date(1964, 1, 1),
        on=dt.date(2026, 7, 1),
        resident_in_japan=True,
        japanese_national=True,
        insured_kind=rules.NONE,
        old_age_entitled=False,
        early_claimed=False,
        paid_months=480,
        params=qualification_params(on=dt.date(2026, 7, 1)),
    )
    assert refused.reason_text == "納付済等の月数が480月に達しているため加入できません。"
    with translation.override("ja"):
        assert worded(refused.reason, refused.article, refused.params).startswith("納付済等の月数が480月")
    with translation.override("en"):
        assert worded(refused.reason, refused.article, refused.params) == (
            "Cannot enrol: the paid and counted months have reached 480. "
            "(National Pension Act, supplementary provisions art. 5(5)(iv))"
        )


def test_h16_supplementary_23_special_elderly_is_a_separate_kind_with_its_doubt_shown(clerk):
    resident = person(kind=None, birth=dt.date(1960, 1, 1))
    with pytest.raises(ValidationError, match="特例高齢任意加入の申出"):
        intake(clerk, resident, kind="voluntary", event="application", payment_method="account")
    case = intake(clerk, resident, kind="special_elderly", event="application", payment_method="account")
    filing = case.qualification
    assert filing.insured_kind_after == InsuredKind.SPECIAL_ELDERLY and filing.route == "special_elderly"
    assert "special_elderly_window" in [doubt["code"] for doubt in filing.doubts]


def test_law_87_2_additional_starts_with_the_application_month(clerk):
    resident = person(kind=InsuredKind.FIRST)
    case = intake(clerk, resident, kind="additional", event="application")
    assert case.qualification.additional_month == TODAY.replace(day=1)


def test_law_87_2_1_no_additional_while_an_exemption_is_granted(clerk):
    resident = person(kind=InsuredKind.FIRST)
    Exemption.objects.create(
        pension=resident.pension,
        received_on=TODAY - 60 * DAY,
        kind="half",
        start_on=TODAY - 30 * DAY,
        reason="01",
        reference_no="X-1",
    )
    with pytest.raises(ValidationError, match="免除"):
        intake(clerk, resident, kind="additional", event="application")
    assert not Case.objects.exists()


def test_law_87_2_1_no_additional_for_a_pension_fund_member(clerk):
    resident = person(kind=InsuredKind.FIRST)
    AdditionalPension.objects.create(
        pension=resident.pension, kind=AdditionalKind.PENSION_FUND, joined_on=TODAY - 100 * DAY
    )
    with pytest.raises(ValidationError, match="国民年金基金"):
        intake(clerk, resident, kind="additional", event="application")


def test_a_filing_the_records_contradict_is_refused_naming_the_field(clerk):
    resident = person(kind=InsuredKind.FIRST)
    with pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="kind_change", event="leave_employee_pension", event_date=TODAY - DAY)
    assert "insured_kind_before" in refused.value.message_dict
    # The clerk may state the 種別 when the records lag: taken, and shown 「要確認」.
    case = intake(
        clerk,
        resident,
        kind="kind_change",
        event="leave_employee_pension",
        event_date=TODAY - DAY,
        insured_kind_before=InsuredKind.SECOND,
    )
    assert "records_kind" in [doubt["code"] for doubt in case.qualification.doubts]


def test_an_event_date_after_the_filing_day_or_an_event_of_another_kind_is_refused(clerk):
    resident = person(kind=InsuredKind.FIRST)
    with pytest.raises(ValidationError) as future:
        intake(clerk, resident, kind="death", event="death", event_date=TODAY + DAY)
    assert "event_date" in future.value.message_dict
    with pytest.raises(ValidationError) as wrong:
        intake(clerk, resident, kind="death", event="immigration", event_date=TODAY)
    assert "event" in wrong.value.message_dict
    assert not Case.objects.exists()


def test_supplementary_5_8_1_an_abroad_voluntary_member_under_60_moving_in_becomes_category1_that_day(clerk):
    resident = person(kind=InsuredKind.VOLUNTARY, birth=dt.date(1990, 1, 1))
    case = intake(clerk, resident, kind="acquisition", event="immigration", event_date=TODAY - 2 * DAY)
    filing = case.qualification
    assert (filing.insured_kind_before, filing.insured_kind_after) == (
        InsuredKind.VOLUNTARY,
        InsuredKind.FIRST,
    )
    assert filing.effective_on == TODAY - 2 * DAY and "法附則5条8項1号" in filing.effective_basis


def test_supplementary_5_8_1_an_abroad_voluntary_member_aged_60_to_64_moving_in_is_not_category1(clerk):
    """法附則5条8項1号 with 法7条1項1号: the 任意加入 (abroad) ends the next day; no 第1号 取得届 to take. The
    domestic 任意加入 (附則5条1項2号) is a separate 申出."""
    resident = person(kind=InsuredKind.VOLUNTARY, birth=dt.date(TODAY.year - 62, 1, 1))
    moved_in = TODAY - 2 * DAY
    with pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="acquisition", event="immigration", event_date=moved_in)
    message = refused.value.message_dict["insured_kind_before"][0]
    assert "法附則5条8項1号" in message and "法附則5条1項1号・2号" in message
    assert date_show(moved_in + DAY) in message  # the loss day, the day after moving in
    assert not Case.objects.exists()


def test_h16_supplementary_23_8_1_an_abroad_special_elderly_member_moving_in_is_told_the_loss_rule(clerk):
    """平16法附則23条8項1号 (not 法7条1項1号): the 特例高齢任意加入 (abroad) ends the next day."""
    resident = person(kind=InsuredKind.SPECIAL_ELDERLY, birth=dt.date(TODAY.year - 67, 1, 1))
    with pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="acquisition", event="immigration", event_date=TODAY - 2 * DAY)
    message = refused.value.message_dict["insured_kind_before"][0]
    assert "平16法附則23条8項1号" in message and "法7条1項1号" not in message


@pytest.mark.parametrize("kind", [InsuredKind.SECOND, InsuredKind.THIRD])
def test_supplementary_7_4_and_rule_4_2_a_category2_or_3_death_is_no_city_filing(clerk, kind):
    """法附則7条の4 (第2号: 法105条 does not apply) and 則4条2項 (第3号: to 機構): no 死亡届 at the city and
    no 14-day deadline set."""
    resident = person(kind=kind)
    with pytest.raises(ValidationError) as refused:
        intake(clerk, resident, kind="death", event="death", event_date=TODAY - 3 * DAY)
    message = refused.value.message_dict["insured_kind_before"][0]
    assert ("法附則7条の4" if kind == InsuredKind.SECOND else "則4条") in message
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("kind", "event", "born", "event_day", "code", "english"),
    [
        ("acquisition", "immigration", dt.date(1990, 1, 1), 14, "day14", "14th day"),
        (
            "special_elderly",
            "application",
            dt.date(1960, 1, 1),
            0,
            "special_elderly_window",
            "Act No. 74 of 2025",
        ),
    ],
    ids=["rule 1-4 day 14", "h16 suppl 23 window"],
)
def test_doubts_are_worded_in_the_readers_language(clerk, kind, event, born, event_day, code, english):
    """The 14th-day doubt and the 特例高齢 window's doubt (the text the city's rule set ships with) are
    in English for a reader working in English, whoever took the filing (tests/qualification/
    test_reader_language.py: they are kept language-neutral)."""
    resident = person(kind=None, birth=born)
    extra = {"payment_method": "account"} if kind == "special_elderly" else {}
    case = intake(clerk, resident, kind=kind, event=event, event_date=TODAY - event_day * DAY, **extra)
    filing = case.qualification
    with translation.override("en"):
        texts = dict(zip([doubt["code"] for doubt in filing.doubts], filing.doubts_shown, strict=True))
    assert english in texts[code]
    assert not any("\u3040" <= ch <= "\u30ff" for ch in texts[code])  # no kana left


def test_rule_1_4_proviso_a_20th_birthday_acquisition_filed_after_14_days_is_not_late(client, clerk):
    """則1条の4ただし書: no filing is due when 機構 confirms the 20歳到達 through 住基ネット, so a 20歳到達 filing
    made more than 14 days on is not 「期限後」: no 14-day status, the 「要確認」 on the proviso instead."""
    reached = TODAY - 40 * DAY  # the 20歳到達日: the day before the 20th birthday
    born = (reached + DAY).replace(year=reached.year - 20)
    resident = person(kind=None, birth=born)
    case = intake(clerk, resident, kind="acquisition", event="age20")
    filing = case.qualification
    assert filing.effective_on == reached
    assert filing.deadline_status == "not_applicable" and filing.deadline_on is None
    assert "age20_no_filing" in [doubt["code"] for doubt in filing.doubts]
    received = case.events.get(action=CaseEvent.Action.RECEIVED)
    assert "届出期限" not in received.text
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "期限後" not in page and "則1条の4ただし書" in page
