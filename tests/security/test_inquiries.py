import pytest

from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.security import Inquiry

pytestmark = pytest.mark.django_db


def test_clerk_records_and_closes_an_inquiry_and_prints_the_log(client, clerk):
    client.force_login(clerk)
    response = client.post(
        "/inquiries/new/",
        {
            "received_at": "2026-11-26T10:00",
            "channel": "phone",
            "requester": "本人",
            "subject": "個人番号の利用範囲",
            "detail": "免除申請で番号を使う理由",
            "handler": clerk.pk,
        },
    )
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    response = client.post(
        f"/inquiries/{inquiry.pk}/",
        {
            "received_at": "2026-11-26T10:00",
            "channel": "phone",
            "requester": "本人",
            "subject": "個人番号の利用範囲",
            "handler": clerk.pk,
            "closed_at": "2026-11-26T11:00",
            "outcome": "",
        },
    )
    assert "対応結果を入力してください" in response.content.decode()
    client.post(
        f"/inquiries/{inquiry.pk}/",
        {
            "received_at": "2026-11-26T10:00",
            "channel": "phone",
            "requester": "本人",
            "subject": "個人番号の利用範囲",
            "handler": clerk.pk,
            "closed_at": "2026-11-26T11:00",
            "outcome": "番号法9条に基づき説明",
        },
    )
    inquiry.refresh_from_db()
    assert inquiry.closed_at is not None
    page = client.get("/inquiries/print/", {"year": 2026}).content.decode()
    assert "問合せ受付簿" in page and "番号法9条に基づき説明" in page
    assert AuditEntry.objects.filter(action=AuditAction.PRINT, target="inquiry_log").exists()


def test_auditor_reads_but_cannot_write_and_operator_cannot_see(client, auditor, operator):
    client.force_login(auditor)
    assert client.get("/inquiries/").status_code == 200
    assert client.get("/inquiries/new/").status_code == 403
    client.force_login(operator)
    assert client.get("/inquiries/").status_code == 403


def test_the_handler_is_chosen_among_the_desks_staff_with_their_office(
    client, clerk, supervisor, auditor, operator
):
    """The 担当者 list held all staff with no office shown, and the auditor was saved as the handler
    (exploratory test, 2026-12-05): the desk's clerks and 係長 only, each with their office."""
    client.force_login(clerk)
    page = client.get("/inquiries/new/").content.decode()
    select = page[page.index('name="handler"') :]
    select = select[: select.index("</select>")]
    assert f'value="{clerk.pk}"' in select and f'value="{supervisor.pk}"' in select
    assert f'value="{auditor.pk}"' not in select and f'value="{operator.pk}"' not in select
    assert str(clerk.office) in select
