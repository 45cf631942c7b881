"""The 障害基礎年金 panel names months one way: the 「要確認」 lines on the entered months against the records
(period_records.py, 法5条1項 for the 第2号 months here) and the table of the entered months (保険料納付要件,
法30条1項ただし書) both write a month as every month on screen is written (cases/common/date_display.month_show):
和暦 in Japanese, 2015-04 (H27) in English. In English the lines said 「April 2015 – March 2017」 beside the
table's 「2015-04 (H27) – 2017-03 (H29)」."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cases.common.date_display import month_show, range_separator
from tests.disability.test_periods_against_records import (
    _claim_entered,
    _first1_second_first1,
    _month,
    second_entered_unpaid,
)

pytestmark = pytest.mark.django_db


def _page(user, case, language: str) -> str:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _months(language: str) -> tuple[str, str, str]:
    with translation.override(language):
        return month_show(_month(2015, 4)), month_show(_month(2017, 3)), range_separator()


def _parts(page: str, language: str) -> tuple[str, str]:
    """(the 「要確認」 box, the table of the entered months) of the claim's panel."""
    with translation.override(language):
        heading = translation.gettext("納付日・申請日")  # the table's last column
    (table,) = [table for table in page.split("<table>") if f"<th>{heading}</th>" in table]
    table = table.split("</table>", 1)[0]
    doubts = page.split('role="note"', 1)[1].split("</div>", 1)[0]
    return doubts, table


@pytest.mark.parametrize("language", ["ja", "en"])
def test_ho5_1_the_doubt_lines_and_the_period_table_write_the_months_alike(clerk, language):
    case = _claim_entered(_first1_second_first1(), clerk, second_entered_unpaid)
    first, last, between = _months(language)
    doubts, table = _parts(_page(clerk, case, language), language)
    assert f"{first} {between.strip()} {last}" in table
    assert f"{first}{between}{last}" in doubts


def test_the_months_are_in_wareki_in_japanese_and_the_english_month_style_in_english(clerk):
    case = _claim_entered(_first1_second_first1(), clerk, second_entered_unpaid)
    doubts, table = _parts(_page(clerk, case, "ja"), "ja")
    assert "平成27年4月〜平成29年3月" in doubts and "平成27年4月 〜 平成29年3月" in table
    doubts, table = _parts(_page(clerk, case, "en"), "en")
    assert "2015-04 (H27) – 2017-03 (H29)" in doubts and "2015-04 (H27) – 2017-03 (H29)" in table
    assert "April 2015" not in doubts
