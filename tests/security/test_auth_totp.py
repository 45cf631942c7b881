"""Two-factor login (TOTP): RFC 6238 codes, enrolment, the code step, replay, sealing, mandatory roles."""

import re
import time

import pytest

from cases.security.crypto import DecryptionError, secret_open
from cases.security.models.audit import AuditEntry
from cases.security.models.security import LoginAttempt
from cases.security.models.users import User
from cases.security.totp import _key, totp_check, totp_code, totp_enable, totp_secret_new
from tests.security.auth_helpers import ACCOUNT_LOCKED, logged_in, login, page

pytestmark = pytest.mark.django_db


def code_now(secret: str, offset_steps: int = 0) -> str:
    return totp_code(_key(secret), int(time.time() // 30) + offset_steps)


@pytest.fixture
def enrolled(supervisor) -> str:
    secret = totp_secret_new()
    totp_enable(user=supervisor, secret=secret)
    return secret


def test_codes_match_the_rfc_6238_test_vectors():
    key = b"12345678901234567890"
    # RFC 6238 Appendix B (SHA-1), last six of the eight digits.
    assert totp_code(key, 59 // 30) == "287082"
    assert totp_code(key, 1111111109 // 30) == "081804"
    assert totp_code(key, 2000000000 // 30) == "279037"


def test_one_step_of_clock_drift_is_accepted_two_are_not(supervisor):
    secret = totp_secret_new()
    now = time.time()
    step = int(now // 30)
    key = _key(secret)
    assert totp_check(user=supervisor, secret=secret, code=totp_code(key, step - 1), at=now)
    assert totp_check(user=supervisor, secret=secret, code=totp_code(key, step + 1), at=now)
    assert not totp_check(user=supervisor, secret=secret, code=totp_code(key, step + 2), at=now)
    assert not totp_check(user=supervisor, secret=secret, code=totp_code(key, step - 2), at=now)


def test_full_width_digits_are_accepted(supervisor):
    secret = totp_secret_new()
    wide = code_now(secret).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert totp_check(user=supervisor, secret=secret, code=wide)


def test_supervisor_enrols_and_the_secret_is_sealed(client, supervisor):
    client.force_login(supervisor)
    screen = page(client.get("/account/totp/"))
    uri = re.search(r"otpauth://totp/[^<\s]+", screen).group(0)
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)
    assert "issuer=Nenkin" in uri
    # Reloading shows the same secret until it is confirmed.
    assert secret in page(client.get("/account/totp/"))
    wrong = client.post("/account/totp/", {"code": "000000" if code_now(secret) != "000000" else "111111"})
    assert "確認コードが正しくありません" in page(wrong)
    response = client.post("/account/totp/", {"code": code_now(secret)})
    assert response.status_code == 302
    supervisor.refresh_from_db()
    assert supervisor.totp_enabled
    assert secret not in supervisor.totp_secret and supervisor.totp_secret.startswith("v1$")
    assert secret_open(ciphertext=supervisor.totp_secret, context=f"totp/user/{supervisor.pk}") == secret
    # Bound to its row: the same ciphertext does not open as another user's.
    with pytest.raises(DecryptionError):
        secret_open(ciphertext=supervisor.totp_secret, context="totp/user/999999")
    assert AuditEntry.objects.filter(detail__event="totp_enabled").exists()
    assert not any(secret in str(e.detail) for e in AuditEntry.objects.all())


def test_clerks_cannot_enrol(client, clerk):
    client.force_login(clerk)
    assert client.get("/account/totp/").status_code == 403


def test_login_asks_for_the_code_and_refuses_a_wrong_or_replayed_one(client, supervisor, enrolled):
    response = login(client, "super1")
    assert response["Location"] == "/login/totp/"
    assert not logged_in(client)
    assert client.get("/desk/").status_code == 302
    wrong = client.post("/login/totp/", {"code": "12345"})
    assert "確認コード" in page(wrong) and not logged_in(client)
    bad_code = "000000" if code_now(enrolled) != "000000" else "111111"
    refused = client.post("/login/totp/", {"code": bad_code})
    assert "確認コードが正しくないか、既に使用されています" in page(refused)
    assert LoginAttempt.objects.filter(username="super1", reason="totp_failed").exists()
    code = code_now(enrolled)
    response = client.post("/login/totp/", {"code": code})
    assert response.status_code == 302 and logged_in(client)
    assert LoginAttempt.objects.filter(username="super1", reason="ok").count() == 1
    # Someone who saw that code cannot use it again, even with the password.
    client.post("/logout/")
    login(client, "super1")
    replay = client.post("/login/totp/", {"code": code})
    assert "既に使用されています" in page(replay) and not logged_in(client)


def test_wrong_codes_count_towards_the_lockout(client, supervisor, enrolled, settings):
    settings.NENKIN_LOCKOUT_THRESHOLD = 3
    bad_code = "000000" if code_now(enrolled) != "000000" else "111111"
    login(client, "super1")
    for _ in range(2):
        client.post("/login/totp/", {"code": bad_code})
    response = client.post("/login/totp/", {"code": bad_code})
    assert response["Location"] == "/login/"
    assert ACCOUNT_LOCKED in page(client.get("/login/"))
    assert ACCOUNT_LOCKED in page(login(client, "super1"))


def test_the_code_step_expires(client, supervisor, enrolled):
    login(client, "super1")
    session = client.session
    session["nenkin_pending_login"]["at"] -= 301
    session.save()
    response = client.post("/login/totp/", {"code": code_now(enrolled)})
    assert response["Location"] == "/login/" and not logged_in(client)


def test_mandatory_for_a_role_forces_enrolment(client, supervisor, clerk, settings):
    settings.NENKIN_TOTP_REQUIRED_ROLES = ["supervisor"]
    client.force_login(supervisor)
    assert client.get("/desk/")["Location"] == "/account/totp/"
    assert client.get("/account/totp/").status_code == 200
    client.force_login(clerk)
    assert client.get("/desk/").status_code == 200


def test_user_can_turn_it_off_only_with_a_code_and_not_when_mandatory(client, supervisor, enrolled, settings):
    client.force_login(supervisor)
    settings.NENKIN_TOTP_REQUIRED_ROLES = ["supervisor"]
    client.post("/account/totp/", {"code": code_now(enrolled)})
    assert User.objects.get(pk=supervisor.pk).totp_enabled
    settings.NENKIN_TOTP_REQUIRED_ROLES = []
    client.post("/account/totp/", {"code": code_now(enrolled, offset_steps=1)})
    assert not User.objects.get(pk=supervisor.pk).totp_enabled


def test_admin_resets_a_lost_device(client, supervisor, enrolled, admin_user):
    client.force_login(admin_user)
    client.post("/admin/cases/user/", {"action": "totp_reset", "_selected_action": [supervisor.pk]})
    supervisor.refresh_from_db()
    assert not supervisor.totp_enabled and supervisor.totp_secret == ""
    entry = AuditEntry.objects.get(detail__event="totp_disabled")
    assert entry.actor_id == admin_user.pk
