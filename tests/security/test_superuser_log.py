"""Making a superuser — `createsuperuser`, the admin's tick, the shell — and unmaking one are in the access
log, with who did it when known and 「system」 otherwise (PIA III-3 リスク2; operations.md said these runs
were not logged)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.users import User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def superuser_events() -> list[tuple[str, str, str]]:
    return [
        (entry.detail.get("event"), entry.actor_username, entry.target)
        for entry in AuditEntry.objects.filter(action=AuditAction.CHANGE).order_by("id")
        if str(entry.detail.get("event", "")).startswith("superuser_")
    ]


def test_createsuperuser_is_logged_as_the_system(monkeypatch, reference_data):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "First-admin-pw-2026")
    call_command("createsuperuser", "--noinput", "--username", "it.admin-1", "--email", "")
    assert superuser_events() == [("superuser_granted", "system", "職員:it.admin-1")]


def test_switching_it_on_and_off_in_the_shell_is_logged(office):
    user = make_user("clerk9", "clerk", office)
    user.display_name = "窓口 九郎"
    user.save()
    assert superuser_events() == []  # a save that leaves it alone writes nothing
    user.is_superuser = True
    user.save()
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    user.is_superuser = False
    user.save(update_fields=["is_superuser"])
    assert superuser_events() == [
        ("superuser_granted", "system", "職員:clerk9"),
        ("superuser_revoked", "system", "職員:clerk9"),
    ]


def test_the_admin_names_the_superuser_who_ticked_it(client, office, reference_data):
    root = User.objects.create_superuser(
        username="root1", password="Root-pw-for-tests-1", password_changed_at=timezone.now()
    )
    other = make_user("admin9", "admin", office)
    client.force_login(root)

    def post(**extra):
        data = {
            "username": other.username,
            "office": office.pk,
            "is_active": "on",
            "roles": ["admin"],
            "display_name": "",
            "last_name": "",
            "first_name": "",
            "email": "",
            **extra,
        }
        response = client.post(f"/admin/cases/user/{other.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[-2000:]

    post(is_staff="on", is_superuser="on")
    other.refresh_from_db()
    assert other.is_superuser
    post(is_staff="on")
    other.refresh_from_db()
    assert not other.is_superuser
    assert superuser_events() == [
        ("superuser_granted", "system", "職員:root1"),
        ("superuser_granted", "root1", "職員:admin9"),
        ("superuser_revoked", "root1", "職員:admin9"),
    ]
    entry = AuditEntry.objects.filter(actor_username="root1", detail__event="superuser_granted").get()
    assert entry.source_ip  # the admin's request: the address it came from
