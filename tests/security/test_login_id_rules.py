"""The login-ID rules (cases/security/login_ids.py) hold on every path that makes an account, not only
the admin's forms: createsuperuser (the README's first step) accepted a 12-digit ID, which then showed
in the header and plain in the access log."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cases.security.models.users import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["123456789018", "1234-5678-9018", "=HYPERLINK", "田中"])
def test_createsuperuser_refuses_an_id_outside_the_rules(username, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "First-admin-pw-2026")
    with pytest.raises(CommandError, match="ユーザーID"):
        call_command("createsuperuser", "--noinput", "--username", username, "--email", "")
    assert not User.objects.filter(username=username).exists()


def test_createsuperuser_accepts_an_id_inside_the_rules(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "First-admin-pw-2026")
    call_command("createsuperuser", "--noinput", "--username", "it.admin-1", "--email", "")
    assert User.objects.get(username="it.admin-1").is_superuser


def test_the_model_refuses_a_mynumber_like_id():
    with pytest.raises(ValidationError) as excinfo:
        User(username="123456789018", is_superuser=True).full_clean()
    assert "個人番号と紛らわしい" in " ".join(excinfo.value.message_dict["username"])


def test_the_add_form_states_the_real_rule(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/cases/user/add/").content.decode()
    assert "半角英数字で始め" in page and "12桁の数字" in page
    assert "@/./+/-/_" not in page
