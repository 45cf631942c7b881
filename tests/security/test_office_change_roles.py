"""Moving a member of staff to another office changes what they may act on (a 支所 係長 moved to the
本庁 acts for every office); one administrator did it alone, while a role needs two (security audit of
2026-12-06). An office change now takes away the roles whose reach is the office (窓口担当, 係長, 委託先),
logged; they are asked for again and a second administrator approves, as for any role."""

import pytest

from cases.security.models.audit import AuditEntry
from cases.security.roles import ROLES_BY_CODE, user_roles
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _change(client, user, *, office, roles):
    data = {
        "username": user.username,
        "office": office.pk,
        "is_active": "on",
        "roles": roles,
        "display_name": "",
        "last_name": "",
        "first_name": "",
        "email": "",
    }
    return client.post(f"/admin/cases/user/{user.pk}/change/", data, follow=True)


def test_moving_a_supervisor_to_another_office_takes_the_office_bound_roles_away(
    client, admin_user, office, other_office
):
    moved = make_user("kakaricho9", "supervisor", other_office)
    client.force_login(admin_user)
    page = _change(client, moved, office=office, roles=["supervisor"]).content.decode()
    moved.refresh_from_db()
    assert moved.office_id == office.pk
    assert user_roles(moved) == set()
    revoked = AuditEntry.objects.get(detail__event="role_revoked", target=f"職員:{moved.username}")
    assert revoked.actor_id == admin_user.pk and revoked.detail["role"] == ROLES_BY_CODE["supervisor"].group
    assert "異動" in page
    changed = AuditEntry.objects.get(detail__event="user_changed", target=f"職員:{moved.username}")
    assert (changed.detail["office_from"], changed.detail["office_to"]) == (other_office.name, office.name)


def test_an_auditor_moved_keeps_the_role_and_a_change_without_a_move_keeps_every_role(
    client, admin_user, office, other_office
):
    auditor = make_user("kansa9", "auditor", other_office)
    clerk = make_user("madoguchi9", "clerk", office)
    client.force_login(admin_user)
    _change(client, auditor, office=office, roles=["auditor"])
    _change(client, clerk, office=office, roles=["clerk"])
    assert user_roles(auditor) == {"auditor"} and user_roles(clerk) == {"clerk"}
    assert not AuditEntry.objects.filter(detail__event="role_revoked").exists()
