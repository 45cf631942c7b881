"""The 開示 buttons sent twice (a double click, three tabs): one report, one approval of the number
(the exploratory test made 開示報告書 100, 101 and 102, and 「個人番号の記載を承認」 twice)."""

import pytest
from django.test import Client

from cases.kernel.models import CaseEvent
from cases.security.models.audit import AuditEntry
from documents.models import Document
from documents.selectors import document_current
from tests.concurrency import race
from tests.requests.test_disclosure import handled, history  # noqa: F401  (fixtures)

Kind = Document.Kind


def reports(case):
    return Document.objects.filter(case=case, kind=Kind.DISCLOSURE)


def said(response) -> str:
    return response.content.decode()  # not response.context: another thread's render may be there


@pytest.mark.django_db
def test_the_report_form_sent_again_shows_the_report_it_made(client, supervisor, handled):  # noqa: F811
    client.force_login(supervisor)
    client.post(f"/cases/{handled.pk}/disclosure/report/", {"replaces": ""})
    first = document_current(kind=Kind.DISCLOSURE, case=handled)
    again = client.post(f"/cases/{handled.pk}/disclosure/report/", {"replaces": ""}, follow=True)
    assert reports(handled).count() == 1
    assert "既に作成されています" in said(again) and str(first.pk) in said(again)
    # Made again on purpose from the page that shows the report: a new one replaces it.
    client.post(f"/cases/{handled.pk}/disclosure/report/", {"replaces": str(first.pk)})
    assert reports(handled).count() == 2
    assert handled.events.filter(action=CaseEvent.Action.REPORT_ISSUED).count() == 2


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_three_report_requests_at_once_make_one_report(supervisor, handled):  # noqa: F811
    def submit():
        client = Client()
        client.force_login(supervisor)
        return client.post(f"/cases/{handled.pk}/disclosure/report/", {"replaces": ""}).status_code

    outcomes = race(submit, submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok"] * 3, outcomes
    assert reports(handled).count() == 1
    assert handled.events.filter(action=CaseEvent.Action.REPORT_ISSUED).count() == 1


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_the_number_at_once_are_one(supervisor, handled):  # noqa: F811
    def submit():
        client = Client()
        client.force_login(supervisor)
        return said(
            client.post(f"/cases/{handled.pk}/disclosure/mynumber/", {"reason": "本人の求め"}, follow=True)
        )

    outcomes = race(submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok", "ok"], outcomes
    assert handled.events.filter(action=CaseEvent.Action.MYNUMBER_APPROVED).count() == 1
    assert AuditEntry.objects.filter(target="disclosure_mynumber_approval").count() == 1
    assert any("承認済み" in text for _, text in outcomes)
