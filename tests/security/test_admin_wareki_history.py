"""The admin's history page of a record names each change's moment as every other screen does (和暦 in
Japanese, ISO with the era year in English: cases/common/date_display.py); Django's own template printed it
with the locale's format (2026年4月3日14:05)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 4, 3, 14, 5, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.fixture
def history_url(admin_user, clerk):
    entry = LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(clerk),
        object_id=str(clerk.pk),
        object_repr=str(clerk),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Display name"]}}]',
    )
    LogEntry.objects.filter(pk=entry.pk).update(action_time=MOMENT)  # auto_now: set afterwards
    return f"/admin/cases/user/{clerk.pk}/history/"


def test_the_history_page_names_each_change_in_wareki(client, admin_user, history_url):
    client.force_login(admin_user)
    page = client.get(history_url).content.decode()
    assert '<th scope="row"><span class="nowrap">令和8年4月3日 14:05</span></th>' in page
    assert "2026年4月3日" not in page
    assert "1 エントリー" in page  # the paginator's count, in Django's own words


def test_the_history_page_names_the_user_as_the_header_greets_them(client, admin_user, history_url):
    admin_user.display_name = "管理 花子"
    admin_user.save(update_fields=["display_name"])
    client.force_login(admin_user)
    page = client.get(history_url).content.decode()
    assert f"<td>{admin_user.username} (管理 花子)</td>" in page


def test_the_english_history_page_shows_the_iso_date_with_the_era_year(client, admin_user, history_url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(admin_user)
    page = client.get(history_url).content.decode()
    assert '<th scope="row"><span class="nowrap">2026-04-03 (R8) 14:05</span></th>' in page
    assert "April 3, 2026" not in page
