"""One システム管理者 cannot take over another (or a superuser) by setting their password or removing
their second factor in the admin site: that would get round the two-administrator rule for roles."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.roles import RoleGrant
from cases.security.role_grants import role_grant_request
from tests.conftest import make_user
from tests.security.auth_helpers import PASSWORD, login, page

pytestmark = pytest.mark.django_db
NEW = "Taken-over-pw-2026"


@pytest.fixture(autouse=True)
def _refusals_logged_afresh():
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs


@pytest.fixture
def admin2(office):
    user = make_user("admin2", "admin", office)
    user.is_staff = True
    user.totp_enabled, user.totp_secret = True, "sealed-secret"
    user.save(update_fields=["is_staff", "totp_enabled", "totp_secret"])
    return user


@pytest.fixture
def root(office):
    user = make_user("root1", "admin", office)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def password_post(client, user):
    return client.post(f"/admin/cases/user/{user.pk}/password/", {"password1": NEW, "password2": NEW})


def test_an_administrator_cannot_set_another_administrators_password(client, admin_user, admin2, clerk):
    grant = role_grant_request(user=clerk, role="supervisor", by=admin_user)
    client.force_login(admin_user)
    assert client.get(f"/admin/cases/user/{admin2.pk}/password/").status_code == 302
    response = password_post(client, admin2)
    assert response.status_code == 302 and response["Location"] == f"/admin/cases/user/{admin2.pk}/change/"
    message = page(client.get(response["Location"]))
    assert "admin2 はシステム管理者のため" in message
    admin2.refresh_from_db()
    assert admin2.check_password(PASSWORD) and not admin2.check_password(NEW)
    refusal = AuditEntry.objects.get(action=AuditAction.DENIED, detail__method="POST")
    assert refusal.target == f"/admin/cases/user/{admin2.pk}/password/"
    assert refusal.detail["reason"] == "admin_credentials" and "admin2" in refusal.detail["message"]
    assert not AuditEntry.objects.filter(detail__event="password_reset_by_admin").exists()
    grant.refresh_from_db()
    assert grant.state == RoleGrant.State.PENDING


def test_nobody_sets_a_superusers_password_in_the_admin_not_even_another_superuser(client, root, office):
    other = make_user("root2", "admin", office)
    other.is_staff = other.is_superuser = True
    other.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(root)
    password_post(client, other)
    other.refresh_from_db()
    assert not other.check_password(NEW)
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="admin_credentials").exists()


def test_an_administrator_cannot_remove_another_administrators_second_factor(
    client, admin_user, admin2, supervisor
):
    supervisor.totp_enabled, supervisor.totp_secret = True, "sealed-secret"
    supervisor.save(update_fields=["totp_enabled", "totp_secret"])
    client.force_login(admin_user)
    response = client.post(
        "/admin/cases/user/",
        {"action": "totp_reset", "_selected_action": [admin2.pk, supervisor.pk]},
        follow=True,
    )
    assert "admin2 はシステム管理者のため" in page(response)
    admin2.refresh_from_db()
    supervisor.refresh_from_db()
    # Nothing changes, not even for the 係長 selected with it.
    assert admin2.totp_enabled and supervisor.totp_enabled
    assert not AuditEntry.objects.filter(detail__event="totp_disabled").exists()
    refusal = AuditEntry.objects.get(action=AuditAction.DENIED, detail__reason="admin_credentials")
    assert refusal.actor_id == admin_user.pk and "admin2" in refusal.detail["message"]


def test_the_change_form_says_the_password_of_an_administrator_is_not_reset_here(client, admin_user, admin2):
    client.force_login(admin_user)
    form = page(client.get(f"/admin/cases/user/{admin2.pk}/change/"))
    assert "../password/" not in form
    assert "admin2 はシステム管理者のため" in form


def test_a_supervisors_password_reset_is_logged_and_the_supervisor_is_told_at_login(
    client, admin_user, supervisor
):
    client.force_login(admin_user)
    response = password_post(client, supervisor)
    assert response.status_code == 302
    supervisor.refresh_from_db()
    assert supervisor.check_password(NEW) and supervisor.password_set_by_admin
    entry = AuditEntry.objects.get(detail__event="password_reset_by_admin")
    assert entry.actor_id == admin_user.pk and entry.target == f"職員:{supervisor.username}"
    client.logout()
    login(client, supervisor.username, NEW)
    form = page(client.get("/account/password/"))
    assert "システム管理者がパスワードを再設定しました" in form
    assert "パスワードの有効期限が切れています" not in form
    client.post(
        "/account/password/",
        {"old_password": NEW, "new_password1": "Own-choice-pw-2027", "new_password2": "Own-choice-pw-2027"},
    )
    supervisor.refresh_from_db()
    assert not supervisor.password_set_by_admin


def test_break_glass_resets_an_administrator_in_the_name_of_a_second_one(
    admin_user, admin2, monkeypatch, capsys
):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Break-glass-pw-2026")
    call_command("reset_admin_credentials", "admin2", "--password", "--totp", "--user", "admin1")
    admin2.refresh_from_db()
    assert admin2.check_password("Break-glass-pw-2026") and admin2.password_set_by_admin
    assert not admin2.totp_enabled and admin2.totp_secret == ""
    events = AuditEntry.objects.filter(actor_id=admin_user.pk, target="職員:admin2")
    assert set(events.values_list("detail__event", flat=True)) == {"password_reset_by_admin", "totp_disabled"}
    run = AuditEntry.objects.get(target="command:reset_admin_credentials")
    assert run.actor_id == admin_user.pk and run.detail["outcome"] == "ok"
    assert "admin2" in capsys.readouterr().out


def test_break_glass_refuses_the_administrator_naming_themself(admin_user, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Break-glass-pw-2026")
    with pytest.raises(CommandError, match="別のシステム管理者"):
        call_command("reset_admin_credentials", "admin1", "--password", "--user", "admin1")
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)


def test_break_glass_needs_something_to_reset(admin_user, admin2):
    with pytest.raises(CommandError, match="--password"):
        call_command("reset_admin_credentials", "admin2", "--user", "admin1")


# With the second factor required of 係長 (production's default), one administrator may reset a
# 係長's password or remove their second factor, never end up holding both: the one who chose the
# password could enrol their own phone and approve as that 係長.


def totp_post(client, *users):
    return client.post(
        "/admin/cases/user/",
        {"action": "totp_reset", "_selected_action": [user.pk for user in users]},
        follow=True,
    )


def enrolled(user):
    user.totp_enabled, user.totp_secret = True, "sealed-secret"
    user.save(update_fields=["totp_enabled", "totp_secret"])
    return user


@pytest.fixture
def both_factors(settings, admin_user):
    """The setting, and the administrator's own second factor (else every page asks them to enrol)."""
    settings.NENKIN_TOTP_REQUIRED_ROLES = ["supervisor", "admin"]
    enrolled(admin_user)


