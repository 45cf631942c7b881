"""Issue 14 §5: the admin's headings in the screen's language."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_headings_are_in_the_screen_language(client, admin_user):
    """Issue 14 §5: django-celery-beat ships no Japanese; its headings were left as "PERIODIC TASKS"."""
    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "定期実行" in page and "Periodic Tasks" not in page and "Nenkin Desk 管理" in page


def test_the_admin_counts_staff_offices_and_login_attempts_in_english_plurals():
    """QA walk: the English staff list read 「29 Staff member」 — the plural was the Japanese word again
    (Japanese has none), so English had only the singular. The plural has its own message id."""
    from django.utils import translation

    from cases.security.models.offices import Office
    from cases.security.models.security import LoginAttempt
    from cases.security.models.users import User

    with translation.override("en"):
        plurals = [str(model._meta.verbose_name_plural) for model in (User, Office, LoginAttempt)]
    assert plurals == ["Staff members", "Offices", "Login attempts"]
    with translation.override("ja"):
        assert str(User._meta.verbose_name_plural) == "職員"
