"""作成し直す sent three times made 94, 95 and 96, and a superseded document could be redone: the
first request replaces the document, the others are shown the replacement."""

import pytest
from django.test import Client

from documents.models import Document
from tests.concurrency import race
from tests.documents.test_views import issued

Kind = Document.Kind


@pytest.fixture
def receipt(intake_case, django_capture_on_commit_callbacks):
    return issued(intake_case, Kind.RECEIPT, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_a_superseded_document_is_not_redone(client, supervisor, receipt):
    client.force_login(supervisor)
    client.post(f"/documents/{receipt.pk}/regenerate/")
    replacement = Document.objects.get(case=receipt.case, kind=Kind.RECEIPT, superseded_at__isnull=True)
    again = client.post(f"/documents/{receipt.pk}/regenerate/", follow=True)
    assert Document.objects.filter(case=receipt.case, kind=Kind.RECEIPT).count() == 2
    assert f"この帳票は新しい帳票 #{replacement.pk} に置き換えられています" in again.content.decode()
    assert again.redirect_chain[-1][0] == f"/cases/{receipt.case_id}/"


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_three_regenerations_at_once_make_one_document(supervisor, receipt):
    def submit():
        client = Client()
        client.force_login(supervisor)
        return client.post(f"/documents/{receipt.pk}/regenerate/").status_code

    outcomes = race(submit, submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok"] * 3, outcomes
    assert Document.objects.filter(case=receipt.case, kind=Kind.RECEIPT).count() == 2
