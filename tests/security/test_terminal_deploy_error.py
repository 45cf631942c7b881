"""利用端末の管理 (PIA III-3 リスク2) is a promise, not an option: `check --deploy --database default` stops
(an error, nenkin.E201) when an office with staff has no terminal networks, unless the city says it is open
on purpose (NENKIN_OPEN_TERMINALS_OK). The privacy inspector's walk of 2026-12-06 found production only
warned (nenkin.W201)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import ERROR, WARNING
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from cases.security.models.offices import Office
from cases.security.terminal_checks import check_terminal_networks
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def offices(reference_data):
    Office.objects.update(allowed_networks="10.0.0.0/24")
    staffed, empty = Office.objects.order_by("code")[:2]
    Office.objects.filter(pk__in=[staffed.pk, empty.pk]).update(allowed_networks="")
    make_user("clerk7", "clerk", staffed)
    return staffed, empty


def test_an_open_office_with_staff_is_an_error_one_without_staff_a_warning(offices, settings):
    settings.NENKIN_OPEN_TERMINALS_OK = False
    staffed, empty = offices
    error, warning = check_terminal_networks(databases=["default"])
    assert (error.id, error.level) == ("nenkin.E201", ERROR)
    assert staffed.name in error.msg and empty.name not in error.msg
    assert "NENKIN_OPEN_TERMINALS_OK" in error.hint
    assert (warning.id, warning.level) == ("nenkin.W201", WARNING)
    assert empty.name in warning.msg and staffed.name not in warning.msg


def test_the_error_stops_check_deploy(offices, settings):
    settings.NENKIN_OPEN_TERMINALS_OK = False
    with pytest.raises(SystemCheckError, match=r"nenkin\.E201"):
        call_command("check", "--deploy", "--database", "default", "--tag", "security")


def test_only_active_staff_count(offices, settings):
    settings.NENKIN_OPEN_TERMINALS_OK = False
    staffed, _empty = offices
    staffed.staff.update(is_active=False)
    assert {message.id for message in check_terminal_networks(databases=["default"])} == {"nenkin.W201"}


def test_a_city_that_says_it_is_open_on_purpose_gets_the_warning_only(offices, settings):
    settings.NENKIN_OPEN_TERMINALS_OK = True
    (warning,) = check_terminal_networks(databases=["default"])
    assert warning.id == "nenkin.W201" and all(office.name in warning.msg for office in offices)


def test_restricted_offices_pass(offices, settings):
    settings.NENKIN_OPEN_TERMINALS_OK = False
    Office.objects.update(allowed_networks="10.0.0.0/24")
    assert check_terminal_networks(databases=["default"]) == []


def test_the_setting_is_read_from_the_environment_and_documented():
    code = "from django.conf import settings; print(settings.NENKIN_OPEN_TERMINALS_OK)"
    for value, expected in (("", "False"), ("1", "True"), ("false", "False")):
        env = {
            **os.environ,
            "NENKIN_OPEN_TERMINALS_OK": value,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        }
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip() == expected, result.stderr[-1500:]
    assert "NENKIN_OPEN_TERMINALS_OK=" in (ROOT / ".env.example").read_text()
    assert "NENKIN_OPEN_TERMINALS_OK" in (ROOT / "docs" / "operations.md").read_text()
