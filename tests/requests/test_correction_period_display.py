"""訂正請求: a corrected record's period (資格情報・付加年金情報 are named by their kind and period) is shown in
和暦 on the resident page's 訂正の履歴, the request's panel and the timeline, as every other date there; the
English screens show it as every English date (2015-06-14 (H27)). It was shown with ISO dates
(「第1号被保険者 2015-06-14〜」) among 和暦 ones. The Japanese words kept on the request and the history are
unchanged: the disclosure report prints them and migration 0060 reads them back."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import translation

from cases.common.date_display import date_show
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.pension import Qualification
from cases.requests.models import ResidentRequest
from documents.disclosure_records import _corrections
from tests.requests.conftest import take_request, work

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cases.migrations.0060_correction_texts")

ACQUIRED = dt.date(2015, 6, 14)
WORDS = "資格情報 (第1号被保険者 2015-06-14〜): 被保険者種別"  # as kept, and as the documents print it


def _page(user, url: str, language: str) -> str:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _corrected(client, clerk, supervisor, person):
    qualification = Qualification.objects.get(pension__resident=person)
    case = take_request(client, clerk, person, "correction", content="記録が違う")
    target = f"qualification:{qualification.pk}|insured_kind"
    work(client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": "3"})
    return case


def test_the_corrected_records_period_is_in_wareki_on_the_japanese_screens(client, clerk, supervisor, person):
    case = _corrected(client, clerk, supervisor, person)
    shown = "資格情報 (第1号被保険者 平成27年6月14日〜): 被保険者種別"
    assert shown in _page(supervisor, f"/cases/{case.pk}/", "ja")  # the request's panel and the timeline
    work(client, supervisor, case, "approve", {"decision": "approve"})
    page = _page(clerk, f"/residents/{person.pk}/", "ja")
    assert shown in page and "2015-06-14〜" not in page
    assert "2015-06-14〜" not in _page(clerk, f"/cases/{case.pk}/", "ja")
    history = RecordCorrection.objects.get(case=case)
    with translation.override("ja"):
        assert history.label_shown == shown


def test_the_corrected_records_period_is_in_the_english_date_style_on_the_english_screens(
    client, clerk, supervisor, person
):
    case = _corrected(client, clerk, supervisor, person)
    work(client, supervisor, case, "approve", {"decision": "approve"})
    with translation.override("en"):
        start = date_show(ACQUIRED)
        record, kind = translation.gettext("資格情報"), translation.gettext("第1号被保険者")
    assert start == "2015-06-14 (H27)"
    assert f"{record} ({kind} {start} – )" in _page(clerk, f"/residents/{person.pk}/", "en")


def test_the_kept_words_stay_as_the_documents_print_them_and_0060_reads_them(
    client, clerk, supervisor, person
):
    case = _corrected(client, clerk, supervisor, person)
    assert ResidentRequest.objects.get(pk=case.resident_request.pk).correction_label == WORDS
    work(client, supervisor, case, "approve", {"decision": "approve"})
    history = RecordCorrection.objects.get(case=case)
    assert history.label == WORDS
    with translation.override("en"):
        (printed,) = _corrections(person)
    assert printed["label"] == WORDS
    kept = history.label_text
    RecordCorrection.objects.filter(pk=history.pk).update(label_text={})
    migration.words_to_sentences(apps, None)  # an old row's words read back to the same sentence
    assert RecordCorrection.objects.get(pk=history.pk).label_text == kept
