"""Terminal restriction: allowed networks per office, the login screen, trusted proxies only."""

import pytest

from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.offices import Office
from cases.security.models.security import LoginAttempt
from cases.security.terminals import client_address, networks_parse
from tests.security.auth_helpers import TERMINAL_REFUSED, logged_in, login, page

pytestmark = pytest.mark.django_db
HONCHO_NET = "10.20.0.0/16"
INSIDE = "10.20.3.4"
OUTSIDE = "192.168.50.5"


@pytest.fixture
def restricted(office) -> Office:
    office.allowed_networks = f"{HONCHO_NET}  # 本庁舎\n2001:db8:20::/48\n"
    office.save()
    return office


@pytest.fixture
def all_restricted(restricted) -> None:
    Office.objects.exclude(pk=restricted.pk).update(allowed_networks="10.30.0.0/16")


def test_login_from_an_office_network_is_allowed(client, clerk, restricted):
    login(client, "clerk1", address=INSIDE)
    assert logged_in(client)
    assert client.get("/desk/", REMOTE_ADDR=INSIDE).status_code == 200


def test_login_from_elsewhere_is_refused_and_logged(client, clerk, restricted):
    response = login(client, "clerk1", address=OUTSIDE)
    assert TERMINAL_REFUSED in page(response) and not logged_in(client)
    assert LoginAttempt.objects.filter(username="clerk1", reason="terminal", source_ip=OUTSIDE).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DENIED)
    assert entry.detail["address"] == OUTSIDE and entry.source_ip == OUTSIDE


def test_a_session_used_from_elsewhere_is_refused_with_a_403(client, clerk, restricted):
    client.force_login(clerk)
    response = client.get("/desk/", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 403
    assert "この端末からは利用できません" in page(response) and OUTSIDE in page(response)
    entry = AuditEntry.objects.get(action=AuditAction.DENIED)
    assert entry.actor_id == clerk.pk and entry.detail["address"] == OUTSIDE and entry.target == "/desk/"
    assert client.get("/desk/", REMOTE_ADDR="2001:db8:20::7").status_code == 200


def test_another_offices_network_is_not_enough(client, clerk2, all_restricted):
    login(client, "clerk2", address="10.30.1.1")
    assert not logged_in(client)


def test_blank_networks_are_unrestricted(client, clerk, office):
    assert office.allowed_networks == ""
    login(client, "clerk1", address=OUTSIDE)
    assert logged_in(client)


def test_login_screen_is_refused_only_where_no_office_could_log_in(client, db, all_restricted):
    assert client.get("/login/", REMOTE_ADDR="10.30.9.9").status_code == 200
    assert client.get("/login/", REMOTE_ADDR=INSIDE).status_code == 200
    refused = client.get("/login/", REMOTE_ADDR=OUTSIDE)
    assert refused.status_code == 403 and TERMINAL_REFUSED in page(refused)
    assert client.get("/admin/login/", REMOTE_ADDR=OUTSIDE).status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, detail__address=OUTSIDE).count() == 2


def test_forwarded_for_is_ignored_without_trusted_proxies(client, clerk, restricted):
    response = client.post(
        "/login/",
        {"username": "clerk1", "password": "pw-for-tests-only-1"},
        REMOTE_ADDR=OUTSIDE,
        HTTP_X_FORWARDED_FOR=INSIDE,
    )
    assert TERMINAL_REFUSED in page(response) and not logged_in(client)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),
        ({"REMOTE_ADDR": "::ffff:10.0.0.1"}, "10.0.0.1"),
    ],
)
def test_client_address_without_proxies(meta, expected):
    """Proxies: tests/security/test_i11_proxies.py."""
    assert client_address(meta, trusted=()) == expected


def test_an_unreadable_network_line_restricts_rather_than_opens():
    assert networks_parse("") is None
    assert networks_parse("10.0.0.0/33") == ()


def test_office_admin_checks_the_networks(client, admin_user, office, other_office):
    client.force_login(admin_user)
    url = f"/admin/cases/office/{other_office.pk}/change/"
    data = {"code": other_office.code, "name": other_office.name, "kind": other_office.kind, "sort_order": 1}
    bad = client.post(url, {**data, "allowed_networks": "10.40.0.1/16\nten.forty"})
    assert "ホスト部が 0 ではありません" in page(bad) and "として読み取れません" in page(bad)
    ok = client.post(url, {**data, "allowed_networks": "10.40.0.0/16"})
    assert ok.status_code == 302
    other_office.refresh_from_db()
    assert other_office.allowed_networks == "10.40.0.0/16"
    assert AuditEntry.objects.filter(
        detail__event="allowed_networks", target=f"事務所:{other_office.code}"
    ).exists()
    # An administrator cannot shut out the terminal they are using.
    own = f"/admin/cases/office/{office.pk}/change/"
    own_data = {"code": office.code, "name": office.name, "kind": office.kind, "sort_order": 0}
    locked_out = client.post(own, {**own_data, "allowed_networks": "10.50.0.0/16"})
    assert "いまお使いの端末 (127.0.0.1)" in page(locked_out)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("::/0", "::/0"),
        ("2001:db8::/32", "2001:db8::/32"),
    ],
)
def test_a_network_broader_than_an_office_is_refused(client, admin_user, other_office, line, shown):
    """0.0.0.0/0 made the restriction void and every address an office address (no address lockout)."""
    before = other_office.allowed_networks
    client.force_login(admin_user)
    url = f"/admin/cases/office/{other_office.pk}/change/"
    data = {"code": other_office.code, "name": other_office.name, "kind": other_office.kind, "sort_order": 1}
    response = client.post(url, {**data, "allowed_networks": f"10.40.0.0/16\n{line}"})
    assert response.status_code == 200
    assert f"「{shown}」は範囲が広すぎます" in page(response)
    other_office.refresh_from_db()
    assert other_office.allowed_networks == before
    narrow = client.post(url, {**data, "allowed_networks": "10.40.0.0/16\n2001:db8:1::/48"})
    assert narrow.status_code == 302
