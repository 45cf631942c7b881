"""Issue 14 §5: the admin's headings in the screen's language."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_headings_are_in_the_screen_language(client, admin_user):
    """Issue 14 §5: django-celery-beat ships no Japanese; its headings were left as "PERIODIC TASKS"."""
    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "定期実行" in page and "Periodic Tasks" not in page and "Nenkin Desk 管理" in page
