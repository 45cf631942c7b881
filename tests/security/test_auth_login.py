"""Login, failures and lockout (per ID and per source address), cool-down and administrator unlock."""

import re

import pytest

from cases.security.auth import address_unlock
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.security import LoginAttempt
from cases.security.models.users import User
from tests.security.auth_helpers import (
    ACCOUNT_LOCKED,
    INVALID_LOGIN,
    PASSWORD,
    WRONG,
    attempts_age,
    logged_in,
    login,
    page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.NENKIN_LOCKOUT_THRESHOLD = 5
    settings.NENKIN_LOCKOUT_IP_THRESHOLD = 20
    settings.NENKIN_LOCKOUT_WINDOW_MINUTES = 15
    settings.NENKIN_LOCKOUT_COOLDOWN_MINUTES = 30


def same_screen(one: str, other: str) -> bool:
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    return token.sub("", one) == token.sub("", other)


def fail(client, username: str, times: int, address: str = "127.0.0.1"):
    response = None
    for _ in range(times):
        response = login(client, username, WRONG, address)
    return response


def test_successful_login_is_logged(client, clerk):
    response = login(client, "clerk1", address="10.9.8.7")
    assert response.status_code == 302 and logged_in(client)
    attempt = LoginAttempt.objects.get(username="clerk1")
    assert attempt.success and attempt.reason == "ok" and attempt.source_ip == "10.9.8.7"
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert entry.actor_id == clerk.pk and entry.source_ip == "10.9.8.7"


def test_wrong_password_is_logged_and_does_not_tell_whether_the_id_exists(client, clerk):
    known = login(client, "clerk1", WRONG)
    unknown = login(client, "nobody-here", WRONG)
    assert not logged_in(client)
    assert INVALID_LOGIN in page(known) and INVALID_LOGIN in page(unknown)
    # Same screen either way, apart from the ID typed back into the form (and the CSRF token's mask).
    assert same_screen(page(known).replace("clerk1", "X"), page(unknown).replace("nobody-here", "X"))
    assert LoginAttempt.objects.filter(success=False, reason="bad_credentials").count() == 2
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert sorted(failed.values_list("actor_username", flat=True)) == ["clerk1", "nobody-here"]


def test_id_locks_after_five_failures_even_for_the_right_password(client, clerk):
    assert INVALID_LOGIN in page(fail(client, "clerk1", 4))
    assert ACCOUNT_LOCKED in page(fail(client, "clerk1", 1))
    response = login(client, "clerk1", PASSWORD)
    assert ACCOUNT_LOCKED in page(response) and not logged_in(client)
    assert LoginAttempt.objects.filter(username="clerk1", reason="lockout").count() == 1
    assert LoginAttempt.objects.filter(username="clerk1", reason="locked").count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT, actor_username="clerk1").count() == 1
    clerk.refresh_from_db()
    assert clerk.locked_until is not None


def test_an_unknown_id_locks_the_same_way(client, db):
    assert ACCOUNT_LOCKED in page(fail(client, "ghost", 5))


def test_other_ids_are_not_affected_by_a_locked_id(client, clerk, clerk2):
    fail(client, "clerk1", 5)
    login(client, "clerk2")
    assert logged_in(client)


def test_failures_outside_the_window_do_not_count(client, clerk):
    fail(client, "clerk1", 4)
    attempts_age(minutes=16, username="clerk1")
    assert INVALID_LOGIN in page(fail(client, "clerk1", 1))
    login(client, "clerk1")
    assert logged_in(client)


def test_a_successful_login_restarts_the_count(client, clerk):
    fail(client, "clerk1", 4)
    login(client, "clerk1")
    client.post("/logout/")
    assert INVALID_LOGIN in page(fail(client, "clerk1", 4))
    clerk.refresh_from_db()
    assert clerk.failed_login_count == 4


def test_cool_down_unlocks(client, clerk):
    fail(client, "clerk1", 5)
    attempts_age(minutes=29, username="clerk1")
    assert ACCOUNT_LOCKED in page(login(client, "clerk1"))
    attempts_age(minutes=2, username="clerk1")
    login(client, "clerk1")
    assert logged_in(client)
    clerk.refresh_from_db()
    assert clerk.locked_until is None and clerk.failed_login_count == 0


def test_address_locks_after_failures_across_many_ids(client, clerk, settings):
    settings.NENKIN_LOCKOUT_IP_THRESHOLD = 6
    for name in ("a1", "a2", "a3"):
        fail(client, name, 2, address="10.66.0.1")
    response = login(client, "clerk1", address="10.66.0.1")
    assert "この端末からのログイン失敗が多いため" in page(response) and not logged_in(client)
    assert LoginAttempt.objects.filter(source_ip="10.66.0.1", reason="address_lockout").exists()
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT, detail__scope="address").exists()
    login(client, "clerk1", address="10.66.0.2")
    assert logged_in(client)


def test_admin_unlocks_from_the_admin_and_it_is_logged(client, clerk, admin_user):
    fail(client, "clerk1", 5)
    client.force_login(admin_user)
    listing = client.get("/admin/cases/user/")
    assert "ロック中" in page(listing)
    response = client.post("/admin/cases/user/", {"action": "unlock", "_selected_action": [clerk.pk]})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, detail__event="account_unlock")
    assert entry.actor_id == admin_user.pk and entry.target == "職員:clerk1"
    assert LoginAttempt.objects.filter(username="clerk1", reason="unlocked").exists()
    client.post("/logout/")
    login(client, "clerk1")
    assert logged_in(client)


def test_clerk_cannot_use_the_admin_unlock(client, clerk, clerk2):
    fail(client, "clerk2", 5)
    client.force_login(clerk)
    client.post("/admin/cases/user/", {"action": "unlock", "_selected_action": [clerk2.pk]})
    assert not LoginAttempt.objects.filter(username="clerk2", reason="unlocked").exists()


def test_logout_is_logged(client, clerk):
    login(client, "clerk1")
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert not logged_in(client)
    assert LoginAttempt.objects.filter(username="clerk1", reason="logout").exists()
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, actor_id=clerk.pk).exists()


def test_a_disabled_id_is_told_only_to_someone_with_its_password(client, clerk):
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    assert "利用停止されています" in page(login(client, "clerk1"))
    assert INVALID_LOGIN in page(login(client, "clerk1", WRONG))
    assert not logged_in(client)


def test_the_admin_site_signs_in_through_the_desk_login(client, admin_user):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    login(client, "admin1")
    assert client.get("/admin/").status_code == 200


def test_an_administrator_can_unlock_an_address(client, clerk, admin_user, settings):
    settings.NENKIN_LOCKOUT_IP_THRESHOLD = 3
    fail(client, "someone", 3, address="10.66.0.9")
    assert not logged_in(client) and "この端末からのログイン失敗が多いため" in page(
        login(client, "clerk1", address="10.66.0.9")
    )
    address_unlock(source_ip="10.66.0.9", by=admin_user)
    assert AuditEntry.objects.filter(detail__event="address_unlock", actor_id=admin_user.pk).exists()
    login(client, "clerk1", address="10.66.0.9")
    assert logged_in(client)