def test_after_resetting_a_supervisors_password_the_admin_cannot_remove_their_second_factor(
    client, admin_user, supervisor, both_factors
):
    enrolled(supervisor)
    client.force_login(admin_user)
    assert password_post(client, supervisor).status_code == 302
    response = totp_post(client, supervisor)
    assert "パスワードはシステム管理者が設定したまま" in page(response)
    supervisor.refresh_from_db()
    assert supervisor.totp_enabled and supervisor.check_password(NEW)
    refusal = AuditEntry.objects.get(action=AuditAction.DENIED, detail__reason="admin_credentials")
    assert refusal.actor_id == admin_user.pk and supervisor.username in refusal.detail["message"]
    assert not AuditEntry.objects.filter(detail__event="totp_disabled").exists()


def test_the_password_of_a_supervisor_without_a_second_factor_is_not_reset_in_the_admin(
    client, admin_user, supervisor, both_factors
):
    """Reset second factor first, then the password: refused the other way round as well."""
    enrolled(supervisor)
    client.force_login(admin_user)
    totp_post(client, supervisor)
    supervisor.refresh_from_db()
    assert not supervisor.totp_enabled
    form = page(client.get(f"/admin/cases/user/{supervisor.pk}/change/"))
    assert "二要素認証が登録されていないため" in form and "../password/" not in form
    response = password_post(client, supervisor)
    assert response["Location"] == f"/admin/cases/user/{supervisor.pk}/change/"
    supervisor.refresh_from_db()
    assert supervisor.check_password(PASSWORD) and not supervisor.password_set_by_admin
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="admin_credentials").exists()


def test_once_the_supervisor_chose_their_own_password_the_lost_phone_is_reset_as_usual(
    client, admin_user, supervisor, both_factors
):
    enrolled(supervisor)
    client.force_login(admin_user)
    password_post(client, supervisor)
    supervisor.refresh_from_db()
    supervisor.set_password("Own-choice-pw-2027")
    supervisor.password_set_by_admin = False
    supervisor.save(update_fields=["password", "password_set_by_admin"])
    assert "1 件の二要素認証を解除しました" in page(totp_post(client, supervisor))
    supervisor.refresh_from_db()
    assert not supervisor.totp_enabled


def test_a_clerks_password_and_second_factor_stay_an_ordinary_reset(client, admin_user, clerk, both_factors):
    client.force_login(admin_user)
    assert password_post(client, clerk).status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password(NEW)


def test_a_supervisor_who_lost_both_is_reset_on_the_server_by_two_administrators(
    admin_user, admin2, supervisor, both_factors, monkeypatch
):
    enrolled(supervisor)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Break-glass-pw-2026")
    call_command("reset_admin_credentials", supervisor.username, "--password", "--totp", "--user", "admin2")
    supervisor.refresh_from_db()
    assert supervisor.check_password("Break-glass-pw-2026") and not supervisor.totp_enabled
