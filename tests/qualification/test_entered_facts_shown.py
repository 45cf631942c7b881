"""What the clerk entered from the 申出書 and what decides the computed answer must be on the case page (the
照合 compares it with the paper) and on the 届書 (入力内容): the 付加 辞退's 納付済・前納済の最終月 (法87条の2第3項:
the months paid stay 付加, so it moves the first month without) and the 任意加入's 納付済等の月数 (法附則5条5項4号:
480 months end the membership). Both were kept on the filing but shown nowhere after 入力."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.codes import InsuredKind
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _pages(client, user, case) -> tuple[str, str]:
    client.force_login(user)
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    preview = client.get(f"/cases/{case.pk}/documents/filing/preview/").content.decode()
    return detail, preview


def test_ho87no2_3_the_paid_through_month_of_a_withdrawal_is_shown_for_the_cross_check(client, clerk):
    paid_through = dt.date(TODAY.year + 1, 3, 1)
    resident = person(kind=InsuredKind.FIRST)
    case = intake(
        clerk, resident, kind="additional_withdrawal", event="withdrawal", paid_through=paid_through
    )
    assert case.qualification.additional_month == dt.date(TODAY.year + 1, 4, 1)
    detail, preview = _pages(client, clerk, case)
    for page in (detail, preview):
        assert "納付済・前納済の最終月" in page
        assert "3月" in page.split("納付済・前納済の最終月", 1)[1][:200]


def test_fusoku5_5_4_the_paid_months_of_a_voluntary_application_are_shown_for_the_cross_check(client, clerk):
    resident = person(kind=None, birth=dt.date(TODAY.year - 62, 1, 10))
    case = intake(
        clerk, resident, kind="voluntary", event="application", paid_months=417, payment_method="account"
    )
    detail, preview = _pages(client, clerk, case)
    for page in (detail, preview):
        assert "保険料納付済等の月数" in page
        assert "417" in page.split("保険料納付済等の月数", 1)[1][:200]


def _after(page: str, label: str) -> str:
    """What follows the label up to the next one (a row's value on the page and in the 届書)."""
    return page.split(label, 1)[1][:80]


def test_fusoku5_the_facts_a_voluntary_application_is_judged_on_are_shown_for_the_cross_check(client, clerk):
    """法附則5条1項・5項: 日本国籍 (abroad), the 老齢給付等 entitlement and a 繰上げ decide a 任意加入; a box ticked
    wrongly at 入力 changes the answer, so the 照合 must see all three (the walk of 2026-12-07 found them nowhere)."""
    resident = person(kind=None, birth=dt.date(TODAY.year - 62, 1, 10))
    case = intake(
        clerk, resident, kind="voluntary", event="application", paid_months=417, payment_method="account"
    )
    detail, preview = _pages(client, clerk, case)
    for page in (detail, preview):
        assert "はい" in _after(page, "日本国籍")
        assert "なし" in _after(page, "老齢給付等の受給権")
        assert "なし" in _after(page, "老齢基礎年金の繰上げ受給")


def test_ho87no2_1_the_pension_fund_answer_of_an_additional_application_is_shown(client, clerk):
    """法87条の2第1項: a 国民年金基金 member may not pay 付加; the answer typed from the 申出書 is shown."""
    resident = person(kind=InsuredKind.FIRST)
    case = intake(clerk, resident, kind="additional", event="application")
    detail, preview = _pages(client, clerk, case)
    for page in (detail, preview):
        assert "いいえ" in _after(page, "国民年金基金の加入員")
