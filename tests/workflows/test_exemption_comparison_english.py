"""The 照合 table and the 入力 step of an exemption in English: the applicant heading the household and the
dates are worded in the reader's language (both stayed Japanese: a gettext at import, 和暦 dates)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from cases.exemption.comparison import applicant_comparison, household_comparison
from tests.factories import PensionRecordFactory
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def entered(clerk):
    resident = PensionRecordFactory(resident__birth_date=dt.date(1994, 5, 7)).resident
    case = h.start_case(clerk=clerk, resident=resident)
    h.verify(case, clerk)
    h.enter(case, clerk)
    return case


def test_the_cross_check_table_words_the_self_head_and_the_dates_in_english(entered):
    with translation.override("en"):
        householder = household_comparison(entered)[1]
        birth = next(row for row in applicant_comparison(entered) if row.entered.startswith("1994"))
    assert householder.registry == "The applicant (head of household)"
    assert birth.entered == birth.registry == "1994-05-07 (H6)" and not birth.differs
    with translation.override("ja"):
        assert household_comparison(entered)[1].registry == "本人 (申請者が世帯主)"
        assert "平成6年5月7日" in [row.entered for row in applicant_comparison(entered)]


def test_the_input_step_offers_the_self_head_in_english(client, clerk):
    resident = PensionRecordFactory().resident
    case = h.start_case(clerk=clerk, resident=resident)
    h.verify(case, clerk)
    task = h._take(case, "enter_data", clerk)
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    options = page.split('name="householder"', 1)[1].split("</select>", 1)[0]
    assert "The applicant (head of household)" in options and "本人" not in options
