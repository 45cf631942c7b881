"""A Django superuser holds what the システム管理者 role holds, never casework or number use (PIA III-3
リスク2 「認可機能により利用可能な機能を制限」; the privacy inspector's walk of 2026-12-06 found the
`createsuperuser` account of operations.md able to search and reveal 個人番号, download the weekly
bundle and read the access log). The admin site keeps working for it."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.mynumber import mynumber_register, resident_search_by_mynumber
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.users import User
from cases.security.roles import ADMIN, ROLES
from cases.submission.models import SubmissionBundle
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db
NUMBER = "12345678901" + str(mynumber_check_digit("12345678901"))


@pytest.fixture
def root(reference_data) -> User:
    # As `createsuperuser` makes it: no office, no role.
    return User.objects.create_superuser(
        username="root1", password="Root-pw-for-tests-1", password_changed_at=timezone.now()
    )


@pytest.fixture
def person(reference_data):
    resident = PensionRecordFactory().resident
    mynumber_register(resident=resident, number=NUMBER)
    return resident


def _casework_permissions() -> set[str]:
    return {perm for role in ROLES if role is not ADMIN for perm in role.permissions} - set(ADMIN.permissions)


def test_the_withheld_set_is_every_role_permission_the_admin_role_lacks():
    from cases.security.superusers import SUPERUSER_WITHHELD

    withheld = _casework_permissions()
    assert withheld == SUPERUSER_WITHHELD
    for perm in ("cases.use_mynumber", "cases.take_intake", "cases.approve_case", "cases.seal_bundle"):
        assert perm in withheld
    assert {"cases.download_bundle", "cases.view_audit_log", "documents.download_document"} <= withheld
    assert not withheld & set(ADMIN.permissions)


def test_a_superuser_holds_no_casework_or_number_use(root):
    for perm in _casework_permissions():
        assert not root.has_perm(perm), perm
    assert not root.has_perms(["cases.use_mynumber", "cases.change_user"])
    everything = root.get_all_permissions()
    assert everything and not everything & _casework_permissions()
    # What the admin role holds, and the admin site's own models, stay.
    for perm in ADMIN.permissions:
        assert root.has_perm(perm), perm
    assert root.has_perm("auth.view_group") and root.has_module_perms("cases")
    assert len(everything) == Permission.objects.count() - len(_casework_permissions())


def test_an_inactive_superuser_holds_nothing(root):
    root.is_active = False
    assert not root.has_perm("cases.change_user") and not root.has_module_perms("cases")


def test_a_superuser_cannot_reveal_or_search_a_mynumber(client, root, person):
    client.force_login(root)
    response = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "filing"})
    assert response.status_code == 403 and NUMBER[:4] not in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, target="mynumber_reveal").exists()
    search = client.post("/intake/", {"number": NUMBER, "purpose": "filing"})
    assert search.status_code == 403
    with pytest.raises(PermissionDenied):
        resident_search_by_mynumber(user=root, number=NUMBER, purpose="filing")
    assert not AuditEntry.objects.filter(
        action__in=[AuditAction.MYNUMBER_REVEAL, AuditAction.MYNUMBER_SEARCH]
    ).exists()


def test_a_superuser_cannot_download_the_bundle_or_read_the_access_log(client, root):
    bundle = SubmissionBundle.objects.create(
        number="2026-W01",
        state=SubmissionBundle.State.SENT,
        cutoff_at=timezone.now() - dt.timedelta(days=11),
        sent_on=timezone.localdate() - dt.timedelta(days=10),
    )
    client.force_login(root)
    assert client.get(f"/bundles/{bundle.pk}/download/").status_code == 403
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/report.csv").status_code == 403
    assert client.post("/audit/report.pdf", {"purpose": "internal_audit"}).status_code == 403


def test_a_superuser_still_runs_the_admin_site_and_manages_users(client, root, office):
    client.force_login(root)
    home = client.get("/")  # the administrator's home, not the desk (it has no casework)
    assert home.status_code == 200 and "利用端末の制限が働いていない事務所" in home.content.decode()
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/cases/user/").status_code == 200
    assert client.get("/admin/cases/office/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 200
    response = client.post(
        "/admin/cases/user/add/",
        {
            "username": "it.admin-2",
            "office": office.pk,
            "usable_password": "true",
            "password1": "Second-admin-pw-2026",
            "password2": "Second-admin-pw-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    added = User.objects.get(username="it.admin-2")
    assert client.get(f"/admin/cases/user/{added.pk}/change/").status_code == 200
