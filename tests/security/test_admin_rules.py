"""The admin cannot get round the services: no job started by hand, no task chosen, every change logged."""

import pytest
from celery.app.task import Task as CeleryTask
from django.contrib import admin
from django.test import RequestFactory
from django_celery_beat.models import PeriodicTask

from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.roles import ROLES_BY_CODE
from tasks.schedules import SCHEDULES

pytestmark = pytest.mark.django_db

# Every action the admin role may use goes through an audited service.
ALLOWED_ACTIONS = {"unlock", "totp_reset", "unlock_address", "approve_grants", "refuse_grants"}


def test_the_admin_role_has_only_audited_actions(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    actions = set()
    for model_admin in admin.site._registry.values():
        if model_admin.has_view_or_change_permission(request):
            actions |= set(model_admin.get_actions(request))
    assert actions == ALLOWED_ACTIONS


def test_a_schedule_can_be_retimed_but_not_pointed_at_another_job(client, admin_user, monkeypatch):
    started = []
    monkeypatch.setattr(CeleryTask, "apply_async", lambda self, *a, **k: started.append(self.name))
    row = PeriodicTask.objects.get(name=SCHEDULES[0].name)
    client.force_login(admin_user)
    page = client.get(f"/admin/django_celery_beat/periodictask/{row.pk}/change/")
    assert page.status_code == 200 and 'name="task"' not in page.content.decode()
    response = client.post(
        f"/admin/django_celery_beat/periodictask/{row.pk}/change/",
        {
            "crontab": row.crontab_id,
            "description": "夜間の消去",
            "task": "bundles.seal",
            "args": "[1, 2]",
            "kwargs": '{"user_id": 2}',
            # "enabled" left out: switched off
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.task, row.args, row.kwargs) == (SCHEDULES[0].task, "[]", "{}")
    assert row.enabled is False and row.description == "夜間の消去"
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, detail__event="schedule_changed")
    assert entry.actor_id == admin_user.pk and sorted(entry.detail["fields"]) == ["description", "enabled"]
    # No "run now", and no new jobs.
    client.post(
        "/admin/django_celery_beat/periodictask/", {"action": "run_tasks", "_selected_action": [row.pk]}
    )
    assert started == []
    assert client.get("/admin/django_celery_beat/periodictask/add/").status_code == 403


def test_a_role_given_in_the_admin_is_in_the_access_log(client, admin_user, clerk):
    """Asking for a role is logged at once; it takes effect after a second administrator approves
    (tests/security/test_i11_roles.py)."""
    client.force_login(admin_user)
    data = {
        "username": clerk.username,
        "office": clerk.office_id,
        "is_active": "on",
        "roles": ["clerk", "supervisor"],
        "display_name": "",
        "last_name": "",
        "first_name": "",
        "email": "",
    }
    response = client.post(f"/admin/cases/user/{clerk.pk}/change/", data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, detail__event="user_changed")
    assert entry.actor_id == admin_user.pk and entry.target == f"職員:{clerk.username}"
    assert "roles" in entry.detail["fields"]
    assert entry.detail["roles"] == [ROLES_BY_CODE["clerk"].group]
    requested = AuditEntry.objects.get(detail__event="role_grant_requested")
    assert requested.detail["role"] == ROLES_BY_CODE["supervisor"].group


def test_the_admin_cannot_make_itself_superuser(client, admin_user):
    client.force_login(admin_user)
    page = client.get(f"/admin/cases/user/{admin_user.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page


def test_what_the_admin_shows_about_people_is_read_only_even_for_a_superuser(office):
    """ログイン試行 (user IDs and source addresses): a record, never edited or deleted from the admin."""
    from cases.security.models.security import LoginAttempt
    from tests.conftest import make_user

    root = make_user("root1", "admin", office)
    root.is_staff = root.is_superuser = True
    root.save()
    request = RequestFactory().get("/admin/")
    request.user = root
    model_admin = admin.site._registry[LoginAttempt]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_admin_site_is_one_click_from_every_page_for_the_admin_only(client, admin_user, supervisor):
    client.force_login(admin_user)
    home = client.get("/", follow=True).content.decode()
    assert 'href="/admin/">管理サイト</a>' in home
    assert client.get("/admin/").status_code == 200

    client.force_login(supervisor)
    assert 'href="/admin/"' not in client.get("/", follow=True).content.decode()
