import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_login_page_is_japanese(client):
    response = client.get("/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="ja"' in body
    assert "ユーザーID" in body and "パスワード" in body
