"""H2 (issue 11): the システム管理者 cannot give itself casework or number use, cannot hold them with the
admin role, and every grant waits for a second administrator (assessment III: 機能の認可; 権限のない
者によって不正に使用されるリスク)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.roles import RoleGrant
from cases.security.role_grants import role_grant_decide, role_grant_request
from cases.security.roles import ROLES_BY_CODE, user_roles
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def group(code: str) -> Group:
    return Group.objects.get(name=ROLES_BY_CODE[code].group)


def change_post(client, user, roles: list[str], **extra):
    """The admin's user form, with the roles asked for both ways the form has offered them."""
    data = {
        "username": user.username,
        "office": user.office_id,
        "is_active": "on",
        "roles": roles,
        "groups": [group(code).pk for code in roles],
        "display_name": "",
        "last_name": "",
        "first_name": "",
        "email": "",
        **extra,
    }
    return client.post(f"/admin/cases/user/{user.pk}/change/", data)


@pytest.fixture
def admin2(office):
    user = make_user("admin2", "admin", office)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_the_admin_cannot_give_itself_casework_and_reveal_a_number(client, admin_user):
    """The attack: the システム管理者 gave itself 窓口担当 and 係長 in the admin and revealed a 個人番号."""
    client.force_login(admin_user)
    change_post(client, admin_user, ["admin", "clerk", "supervisor"], is_staff="on", is_superuser="on")
    admin_user.refresh_from_db()
    assert user_roles(admin_user) == {"admin"}
    assert not admin_user.has_perm("cases.use_mynumber")
    assert not admin_user.is_superuser
    assert not RoleGrant.objects.filter(user=admin_user).exists()
    with pytest.raises(PermissionDenied):
        role_grant_request(user=admin_user, role="clerk", by=admin_user)


def test_the_admin_role_never_goes_with_casework_or_number_use(client, admin_user, admin2, clerk):
    client.force_login(admin_user)
    response = change_post(client, admin2, ["admin", "clerk"])
    assert response.status_code == 200 and "同時には持てません" in response.content.decode()
    assert user_roles(admin2) == {"admin"} and not RoleGrant.objects.exists()
    with pytest.raises(ValidationError):
        role_grant_request(user=clerk, role="admin", by=admin_user)
    with pytest.raises(ValidationError), transaction.atomic():  # any other path: the shell, a new screen
        admin2.groups.add(group("supervisor"))
    assert user_roles(admin2) == {"admin"}


def test_the_auditor_role_never_goes_with_casework(client, admin_user, admin2, clerk, auditor):
    """A 窓口担当 was granted 監査 and read every office's access log, their own work included
    (exploratory test, 2026-12-05): refused like the admin role with casework."""
    client.force_login(admin_user)
    response = change_post(client, clerk, ["clerk", "auditor"])
    assert response.status_code == 200 and "監査の役割は" in response.content.decode()
    assert user_roles(clerk) == {"clerk"} and not RoleGrant.objects.exists()
    with pytest.raises(ValidationError):
        role_grant_request(user=clerk, role="auditor", by=admin_user)
    with pytest.raises(ValidationError), transaction.atomic():
        auditor.groups.add(group("clerk"))
    assert user_roles(auditor) == {"auditor"}


