"""Django admin's role names on English pages: the role boxes of the user form, the user list's filter,
the 役割の付与 list, the message after asking for a role and the refusal of two roles that may not go
together all said 窓口担当, 係長 … (exploratory test of 2026-12-05, 「Not done」). The groups keep their
Japanese names (cases/security/roles.py: the access log and the role table find them by it); each
role is named by its label in the reader's language.
"""

import pytest
from django.conf import settings
from django.utils import translation

from cases.security.models.roles import RoleGrant
from cases.security.role_grants import role_grant_request, roles_conflict
from cases.security.roles import ROLES, ROLES_BY_CODE
from tests.conftest import make_user
from tests.i18n.pending import english_pending
from tests.security.test_i11_roles import change_post

pytestmark = pytest.mark.django_db
GROUPS = [role.group for role in ROLES]


@pytest.fixture
def english(monkeypatch) -> dict[str, str]:
    """{role code: its name in English}."""
    words = english_pending(monkeypatch, *GROUPS, context="役割")
    return {role.code: words[role.group] for role in ROLES}


@pytest.fixture
def admin2(office):
    user = make_user("admin2", "admin", office)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_roles_label_is_its_groups_name_in_japanese():
    """The label is the group's name as a message id: a Japanese page reads what it always read."""
    for role in ROLES:
        with translation.override("ja"):
            assert str(role.label) == role.group


def test_the_user_forms_role_boxes_name_the_roles_in_english(client, admin_user, clerk, english):
    in_english(client).force_login(admin_user)
    page = client.get(f"/admin/cases/user/{clerk.pk}/change/").content.decode()
    for role in ROLES:
        assert f"{english[role.code]}</label>" in page, role.code
        assert f"{role.group}</label>" not in page, role.code


def test_the_user_lists_role_filter_names_the_roles_in_english_and_filters(
    client, admin_user, clerk, supervisor, english
):
    in_english(client).force_login(admin_user)
    page = client.get("/admin/cases/user/").content.decode()
    for role in ROLES:
        assert english[role.code] in page, role.code
        assert f">{role.group}<" not in page, role.code
    listed = client.get("/admin/cases/user/", {"role": "supervisor"}).content.decode()
    assert supervisor.username in listed and f">{clerk.username}<" not in listed


def test_the_grants_list_and_the_message_after_asking_name_the_role_in_english(
    client, admin_user, office, english
):
    newcomer = make_user("newcomer", "operator", office)
    newcomer.groups.clear()
    in_english(client).force_login(admin_user)
    response = change_post(client, newcomer, ["clerk"])
    assert response.status_code == 302
    asked = client.get(response.url).content.decode()  # the message is shown on the next page
    assert english["clerk"] in asked and "「窓口担当」" not in asked
    assert RoleGrant.objects.filter(user=newcomer, role="clerk").exists()
    listed = client.get("/admin/cases/rolegrant/").content.decode()
    assert english["clerk"] in listed and ">窓口担当<" not in listed


def test_two_roles_that_may_not_go_together_are_named_in_the_readers_language(
    client, admin_user, admin2, clerk, english
):
    with translation.override("en"):
        said = roles_conflict({"admin", "clerk", "supervisor"})
    assert f"{english['clerk']}, {english['supervisor']}" in said
    in_english(client).force_login(admin_user)
    page = change_post(client, admin2, ["admin", "clerk"]).content.decode()
    assert english["clerk"] in page and "(窓口担当)" not in page
    with translation.override("ja"):
        assert "(窓口担当・係長)" in roles_conflict({"admin", "clerk", "supervisor"})


def test_the_log_still_keeps_the_groups_japanese_name(admin_user, office):
    """What the access log keeps does not follow the screen: the group's name, as before."""
    newcomer = make_user("newcomer", "operator", office)
    with translation.override("en"):
        role_grant_request(user=newcomer, role="clerk", by=admin_user)
    from cases.security.models.audit import AuditEntry

    entry = AuditEntry.objects.get(detail__event="role_grant_requested")
    assert entry.detail["role"] == ROLES_BY_CODE["clerk"].group
