"""Errors raised by services and selectors that a screen shows (form errors, admin messages) follow the
screen language: English when chosen, Japanese otherwise. What they record stays Japanese elsewhere."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cases.common.dates import add_months
from cases.exemption.periods import applied_period_validate, earliest_retroactive_month
from cases.registry.selectors.residents import residents_search
from tests.factories import applicant_with_household

APPLIED_ON = dt.date(2026, 11, 15)  # earliest month applicable: 2024年10月


def period_errors(**kwargs) -> dict[str, list[str]]:
    arguments = {"fiscal_year": 2024, "student": False, "applied_on": APPLIED_ON, **kwargs}
    with pytest.raises(ValidationError) as caught:
        applied_period_validate(**arguments)
    return caught.value.message_dict


def test_the_retroactive_limit_in_english_and_japanese():
    months = {"start": dt.date(2024, 7, 1), "end": dt.date(2025, 6, 1)}
    assert period_errors(**months)["period_start"] == [
        "申請月の2年1か月前 (令和6年10月) より前の月は申請できません。令和6年7月〜令和6年9月 は対象外です。"
    ]
    with translation.override("en"):
        assert period_errors(**months)["period_start"] == [
            "Months before October 2024 (2 years and 1 month before the month of application) cannot be "
            "applied for: July 2024 to September 2024 are not covered."
        ]


def test_the_fiscal_year_bounds_name_the_kind_of_year():
    months = {"start": dt.date(2026, 3, 1), "end": dt.date(2027, 4, 1), "fiscal_year": 2026, "student": True}
    with translation.override("en"):
        errors = period_errors(**months)
    assert errors["period_start"] == [
        "The first month must be within student year 2026 (April 2026 to March 2027)."
    ]
    assert errors["period_end"] == [
        "The last month can be no later than March 2027, the end of student year 2026."
    ]
    # Japanese screens give months and 年度 in 和暦 like every other date (exploratory test 2026-12-06).
    assert period_errors(**months)["period_end"] == ["終了月は学生年度 令和8年度 の令和9年3月までです。"]


def test_a_search_without_criteria_in_english_and_japanese():
    with pytest.raises(ValidationError) as japanese:
        residents_search()
    assert japanese.value.messages == ["検索条件を1つ以上入力してください。"]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        residents_search(kana="  ")
    assert english.value.messages == ["Enter at least one search criterion."]


# --- on the screens ------------------------------------------------------------------------------


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_the_search_screen_explains_a_missing_criterion_in_the_chosen_language(client, clerk):
    client.force_login(clerk)
    empty = {"search": "name", "kana": "", "kanji": "", "birth_date": "", "atena_no": "", "pension_no": ""}
    text = client.post("/intake/", empty).content.decode()
    assert "検索条件を1つ以上入力してください。" in text
    text = english(client).post("/intake/", empty).content.decode()
    assert "Enter at least one search criterion." in text and "検索条件を" not in text


@pytest.mark.django_db
def test_the_intake_screen_refuses_a_too_early_month_in_english(client, clerk):
    applicant, _spouse = applicant_with_household()
    today = timezone.localdate()
    earliest = earliest_retroactive_month(today)
    too_early = add_months(earliest, -1)
    client.force_login(clerk)
    response = english(client).post(
        f"/intake/exemption/{applicant.pk}/",
        {
            "received_on": today.isoformat(),
            "kind_1": "full",
            "period_start": too_early.strftime("%Y-%m"),
            "period_end": too_early.strftime("%Y-%m"),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200 and not applicant.cases.exists()
    assert f"Months before {earliest:%B %Y} (2 years and 1 month" in text
    assert "2年1か月前" not in text


@pytest.mark.django_db
def test_the_office_admin_explains_a_bad_network_in_english(client, admin_user, other_office):
    client.force_login(admin_user)
    data = {
        "code": other_office.code,
        "name": other_office.name,
        "kind": other_office.kind,
        "sort_order": 1,
        "allowed_networks": "10.40.0.1/16\nten.forty",
    }
    text = english(client).post(f"/admin/cases/office/{other_office.pk}/change/", data).content.decode()
    assert "has host bits that are not 0" in text and "cannot be read as a network address" in text
    assert "ホスト部" not in text


def test_one_month_before_the_retroactive_limit_is_named_once():
    """Exploratory walk of 2026-12-07: 「令和6年9月〜令和6年9月 は対象外です」 (English: "September 2024 to
    September 2024 are not covered") for a start one month too early (法91条, 法102条4項: 2年1か月)."""
    months = {"start": dt.date(2024, 9, 1), "end": dt.date(2025, 6, 1)}
    assert period_errors(**months)["period_start"] == [
        "申請月の2年1か月前 (令和6年10月) より前の月は申請できません。令和6年9月 は対象外です。"
    ]
    with translation.override("en"):
        assert period_errors(**months)["period_start"] == [
            "Months before October 2024 (2 years and 1 month before the month of application) cannot be "
            "applied for: September 2024 is not covered."
        ]


def test_the_job_loss_year_is_in_the_era_of_the_months_beside_it():
    """則77条の7第2号's refusal read 「離職日・廃業日 (2021年) は 令和8年7月〜令和9年6月 の…」."""
    from cases.exemption.periods import job_loss_window_validate

    arguments = {
        "job_loss_date": dt.date(2021, 3, 31),
        "start": dt.date(2026, 7, 1),
        "end": dt.date(2027, 6, 1),
        "student": False,
        "applied_on": APPLIED_ON,
    }
    with pytest.raises(ValidationError) as caught:
        job_loss_window_validate(**arguments)
    assert caught.value.message_dict["job_loss_date"][0].startswith("離職日・廃業日 (令和3年) は 令和8年7月")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        job_loss_window_validate(**arguments)
    assert caught.value.message_dict["job_loss_date"][0].startswith(
        "The job loss or business closure (2021 (R3))"
    )
