"""M5 (issue 11): X-Forwarded-For is believed only from the configured proxy networks, and compose
publishes the web port on the loopback interface only."""

from pathlib import Path

import pytest
import yaml

from cases.security.models.security import LoginAttempt
from cases.security.terminals import client_address, networks_from_list
from tests.security.auth_helpers import TERMINAL_REFUSED, logged_in, page

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
INSIDE, OUTSIDE, PROXY = "10.20.3.4", "192.168.50.5", "172.16.0.2"


@pytest.fixture
def behind_a_proxy(office, settings):
    office.allowed_networks = "10.20.0.0/16"
    office.save()
    settings.NENKIN_TRUSTED_PROXIES = ["172.16.0.0/24"]
    settings.NENKIN_TRUSTED_PROXY_COUNT = 1  # the old setting: hop counting, believed from any peer


def post_login(client, peer: str, forwarded: str):
    return client.post(
        "/login/",
        {"username": "clerk1", "password": "pw-for-tests-only-1"},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_forged_forwarded_for_from_outside_the_proxy_network_is_ignored(client, clerk, behind_a_proxy):
    """The attack: a client reaching the app directly wrote the terminal's address in X-Forwarded-For."""
    response = post_login(client, OUTSIDE, INSIDE)
    assert TERMINAL_REFUSED in page(response) and not logged_in(client)
    assert LoginAttempt.objects.get(reason="terminal").source_ip == OUTSIDE


def test_the_proxy_network_is_believed_for_the_address_it_appended(client, clerk, behind_a_proxy):
    forged = post_login(client, PROXY, f"{INSIDE}, {OUTSIDE}")  # the client wrote INSIDE itself
    assert TERMINAL_REFUSED in page(forged) and not logged_in(client)
    post_login(client, PROXY, f"{OUTSIDE}, {INSIDE}")
    assert logged_in(client)
    assert LoginAttempt.objects.get(reason="ok").source_ip == INSIDE


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "192.168.1.9", "HTTP_X_FORWARDED_FOR": "10.20.3.4"}, "192.168.1.9"),
        ({"REMOTE_ADDR": "172.16.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 2.2.2.2"}, "2.2.2.2"),
        # Two proxies of ours in a row: the first address not ours is the client.
        ({"REMOTE_ADDR": "172.16.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 2.2.2.2, 172.16.0.7"}, "2.2.2.2"),
        ({"REMOTE_ADDR": "172.16.0.2"}, "172.16.0.2"),
        ({"REMOTE_ADDR": "172.16.0.2", "HTTP_X_FORWARDED_FOR": "not-an-ip"}, "172.16.0.2"),
        ({"REMOTE_ADDR": "::ffff:172.16.0.2", "HTTP_X_FORWARDED_FOR": "3.3.3.3"}, "3.3.3.3"),
    ],
)
def test_client_address_walks_only_through_trusted_proxies(meta, expected):
    assert client_address(meta, trusted=networks_from_list(["172.16.0.0/24"])) == expected


def test_no_proxy_configured_means_the_header_is_ignored():
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}
    assert client_address(meta, trusted=()) == "10.0.0.1"


def test_compose_publishes_the_web_port_on_loopback_only():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    ports = compose["services"]["web"].get("ports", [])
    assert ports, "web publishes no port"
    assert all(str(port).startswith("127.0.0.1:") for port in ports), ports
