"""問合せ受付簿: two clerks on one entry, and one entry sent twice. B's stale form (only 内容 changed)
wiped A's 対応結果 (the revision table alone kept it); two posts of /inquiries/new/ made two entries."""

import uuid

import pytest
from django.test import Client

from cases.security.models.security import Inquiry
from tests.concurrency import race

pytestmark = pytest.mark.django_db

ENTRY = {
    "received_at": "2026-11-26T10:00",
    "channel": "phone",
    "requester": "本人",
    "subject": "個人番号の利用範囲",
    "detail": "免除申請で番号を使う理由",
}


def hidden(page: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_a_stale_form_does_not_overwrite_what_a_colleague_saved(client, clerk, clerk2):
    client.force_login(clerk)
    client.post("/inquiries/new/", {**ENTRY, "handler": clerk.pk})
    inquiry = Inquiry.objects.get()
    other = Client()
    other.force_login(clerk2)
    # Both open the entry; A saves the 対応結果 first.
    revision_a = hidden(client.get(f"/inquiries/{inquiry.pk}/").content.decode(), "revision")
    revision_b = hidden(other.get(f"/inquiries/{inquiry.pk}/").content.decode(), "revision")
    saved = client.post(
        f"/inquiries/{inquiry.pk}/",
        {**ENTRY, "handler": clerk.pk, "outcome": "番号法9条に基づき説明", "revision": revision_a},
    )
    assert saved.status_code == 302
    stale = {
        **ENTRY,
        "handler": clerk.pk,
        "detail": "免除申請で番号を使う理由 (追記)",
        "revision": revision_b,
    }
    refused = other.post(f"/inquiries/{inquiry.pk}/", stale)
    page = refused.content.decode()
    assert refused.status_code == 200 and "他の職員が変更しました" in page
    assert "対応結果" in page and "番号法9条に基づき説明" in page  # what changed since, in words
    assert "免除申請で番号を使う理由 (追記)" in page  # what B typed is still in the form
    inquiry.refresh_from_db()
    assert inquiry.outcome == "番号法9条に基づき説明" and inquiry.detail == ENTRY["detail"]
    # Having seen it, B saves again from the form as shown: the entry now holds both.
    again = other.post(
        f"/inquiries/{inquiry.pk}/",
        {**stale, "outcome": "番号法9条に基づき説明", "revision": hidden(page, "revision")},
    )
    assert again.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.outcome == "番号法9条に基づき説明" and inquiry.detail.endswith("(追記)")


def test_the_new_entry_form_sent_twice_makes_one_entry(client, clerk):
    client.force_login(clerk)
    once = hidden(client.get("/inquiries/new/").content.decode(), "once")
    client.post("/inquiries/new/", {**ENTRY, "handler": clerk.pk, "once": once})
    again = client.post("/inquiries/new/", {**ENTRY, "handler": clerk.pk, "once": once}, follow=True)
    assert Inquiry.objects.count() == 1
    assert "二重送信" in again.content.decode()


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_two_new_entries_sent_at_once_are_one(clerk):
    once = uuid.uuid4().hex

    def submit():
        client = Client()
        client.force_login(clerk)
        return client.post("/inquiries/new/", {**ENTRY, "handler": clerk.pk, "once": once}).status_code

    outcomes = race(submit, submit)
    assert [outcome for outcome, _ in outcomes] == ["ok", "ok"], outcomes
    assert Inquiry.objects.count() == 1
