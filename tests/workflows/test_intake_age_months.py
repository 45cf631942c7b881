"""Months before the 20歳 month or from the 60歳 month are no 第1号 months, whatever 資格情報 says
(exploratory walk of 2026-12-07: a man whose 20歳到達日 is 令和8年8月31日 applied for 令和8年7月〜令和9年6月
and was taken in, July only warned about as 「記録なし」 as if the records lagged).

国民年金法7条1項1号 (二十歳以上六十歳未満), 8条1号 (資格取得: 二十歳に達したとき), 9条3号 (喪失: 六十歳に
達したとき, その日), 11条 (被保険者期間は取得月から喪失月の前月まで); the age is reached the day before the
birthday (年齢計算ニ関スル法律). A 法定免除 届出 whose ground arose at 20 (a 20歳前傷病 障害基礎年金,
法30条の4) starts at the 20歳 month, not the month before (法89条1項 covers 被保険者 only)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.date_display import month_in_text
from cases.common.dates import add_months
from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
from cases.kernel.models import Case
from tests.factories import applicant_with_household

from .test_intake_refusals import error_after, month, post_intake

pytestmark = pytest.mark.django_db


def _resident(birth: dt.date):
    resident, _spouse = applicant_with_household(spouse_income=None)
    resident.birth_date = birth
    resident.save(update_fields=["birth_date"])
    return resident


def _year() -> tuple[dt.date, dt.date]:
    return fiscal_year_bounds(fiscal_year_of(timezone.localdate(), student=False), student=False)


def test_months_before_the_20歳_month_are_refused_naming_the_first_month(client, clerk):
    start, _end = _year()
    # Born on the 2nd of the year's second month: 20歳到達日 is its 1st, so the first month is no 第1号 month.
    second = add_months(start, 1)
    client.force_login(clerk)
    response = post_intake(client, _resident(second.replace(year=second.year - 20, day=2)))
    assert not Case.objects.exists()
    message = error_after(response.content.decode(), "period_start")
    assert f"20歳に達した月 ({month_in_text(second)})" in message and "国民年金法8条1号" in message


def test_the_20歳_month_itself_may_be_applied_for(client, clerk):
    start, _end = _year()
    birth = dt.date(start.year - 20, start.month, 2)  # 20歳到達日 on the 1st of the first month
    client.force_login(clerk)
    response = post_intake(client, _resident(birth), period_start=month(start))
    assert response.status_code == 302 and Case.objects.count() == 1


def test_months_from_the_60歳_month_are_refused(client, clerk):
    _start, end = _year()
    # 60歳到達日 in the last month of the year: that month is no longer a 第1号 month (法9条3号).
    birth = dt.date(end.year - 60, end.month, 15)
    client.force_login(clerk)
    response = post_intake(client, _resident(birth), period_end=month(end))
    assert not Case.objects.exists()
    message = error_after(response.content.decode(), "period_end")
    assert "60歳に達した月" in message and "国民年金法9条3号" in message
    ok = post_intake(client, _resident(birth), period_end=month(add_months(end, -1)))
    assert ok.status_code == 302


def test_a_statutory_notice_whose_ground_arose_at_20_starts_at_the_20歳_month(client, clerk):
    """法89条1項's 「前月から」 cannot reach a month before the person was insured."""
    today = timezone.localdate()
    reached = today.replace(day=1) - dt.timedelta(days=1)  # 20歳到達日: the last day of last month
    birth = reached + dt.timedelta(days=1)
    birth = birth.replace(year=birth.year - 20)
    client.force_login(clerk)
    response = post_intake(
        client,
        _resident(birth),
        kind_1="statutory",
        period_start=None,
        period_end=None,
        statutory_ground="1",
        statutory_since=reached.isoformat(),
    )
    assert response.status_code == 302
    assert Case.objects.get().exemption.period_start == reached.replace(day=1)


def test_a_period_wholly_from_the_60歳_month_says_no_month_can_be_applied_for(client, clerk):
    """国民年金法9条3号・11条: someone who reached 60 in the year's first month or earlier has no 第1号 month in
    the year (browser walk of 2026-12-07: the refusal asked for a last month before the first month, which
    the clerk could only answer with another refusal). The first month's field says so and names the last
    month that can be applied for; no end before the start is asked for."""
    start, _end = _year()
    birth = dt.date(start.year - 60, start.month, 15)  # 60歳到達日 in the year's first month
    client.force_login(clerk)
    response = post_intake(client, _resident(birth))
    assert not Case.objects.exists()
    body = response.content.decode()
    message = error_after(body, "period_start")
    assert "申請できる月はありません" in message and "国民年金法9条3号" in message
    assert month_in_text(start) in message and month_in_text(add_months(start, -1)) in message
    assert "の前月" not in error_after(body, "period_end")


def test_a_period_wholly_before_the_20歳_month_says_no_month_can_be_applied_for(client, clerk):
    """国民年金法8条1号・11条: the same when the person reaches 20 after the year's last month; the refusal
    asked for a first month after the last."""
    _start, end = _year()
    after = add_months(end, 2)
    birth = dt.date(after.year - 20, after.month, 2)  # 20歳到達日 on the 1st, two months after the year
    client.force_login(clerk)
    response = post_intake(client, _resident(birth))
    assert not Case.objects.exists()
    message = error_after(response.content.decode(), "period_start")
    assert "申請できる月はありません" in message and "国民年金法8条1号" in message
    assert month_in_text(after) in message


def test_法9条3号_a_statutory_ground_arising_on_the_60歳到達日_is_refused(client, clerk):
    """法9条3号: the 資格 is lost on the day one reaches 60 (「その日」), so a ground arising that day or later in
    the 60歳 month finds no 被保険者 (法89条1項), though the month before it is still a 第1号 month. A ground
    arising the day before is the last that counts."""
    today = timezone.localdate()
    reached = today.replace(day=1) - dt.timedelta(days=1)  # 60歳到達日: the last day of last month
    birth = reached + dt.timedelta(days=1)
    birth = birth.replace(year=birth.year - 60)
    client.force_login(clerk)

    def notice(since: dt.date):
        return post_intake(
            client,
            _resident(birth),
            kind_1="statutory",
            period_start=None,
            period_end=None,
            statutory_ground="2",
            statutory_since=since.isoformat(),
        )

    response = notice(reached)
    assert not Case.objects.exists()
    assert "国民年金法9条3号" in error_after(response.content.decode(), "statutory_since")
    assert notice(reached - dt.timedelta(days=1)).status_code == 302
    assert Case.objects.get().exemption.period_start == add_months(reached.replace(day=1), -1)
