"""Issue 11, the lower items: lockout per ID and address, inquiries scoped and locked, no 個人番号-like
login ID in clear, superseded documents refused to the operator, the demo's bind address and error
pages, wrong codes on the two-factor page counted, equal keys refused in production, and no other
office's 整理番号 on the resident page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from cases.registry.models.pension import Exemption
from cases.security.models.audit import AuditEntry
from cases.security.models.security import Inquiry, InquiryRevision, LoginAttempt
from cases.security.totp import totp_enable, totp_secret_new
from documents.models import Document
from tests.conftest import make_user
from tests.factories import applicant_with_household, stub_document
from tests.security.auth_helpers import ACCOUNT_LOCKED, WRONG, logged_in, login, page
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def fail(client, username: str, times: int, address: str):
    for _ in range(times):
        login(client, username, WRONG, address)


# --- lockout -----------------------------------------------------------------------------------


def test_five_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(client, clerk, office):
    """Before: 5 wrong passwords from anywhere locked any known ID for 30 minutes. Now the lock holds
    the ID at the address that failed; the owner at their office's terminal still signs in."""
    office.allowed_networks = "10.20.0.0/16"
    office.save()
    fail(client, "clerk1", 5, "192.0.2.50")
    assert ACCOUNT_LOCKED in page(login(client, "clerk1", address="192.0.2.50"))  # the attacker's address
    login(client, "clerk1", address="10.20.3.4")
    assert logged_in(client)


def test_failures_across_many_ids_from_an_office_nat_do_not_lock_the_office(client, clerk, clerk2, office):
    """Before: 20 failures from one address locked every user behind the office's NAT."""
    office.allowed_networks = "10.20.0.0/16"
    office.save()
    nat = "10.20.0.1"
    for n in range(25):
        login(client, f"someone{n}", WRONG, nat)
    login(client, "clerk2", address=nat)
    assert logged_in(client)


def test_an_outside_address_spraying_ids_is_still_locked(client, clerk, settings):
    settings.NENKIN_LOCKOUT_IP_THRESHOLD = 20
    for n in range(20):
        login(client, f"someone{n}", WRONG, "198.51.100.7")
    response = login(client, "clerk1", address="198.51.100.7")
    assert not logged_in(client) and "この端末からのログイン失敗が多い" in page(response)


def test_failures_on_one_id_from_many_addresses_slow_down_progressively(client, clerk, settings):
    settings.NENKIN_LOCKOUT_THRESHOLD = 5
    for n in range(8):
        login(client, "clerk1", WRONG, f"203.0.113.{n}")
    response = login(client, "clerk1", address="203.0.113.200")
    assert not logged_in(client) and "時間をおいて" in page(response)
    delayed = LoginAttempt.objects.filter(username="clerk1", reason="delayed")
    assert delayed.exists()


# --- login IDs and logs ------------------------------------------------------------------------


def test_a_12_digit_login_id_is_never_stored_in_clear(client, db):
    number = "1234 5678 9012"
    login(client, number, WRONG, "127.0.0.1")
    login(client, "123456789012", WRONG, "127.0.0.1")
    stored = list(LoginAttempt.objects.values_list("username", flat=True))
    stored += list(AuditEntry.objects.values_list("actor_username", flat=True))
    assert stored and all("9012" not in value for value in stored)
    assert len(set(LoginAttempt.objects.values_list("username", flat=True))) == 1  # the same number


# --- the two-factor page -----------------------------------------------------------------------


def test_wrong_codes_on_the_two_factor_page_count_towards_the_lock(client, supervisor, settings):
    settings.NENKIN_LOCKOUT_THRESHOLD = 3
    totp_enable(user=supervisor, secret=totp_secret_new())
    client.force_login(supervisor)
    for _ in range(3):
        client.post("/account/totp/", {"code": "000000"})
    assert not logged_in(client)
    assert LoginAttempt.objects.filter(username=supervisor.username, reason="totp_failed").count() == 3
    assert LoginAttempt.objects.filter(username=supervisor.username, reason="lockout").exists()


# --- inquiries ---------------------------------------------------------------------------------


def inquiry_post(handler, **extra) -> dict:
    return {
        "received_at": "2026-11-26T10:00",
        "channel": "phone",
        "requester": "本人",
        "subject": "個人番号の利用範囲",
        "handler": handler.pk,
        **extra,
    }


