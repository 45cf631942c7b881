"""An application for months the records already hold under 法定免除 (exploratory walk of 2026-12-07: a
障害基礎年金 受給権者 on 法定免除 since 令和7年 applied for 半額免除 and no screen said a word).

国民年金法89条1項: the months from the one before the ground arose are exempt without any application,
「前条及び第九十条の二第一項から第三項までの規定の適用を受ける被保険者を除く」 — so a granted 4分の3・半額・
4分の1免除 takes those months out of 法定免除 and the member pays part of the premium; 全額免除 or 納付猶予
for them asks for nothing the law has not already given."""

import datetime as dt

import pytest

from cases.common.date_display import month_in_text
from cases.registry.models.pension import Exemption
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

PARTIAL = "一部免除 (4分の3・半額・4分の1) が承認されると"
NOT_NEEDED = "申請がなくても保険料の納付を要しません"


def _statutory(applicant, *, start: dt.date, end: dt.date | None = None, decision: str = "") -> None:
    Exemption.objects.create(
        pension=applicant.pension,
        received_on=start,
        kind="statutory",
        start_on=start,
        end_on=end,
        reason="05",
        is_statutory=True,
        statutory_code="1",
        decision=decision,
        reference_no=f"STAT-{applicant.pk}-{start:%Y%m}",
    )


def _input_page(client, clerk, kinds, statutory_start, **kwargs) -> str:
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    _statutory(applicant, start=statutory_start, **kwargs)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=kinds)
    h.verify(case, clerk)
    task = h.open_task(case, "enter_data")
    client.force_login(clerk)
    return client.get(f"/desk/tasks/{task.pk}/").content.decode()


def test_a_partial_exemption_over_statutory_months_is_warned_as_costing_the_member(client, clerk):
    """法89条1項かっこ書: 90条の2 (一部免除) members are outside 法定免除."""
    start, end = h.current_period()
    page = _input_page(client, clerk, ("half",), dt.date(start.year - 1, 3, 1))
    assert PARTIAL in page
    assert f"{month_in_text(start)}〜{month_in_text(end)}" in page
    assert "国民年金法89条1項" in page


def test_full_exemption_over_statutory_months_is_warned_as_not_needed(client, clerk):
    start, _end = h.current_period()
    page = _input_page(client, clerk, ("full", "deferral"), dt.date(start.year - 1, 3, 1))
    assert NOT_NEEDED in page and PARTIAL not in page


def test_only_the_statutory_months_are_named(client, clerk):
    """法定免除 from the third month of the period: the first two are not named."""
    start, end = h.current_period()
    from_month = start.replace(month=start.month + 2)
    page = _input_page(client, clerk, ("full",), from_month)
    assert f"{month_in_text(from_month)}〜{month_in_text(end)} は法定免除" in page


def test_an_ended_or_rejected_statutory_exemption_is_not_warned(client, clerk):
    start, _end = h.current_period()
    ended = _input_page(
        client, clerk, ("half",), dt.date(start.year - 2, 3, 1), end=start - dt.timedelta(days=1)
    )
    rejected = _input_page(client, clerk, ("half",), dt.date(start.year - 1, 3, 1), decision="rejected")
    for page in (ended, rejected):
        assert PARTIAL not in page and NOT_NEEDED not in page


def _maternity_page(client, clerk, kinds, first: dt.date, *, decision: str = "") -> str:
    """A 産前産後免除 on record from `first` for four months (法88条の2: 出産予定月の前月から翌々月まで)."""
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    Exemption.objects.create(
        pension=applicant.pension,
        received_on=first,
        kind="maternity",
        start_on=first,
        end_on=first.replace(month=first.month + 4) - dt.timedelta(days=1),
        reason="06",
        decision=decision,
        reference_no=f"MAT-{applicant.pk}-{first:%Y%m}",
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=kinds)
    h.verify(case, clerk)
    task = h.open_task(case, "enter_data")
    client.force_login(clerk)
    return client.get(f"/desk/tasks/{task.pk}/").content.decode()


def test_法88条の2_months_under_a_recorded_産前産後免除_are_named_on_an_application_for_them(client, clerk):
    """法88条の2: the premium of the months from the one before the expected month to the second after it is
    「納付することを要しない」 on the 届出 alone; an application for them asks for what the law has given."""
    start, _end = h.current_period()
    first = start.replace(month=start.month + 1)
    page = _maternity_page(client, clerk, ("half",), first)
    last = first.replace(month=first.month + 3)
    assert f"{month_in_text(first)}〜{month_in_text(last)} は産前産後免除の期間" in page
    assert "国民年金法88条の2" in page
    rejected = _maternity_page(client, clerk, ("half",), first, decision="rejected")
    assert "産前産後免除の期間" not in rejected
