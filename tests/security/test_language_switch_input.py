"""The language switch (POST /language/) is open to anyone, signed in or not. Its answer for a page that took
no GET (the bulk preview, a refused withdrawal) words its message in the language asked for: a value that is
no language of ours (``xx-1``, ``../../tmp/x``, a megabyte of letters) must not be activated — Django keeps
every language it has activated in a process-wide cache for good (trans_real._translations), so one request
per new value grew every worker's memory without bound, logged out and unlogged."""

import pytest
from django.test import Client
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


def test_a_value_that_is_no_language_of_ours_is_never_activated(db):
    client = Client()
    before = set(trans_real._translations)
    for value in ("xx-1", "zz", "../../../../tmp/x", "q" * 10_000):
        response = client.post("/language/", {"language": value, "next": "/desk/tasks/bulk/"})
        assert response.status_code == 302 and response["Location"] == "/"
    assert set(trans_real._translations) - before <= {"ja", "en"}


def test_a_language_of_ours_still_words_the_message(clerk):
    client = Client()
    client.force_login(clerk)
    client.post("/language/", {"language": "en", "next": "/desk/tasks/bulk/"})
    page = client.get("/", follow=True).content.decode()
    assert "sent form" in page
