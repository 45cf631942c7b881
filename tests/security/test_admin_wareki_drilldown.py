"""The admin list's drill-down by date (date_hierarchy) names years and months as screens do: 令和8年,
令和8年4月; English 2026 (R8), 2026-04 (R8) (cases/templatetags/admin_dates.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from cases.security.models.security import LoginAttempt

pytestmark = pytest.mark.django_db


TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def two_years(clerk):
    """Attempts in 令和7年 and 令和8年: the list's drill-down starts at the years."""
    for moment in (
        dt.datetime(2025, 12, 1, 9, 0, tzinfo=TOKYO),
        dt.datetime(2026, 4, 3, 14, 5, tzinfo=TOKYO),
    ):
        row = LoginAttempt.objects.create(username=clerk.username, source_ip="10.0.0.1", success=True)
        LoginAttempt.objects.filter(pk=row.pk).update(at=moment)  # auto_now_add: set afterwards


def test_the_drill_down_by_date_names_years_and_months_in_wareki(client, admin_user, two_years):
    client.force_login(admin_user)
    page = client.get("/admin/cases/loginattempt/").content.decode()
    assert ">令和7年</a>" in page and ">令和8年</a>" in page and ">2026</a>" not in page
    page = client.get("/admin/cases/loginattempt/", {"at__year": "2026"}).content.decode()
    assert ">令和8年4月</a>" in page and "2026年4月" not in page
    page = client.get("/admin/cases/loginattempt/", {"at__year": "2026", "at__month": "4"}).content.decode()
    assert "&lsaquo; 令和8年</a>" in page and ">4月3日</a>" in page  # a day in its month needs no era


def test_the_english_drill_down_shows_the_era_year_beside_the_year(client, admin_user, two_years):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(admin_user)
    page = client.get("/admin/cases/loginattempt/").content.decode()
    assert ">2026 (R8)</a>" in page and ">2025 (R7)</a>" in page
    page = client.get("/admin/cases/loginattempt/", {"at__year": "2026"}).content.decode()
    assert ">2026-04 (R8)</a>" in page and "April 2026" not in page
