"""Names stored in Japanese, on English pages (walk of 2026-12-06): the groups of the role table (係長,
窓口担当 …) in the admin's group pages, and the periodic jobs' names (保存期限による個人番号の消去 …) in its
schedule pages. Both names are keys (cases/security/roles.py finds a group by it, tasks/beat.py a job)
and stay stored as they are; an English page names each by its label in the reader's language."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation
from django_celery_beat.models import PeriodicTask

from cases.common.schedule_labels import SCHEDULE_CONTEXT, schedule_label
from cases.security.roles import ROLES
from tasks.schedules import SCHEDULES
from tests.i18n.pending import english_pending

pytestmark = pytest.mark.django_db


def in_english(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_the_group_list_and_a_groups_page_name_the_role_in_english(client, root, monkeypatch):
    english = english_pending(monkeypatch, *(role.group for role in ROLES), context="役割")
    in_english(client, root)
    listed = client.get("/admin/auth/group/").content.decode()
    for role in ROLES:
        assert english[role.group] in listed, role.code
        assert f">{role.group}</a>" not in listed, role.code
    supervisor = Group.objects.get(name="係長")
    page = client.get(f"/admin/auth/group/{supervisor.pk}/change/").content.decode()
    assert english["係長"] in page
    assert 'value="係長"' in page  # the stored name, the key, is still what the form holds


def test_a_japanese_group_page_reads_as_before(client, root):
    client.force_login(root)
    listed = client.get("/admin/auth/group/").content.decode()
    assert ">係長</a>" in listed and ">窓口担当</a>" in listed


def test_each_jobs_label_is_its_stored_name_in_japanese():
    """The stored name stays the key periodic_tasks_sync finds the row by: the label's Japanese is it."""
    with translation.override("ja"):
        for schedule in SCHEDULES:
            assert str(schedule_label(schedule.task, schedule.name)) == schedule.name, schedule.task


def test_the_schedule_list_and_a_jobs_page_name_the_job_in_english(client, admin_user, monkeypatch):
    english = english_pending(monkeypatch, *(s.name for s in SCHEDULES), context=SCHEDULE_CONTEXT)
    in_english(client, admin_user)
    listed = client.get("/admin/django_celery_beat/periodictask/").content.decode()
    for schedule in SCHEDULES:
        assert english[schedule.name] in listed, schedule.task
        assert f">{schedule.name}</a>" not in listed, schedule.task
    row = PeriodicTask.objects.get(name=SCHEDULES[0].name)
    page = client.get(f"/admin/django_celery_beat/periodictask/{row.pk}/change/").content.decode()
    assert english[SCHEDULES[0].name] in page


def test_a_job_not_in_the_list_is_shown_by_its_stored_name():
    assert schedule_label("celery.backend_cleanup", "celery.backend_cleanup") == "celery.backend_cleanup"