def test_an_inquiry_belongs_to_its_office_and_keeps_its_history(client, clerk, other_office):
    client.force_login(clerk)
    client.post("/inquiries/new/", inquiry_post(clerk))
    inquiry = Inquiry.objects.get()
    assert inquiry.office == clerk.office
    client.post(f"/inquiries/{inquiry.pk}/", inquiry_post(clerk, detail="電話で説明"))
    assert InquiryRevision.objects.filter(inquiry=inquiry).count() == 2
    kamui = make_user("clerk-kamui", "clerk", other_office)
    client.force_login(kamui)
    assert client.get(f"/inquiries/{inquiry.pk}/").status_code == 404
    assert (
        client.post(f"/inquiries/{inquiry.pk}/", inquiry_post(kamui, subject="書き換え")).status_code == 404
    )
    assert "個人番号の利用範囲" not in client.get("/inquiries/").content.decode()
    inquiry.refresh_from_db()
    assert inquiry.subject == "個人番号の利用範囲"


def test_a_closed_inquiry_is_locked(client, clerk):
    client.force_login(clerk)
    client.post("/inquiries/new/", inquiry_post(clerk, closed_at="2026-11-26T11:00", outcome="説明済み"))
    inquiry = Inquiry.objects.get()
    response = client.post(f"/inquiries/{inquiry.pk}/", inquiry_post(clerk, subject="後から変更"))
    assert response.status_code == 409
    inquiry.refresh_from_db()
    assert inquiry.subject == "個人番号の利用範囲"


# --- documents and the resident page ------------------------------------------------------------


def test_the_operator_cannot_download_a_superseded_document_by_id(client, operator, clerk):
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    old = stub_document(case, Document.Kind.RECEIPT)
    Document.objects.filter(pk=old.pk).update(superseded_at=timezone.now())
    client.force_login(operator)
    assert client.get(f"/documents/{old.pk}/").status_code == 403


def test_the_resident_page_shows_no_other_offices_reference_number(client, clerk, other_office):
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    Exemption.objects.get_or_create(
        pension=applicant.pension,
        reference_no=case.number,
        defaults={
            "kind": "full",
            "reason": "01",
            "start_on": timezone.localdate(),
            "received_on": timezone.localdate(),
        },
    )
    kamui = make_user("clerk-kamui", "clerk", other_office)
    client.force_login(kamui)
    body = client.get(f"/residents/{applicant.pk}/").content.decode()
    assert case.number not in body
    client.force_login(clerk)
    assert case.number in client.get(f"/residents/{applicant.pk}/").content.decode()


# --- settings: the demo and production ---------------------------------------------------------


def _settings_of(module: str, tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NENKIN_", "DJANGO_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    clean.update(DJANGO_SETTINGS_MODULE=module, NENKIN_VAR_DIR=str(tmp_path), **env)
    if module.endswith(".production"):  # production names its services (never reached here)
        clean.update(DATABASE_URL="postgres://nenkin@db:5432/nenkin", REDIS_URL="redis://redis:6379/0")
    code = "from django.conf import settings; print('DEBUG', settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_the_demo_listens_on_loopback_with_the_applications_own_error_pages(tmp_path):
    assert 'runserver "127.0.0.1:' in (ROOT / "scripts" / "demo").read_text(encoding="utf-8")
    assert "0.0.0.0" not in (ROOT / "scripts" / "demo").read_text(encoding="utf-8")
    result = _settings_of("config.settings.local", tmp_path)
    assert "DEBUG False" in result.stdout, result.stderr


KEY_A = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="
KEY_C = "Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0M="


@pytest.mark.parametrize(
    ("mynumber", "hash_key", "audit"),
    [(KEY_A, KEY_A, KEY_C), (KEY_A, KEY_B, KEY_A), (KEY_A, KEY_B, KEY_B)],
    ids=["hash=encryption", "audit=encryption", "audit=hash"],
)
def test_production_refuses_equal_keys(tmp_path, mynumber, hash_key, audit):
    result = _settings_of(
        "config.settings.production",
        tmp_path,
        DJANGO_SECRET_KEY="production-equal-keys-test-secret",
        NENKIN_MYNUMBER_KEYS=f"k1:{mynumber}",
        NENKIN_MYNUMBER_HASH_KEY=hash_key,
        NENKIN_AUDIT_KEYS=f"a1:{audit}",
    )
    assert result.returncode != 0 and "同じ鍵" in result.stderr


def test_production_starts_with_distinct_keys(tmp_path):
    result = _settings_of(
        "config.settings.production",
        tmp_path,
        DJANGO_SECRET_KEY="production-equal-keys-test-secret",
        NENKIN_MYNUMBER_KEYS=f"k1:{KEY_A}",
        NENKIN_MYNUMBER_HASH_KEY=KEY_B,
        NENKIN_AUDIT_KEYS=f"a1:{KEY_C}",
    )
    assert result.returncode == 0, result.stderr