def test_a_role_takes_effect_only_when_a_second_administrator_approves(client, admin_user, admin2, office):
    newcomer = make_user("newcomer", "operator", office)
    newcomer.groups.clear()
    client.force_login(admin_user)
    response = change_post(client, newcomer, ["clerk"])
    assert response.status_code == 302
    assert user_roles(newcomer) == set()
    grant = RoleGrant.objects.get(user=newcomer, role="clerk", state=RoleGrant.State.PENDING)
    assert grant.requested_by == admin_user
    # The requester cannot approve their own request, through the admin or the service.
    client.post("/admin/cases/rolegrant/", {"action": "approve_grants", "_selected_action": [grant.pk]})
    assert user_roles(newcomer) == set()
    with pytest.raises(PermissionDenied):
        role_grant_decide(grant=grant, by=admin_user, approve=True)
    # A second administrator approves.
    client.force_login(admin2)
    client.post("/admin/cases/rolegrant/", {"action": "approve_grants", "_selected_action": [grant.pk]})
    grant.refresh_from_db()
    assert grant.state == RoleGrant.State.APPROVED and grant.decided_by == admin2
    assert user_roles(newcomer) == {"clerk"}
    events = AuditEntry.objects.filter(action=AuditAction.CHANGE, target=f"職員:{newcomer.username}")
    requested = events.get(detail__event="role_grant_requested")
    approved = events.get(detail__event="role_grant_approved")
    assert requested.actor_id == admin_user.pk and approved.actor_id == admin2.pk
    assert approved.detail["requested_by"] == admin_user.username and approved.detail["role"] == "窓口担当"


def test_one_administrator_with_a_second_account_cannot_play_both_sides(client, admin_user, office):
    """The attack: the admin makes a second account and approves its own requests with it."""
    client.force_login(admin_user)
    client.post(
        "/admin/cases/user/add/",
        {
            "username": "shadow",
            "office": office.pk,
            "usable_password": "true",
            "password1": "Shadow-account-pw-2026",
            "password2": "Shadow-account-pw-2026",
        },
    )
    shadow = __import__("cases.security.models.users", fromlist=["User"]).User.objects.get(username="shadow")
    response = change_post(client, shadow, ["admin"], is_staff="on")
    assert response.status_code == 302
    shadow.refresh_from_db()
    assert not shadow.is_staff and user_roles(shadow) == set()  # the admin site stays closed to it
    change_post(client, admin_user, ["admin"])
    grant = RoleGrant.objects.get(user=shadow, role="admin")
    with pytest.raises(PermissionDenied):
        role_grant_decide(grant=grant, by=shadow, approve=True)  # no approval right, and it is the grantee
    client.force_login(shadow)
    assert client.get("/admin/").status_code in (302, 403)


def test_removing_a_role_applies_at_once(client, admin_user, clerk):
    client.force_login(admin_user)
    change_post(client, clerk, [])
    assert user_roles(clerk) == set()
    assert AuditEntry.objects.filter(detail__event="role_revoked", target=f"職員:{clerk.username}").exists()


def test_every_grant_shows_on_the_auditors_screen(client, admin_user, admin2, auditor, office):
    newcomer = make_user("newcomer2", "operator", office)
    role_grant_decide(
        grant=role_grant_request(user=newcomer, role="supervisor", by=admin_user), by=admin2, approve=True
    )
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert "役割の付与" in page and "係長" in page and "newcomer2" in page


def test_totp_is_required_for_supervisors_and_administrators_unless_the_demo_relaxes_it(tmp_path):
    def roles(module: str) -> list[str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("NENKIN_", "DJANGO_")) and key not in {"DATABASE_URL", "REDIS_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE=module,
            NENKIN_VAR_DIR=str(tmp_path),
            DJANGO_SECRET_KEY="totp-default-test-secret",
            NENKIN_MYNUMBER_KEYS="k1:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=",
            NENKIN_MYNUMBER_HASH_KEY="QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=",
            NENKIN_AUDIT_KEYS="a1:Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0M=",
            # production names its services (never reached here)
            DATABASE_URL="postgres://nenkin@db:5432/nenkin",
            REDIS_URL="redis://redis:6379/0",
        )
        code = "import json; from django.conf import settings; print(json.dumps(settings.NENKIN_TOTP_REQUIRED_ROLES))"
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert sorted(roles("config.settings.production")) == ["admin", "supervisor"]
    assert roles("config.settings.local") == []


def test_a_supervisor_without_a_second_factor_is_sent_to_enrol(client, supervisor, settings):
    settings.NENKIN_TOTP_REQUIRED_ROLES = ["supervisor", "admin"]
    client.force_login(supervisor)
    response = client.get("/desk/")
    assert response.status_code == 302 and response["Location"] == "/account/totp/"
