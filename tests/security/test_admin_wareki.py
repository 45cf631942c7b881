"""The admin site shows dates as every other screen does (和暦 in Japanese, ISO with the era year in
English: cases/common/date_display.py) and greets the user by display name, as the desk's header does."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django_celery_beat.models import ClockedSchedule

from cases.admin.dates import WarekiDatesMixin
from cases.security.models.roles import RoleGrant
from cases.security.models.security import LoginAttempt

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
MOMENT = dt.datetime(2026, 4, 3, 14, 5, tzinfo=TOKYO)
# Kept on one line, as the admin keeps a date field's cell (its class nowrap).
ON_ONE_LINE = '<span class="nowrap">令和8年4月3日 14:05</span>'


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def attempt(clerk):
    row = LoginAttempt.objects.create(
        username=clerk.username, source_ip="10.0.0.1", success=True, reason="ok"
    )
    LoginAttempt.objects.filter(pk=row.pk).update(at=MOMENT)  # auto_now_add: set afterwards
    return row


def test_a_changelist_date_column_is_in_wareki(client, admin_user, attempt):
    client.force_login(admin_user)
    page = client.get("/admin/cases/loginattempt/").content.decode()
    assert "令和8年4月3日 14:05" in page
    assert "2026年4月3日" not in page


def test_a_changelist_date_column_keeps_its_heading_sort_and_link(client, admin_user, attempt):
    """The column is still 日時, still sorts by the stored moment, and still opens the row."""
    client.force_login(admin_user)
    page = client.get("/admin/cases/loginattempt/", {"o": "-1"}).content.decode()
    assert 'class="sortable column-at sorted descending"' in page and '<a href="?o=1">日時</a>' in page
    link = f'href="/admin/cases/loginattempt/{attempt.pk}/change/?_changelist_filters=o%3D-1"'
    assert f'<th class="field-at"><a {link}>{ON_ONE_LINE}</a></th>' in page


def test_a_login_attempt_is_named_by_its_local_moment_in_wareki(client, admin_user, attempt):
    """The page's title and breadcrumb name the row: it read 2026-04-03 05:05 (西暦, and UTC)."""
    client.force_login(admin_user)
    page = client.get(f"/admin/cases/loginattempt/{attempt.pk}/change/").content.decode()
    assert "<title>令和8年4月3日 14:05 clerk1 成功 |" in page
    assert "05:05" not in page
    english(client)
    page = client.get(f"/admin/cases/loginattempt/{attempt.pk}/change/").content.decode()
    assert "<title>2026-04-03 (R8) 14:05 clerk1 Succeeded |" in page


def test_an_english_changelist_shows_the_iso_date_with_the_era_year(client, admin_user, attempt):
    english(client)
    client.force_login(admin_user)
    page = client.get("/admin/cases/loginattempt/").content.decode()
    assert "2026-04-03 (R8) 14:05" in page
    assert "April 3, 2026" not in page and "Apr. 3, 2026" not in page


def test_the_account_list_shows_the_last_login_in_wareki(client, admin_user, clerk):
    type(clerk).objects.filter(pk=clerk.pk).update(last_login=MOMENT)
    client.force_login(admin_user)
    page = client.get("/admin/cases/user/").content.decode()
    assert f'<td class="field-last_login">{ON_ONE_LINE}</td>' in page


def test_an_account_page_shows_its_login_record_in_wareki_and_still_saves(client, admin_user, clerk):
    """The login record is read-only on the page (cases/admin/users.py LOGIN_RECORD); the form around it
    still saves the editable fields."""
    type(clerk).objects.filter(pk=clerk.pk).update(password_changed_at=MOMENT, last_login=None)
    client.force_login(admin_user)
    page = client.get(f"/admin/cases/user/{clerk.pk}/change/").content.decode()
    assert f'<div class="readonly">{ON_ONE_LINE}</div>' in page
    assert "2026年4月3日" not in page
    assert '<div class="readonly">-</div>' in page  # an empty date, as before (not "None")
    assert "パスワード変更日時" in page  # the field's own label
    data = {
        "username": clerk.username,
        "office": clerk.office_id,
        "is_active": "on",
        "roles": ["clerk"],
        "display_name": "窓口 一郎",
        "last_name": "",
        "first_name": "",
        "email": "",
    }
    assert client.post(f"/admin/cases/user/{clerk.pk}/change/", data).status_code == 302
    clerk.refresh_from_db()
    assert clerk.display_name == "窓口 一郎" and clerk.password_changed_at == MOMENT


def test_a_read_only_record_page_shows_its_dates_in_wareki(client, admin_user, clerk, supervisor):
    grant = RoleGrant.objects.create(
        user=clerk,
        role="supervisor",
        requested_by=supervisor,
        state=RoleGrant.State.APPROVED,
        decided_by=admin_user,
        decided_at=MOMENT,
    )
    client.force_login(admin_user)
    page = client.get(f"/admin/cases/rolegrant/{grant.pk}/change/").content.decode()
    assert f'<div class="readonly">{ON_ONE_LINE}</div>' in page
    english(client)
    page = client.get(f"/admin/cases/rolegrant/{grant.pk}/change/").content.decode()
    assert '<div class="readonly"><span class="nowrap">2026-04-03 (R8) 14:05</span></div>' in page


def test_an_editable_date_keeps_the_admin_date_widget(client, root):
    """ClockedSchedule's moment is edited in the admin: it keeps Django's date and time boxes (they read
    what the calendar writes) and saves; only its list column is in 和暦."""
    clocked = ClockedSchedule.objects.create(clocked_time=MOMENT)
    client.force_login(root)
    page = client.get(f"/admin/django_celery_beat/clockedschedule/{clocked.pk}/change/").content.decode()
    assert 'name="clocked_time_0"' in page and 'class="vDateField"' in page
    response = client.post(
        f"/admin/django_celery_beat/clockedschedule/{clocked.pk}/change/",
        {
            "clocked_time_0": "2026-05-01",
            "clocked_time_1": "09:30:00",
            "periodictask_set-TOTAL_FORMS": "0",
            "periodictask_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    clocked.refresh_from_db()
    assert timezone.localtime(clocked.clocked_time) == dt.datetime(2026, 5, 1, 9, 30, tzinfo=TOKYO)
    listing = client.get("/admin/django_celery_beat/clockedschedule/").content.decode()
    assert "令和8年5月1日 09:30" in listing


def test_every_admin_page_with_a_date_uses_the_one_display():
    """A page added later with a date column gets 和暦 by taking the mixin; this names the one that did not."""
    missing = [
        model.__name__
        for model, model_admin in admin.site._registry.items()
        if any(isinstance(field, models.DateField) for field in model._meta.get_fields())
        and not isinstance(model_admin, WarekiDatesMixin)
    ]
    assert missing == []


def test_the_header_greets_the_display_name(client, admin_user):
    admin_user.display_name = "管理 花子"
    admin_user.save(update_fields=["display_name"])
    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "<strong>管理 花子</strong>" in page
    assert f"<strong>{admin_user.username}</strong>" not in page
    english(client)
    page = client.get("/admin/").content.decode()
    assert "Welcome," in page and "<strong>管理 花子</strong>" in page


def test_the_header_falls_back_to_the_login_id(client, admin_user):
    assert admin_user.display_name == ""
    client.force_login(admin_user)
    page = client.get("/admin/cases/user/").content.decode()
    assert f"<strong>{admin_user.username}</strong>" in page
