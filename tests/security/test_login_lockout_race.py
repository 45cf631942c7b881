"""Wrong passwords sent at the same instant for one ID (the security audit of 2026-12-06): the lock was
checked before the password and recorded after it, so attempts in flight together all had their
password checked — more guesses than NENKIN_LOCKOUT_THRESHOLD. Attempts for one ID are taken one at a
time now (PostgreSQL), so the threshold holds: exactly that many passwords are checked, the rest are
refused as locked before theirs is looked at."""

import time

import pytest
from django.contrib.auth import authenticate as real_authenticate
from django.test import Client

from cases.security.auth import Reason
from cases.security.models.security import LoginAttempt
from tests.concurrency import race
from tests.security.auth_helpers import WRONG

pytestmark = pytest.mark.django_db(transaction=True)
ATTEMPTS = 8


def test_wrong_passwords_sent_together_get_no_more_guesses_than_the_threshold(clerk, settings, monkeypatch):
    settings.NENKIN_LOCKOUT_THRESHOLD = 3
    settings.NENKIN_LOCKOUT_IP_THRESHOLD = 100

    def slow_authenticate(*args, **kwargs):
        time.sleep(0.3)  # a real password hash takes this long: every attempt is in flight at once
        return real_authenticate(*args, **kwargs)

    monkeypatch.setattr("cases.security.forms.auth.authenticate", slow_authenticate)

    def attempt():
        return Client().post("/login/", {"username": clerk.username, "password": WRONG}).status_code

    outcomes = race(*[attempt for _ in range(ATTEMPTS)])
    assert [kind for kind, _ in outcomes] == ["ok"] * ATTEMPTS, outcomes
    checked = LoginAttempt.objects.filter(username=clerk.username, reason=Reason.BAD_CREDENTIALS).count()
    assert checked == settings.NENKIN_LOCKOUT_THRESHOLD
    assert LoginAttempt.objects.filter(username=clerk.username, reason=Reason.LOCKED).count() == (
        ATTEMPTS - settings.NENKIN_LOCKOUT_THRESHOLD
    )
