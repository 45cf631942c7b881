"""利用端末の制限 left blank is noticed (PIA III-3 リスク2; the audit test of 2026-12-06 found every office
unrestricted and `check --deploy` silent)."""

import pytest

from cases.security.models.offices import Office
from cases.security.terminal_checks import check_terminal_networks

pytestmark = pytest.mark.django_db


def test_the_deploy_check_names_every_office_without_terminal_networks(admin_user):
    Office.objects.update(allowed_networks="127.0.0.0/8")
    # An office without staff: a warning (one with staff is an error, tests/security/test_terminal_deploy_error.py).
    open_office = Office.objects.exclude(staff__isnull=False).order_by("code").first()
    Office.objects.filter(pk=open_office.pk).update(allowed_networks="")
    (warning,) = check_terminal_networks(databases=["default"])
    assert warning.id == "nenkin.W201" and open_office.name in warning.msg
    Office.objects.filter(pk=open_office.pk).update(allowed_networks="10.0.1.0/24")
    assert check_terminal_networks(databases=["default"]) == []
    assert check_terminal_networks() == []  # without --database the check reads nothing


def test_the_administrators_home_names_the_unrestricted_offices(client, admin_user):
    Office.objects.update(allowed_networks="127.0.0.0/8")
    open_office = Office.objects.order_by("code").first()
    Office.objects.filter(pk=open_office.pk).update(allowed_networks="")
    client.force_login(admin_user)
    page = client.get("/").content.decode()
    assert "利用端末の制限が働いていない事務所" in page and open_office.name in page
    Office.objects.update(allowed_networks="127.0.0.0/8")
    assert "利用端末の制限が働いていない事務所" not in client.get("/").content.decode()
