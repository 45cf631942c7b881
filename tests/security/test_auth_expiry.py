"""Password expiry: forced change, validators in Japanese, the grace period and the daily job."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.security.auth import ExpiryState, accounts_disable_expired, password_expiry_state
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.users import User
from cases.security.roles import ROLES_BY_CODE
from tasks.schedules import SCHEDULES
from tests.security.auth_helpers import PASSWORD, logged_in, login, page

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "kawa-no-nagare-27"


@pytest.fixture(autouse=True)
def expiry_settings(settings):
    settings.NENKIN_PASSWORD_MAX_AGE_DAYS = 90
    settings.NENKIN_PASSWORD_GRACE_DAYS = 14


def changed_days_ago(user: User, days: int) -> None:
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=days))
    user.refresh_from_db()


def change(client, new: str, old: str = PASSWORD, confirm: str | None = None):
    data = {"old_password": old, "new_password1": new, "new_password2": confirm or new}
    return client.post("/account/password/", data)


def test_expiry_states(clerk):
    now = timezone.now()
    changed_days_ago(clerk, 89)
    assert password_expiry_state(clerk, now) == ExpiryState.OK
    changed_days_ago(clerk, 91)
    assert password_expiry_state(clerk, now) == ExpiryState.MUST_CHANGE
    changed_days_ago(clerk, 105)
    assert password_expiry_state(clerk, now) == ExpiryState.DISABLED


def test_expired_password_forces_a_change_before_anything_else(client, clerk):
    changed_days_ago(clerk, 91)
    response = login(client, "clerk1")
    assert logged_in(client)
    for url in (response["Location"], "/desk/", "/consultation/", "/admin/"):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked["Location"] == "/account/password/", url
    form = client.get("/account/password/")
    assert "パスワードの有効期限が切れています" in page(form)
    assert change(client, NEW_PASSWORD).status_code == 302
    clerk.refresh_from_db()
    assert password_expiry_state(clerk) == ExpiryState.OK
    assert clerk.check_password(NEW_PASSWORD)
    assert client.get("/desk/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, detail__event="password_change").exists()


def test_logout_stays_reachable_while_the_change_is_due(client, clerk):
    changed_days_ago(clerk, 91)
    login(client, "clerk1")
    client.post("/logout/")
    assert not logged_in(client)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("short-pw1", "このパスワードは短すぎます。最低 12 文字以上必要です。"),
        ("asahikawa_tanaka1", "このパスワードは ユーザーID と似すぎています。"),
        ("qwerty123456", "このパスワードは一般的すぎます。"),
        ("948201736455", "このパスワードは数字しか使われていません。"),
        (PASSWORD, "現在と同じパスワードは使えません。"),
    ],
)
def test_the_rules_refuse_weak_passwords_in_japanese(client, office, new, message):
    user = User.objects.create_user(
        username="asahikawa_tanaka", password=PASSWORD, office=office, password_changed_at=timezone.now()
    )
    user.groups.add(Group.objects.get(name=ROLES_BY_CODE["clerk"].group))
    changed_days_ago(user, 91)
    login(client, "asahikawa_tanaka")
    response = change(client, new)
    assert response.status_code == 200
    assert message in page(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert client.get("/desk/")["Location"] == "/account/password/"


def test_wrong_current_password_or_mismatch_are_refused(client, clerk):
    login(client, "clerk1")
    assert "現在のパスワードが正しくありません" in page(change(client, NEW_PASSWORD, old="wrong-current-1"))
    assert "確認用のパスワードが一致しません" in page(
        change(client, NEW_PASSWORD, confirm=NEW_PASSWORD + "x")
    )


def test_past_the_grace_period_the_id_is_disabled_and_cannot_log_in(client, clerk):
    changed_days_ago(clerk, 105)
    response = login(client, "clerk1")
    assert not logged_in(client)
    assert "このユーザーIDは失効しています" in page(response)
    clerk.refresh_from_db()
    assert not clerk.is_active and "有効期限" in clerk.deactivated_reason
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, detail__event="account_disabled")
    assert entry.target == "職員:clerk1"
    # Still refused afterwards, and still explained to the holder of the password.
    assert "このユーザーIDは失効しています" in page(login(client, "clerk1"))
    assert not logged_in(client)


def test_a_session_outliving_the_grace_period_ends(client, clerk):
    client.force_login(clerk)
    changed_days_ago(clerk, 105)
    response = client.get("/desk/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert not logged_in(client)
    clerk.refresh_from_db()
    assert not clerk.is_active


def test_daily_job_disables_only_ids_past_the_grace_period(clerk, clerk2, supervisor):
    changed_days_ago(clerk, 105)
    changed_days_ago(clerk2, 100)
    from tasks.security import accounts_disable_expired as task

    assert task.delay().get() == 1
    assert accounts_disable_expired() == 0  # already done: nothing twice
    states = dict(User.objects.values_list("username", "is_active"))
    assert states == {"clerk1": False, "clerk2": True, "super1": True}
    assert AuditEntry.objects.filter(detail__event="account_disabled").count() == 1


def test_daily_job_is_scheduled():
    assert any(s.task == "security.accounts_disable_expired" for s in SCHEDULES)


def test_a_password_set_by_an_administrator_must_be_replaced(client, clerk, admin_user):
    client.force_login(admin_user)
    temporary = "karino-pass-2026"
    response = client.post(
        f"/admin/cases/user/{clerk.pk}/password/",
        {"password1": temporary, "password2": temporary, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(detail__event="password_reset_by_admin").exists()
    clerk.refresh_from_db()
    assert password_expiry_state(clerk) == ExpiryState.MUST_CHANGE
    client.post("/logout/")
    login(client, "clerk1", temporary)
    assert client.get("/desk/")["Location"] == "/account/password/"


def test_reactivation_gives_a_fresh_grace_period(client, clerk, admin_user):
    changed_days_ago(clerk, 105)
    accounts_disable_expired()
    client.force_login(admin_user)
    form = client.get(f"/admin/cases/user/{clerk.pk}/change/")
    assert form.status_code == 200
    data = {
        "username": "clerk1",
        "office": clerk.office_id,
        "is_active": "on",
        "groups": list(clerk.groups.values_list("pk", flat=True)),
        "display_name": "",
        "last_name": "",
        "first_name": "",
        "email": "",
    }
    response = client.post(f"/admin/cases/user/{clerk.pk}/change/", data)
    assert response.status_code == 302, page(response)
    clerk.refresh_from_db()
    assert clerk.is_active and clerk.deactivated_reason == ""
    assert password_expiry_state(clerk) == ExpiryState.MUST_CHANGE


def test_an_account_created_by_an_administrator_starts_with_a_temporary_password(client, admin_user, office):
    client.force_login(admin_user)
    temporary = "hajimete-no-pass-7"
    response = client.post(
        "/admin/cases/user/add/",
        {
            "username": "newclerk",
            "office": office.pk,
            "usable_password": "true",
            "password1": temporary,
            "password2": temporary,
        },
    )
    assert response.status_code == 302, page(response)
    created = User.objects.get(username="newclerk")
    assert password_expiry_state(created) == ExpiryState.MUST_CHANGE
    client.post("/logout/")
    login(client, "newclerk", temporary)
    assert client.get("/")["Location"] == "/account/password/"
