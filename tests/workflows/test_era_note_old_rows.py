"""Migration 0063: the exemption form's era notes written before dc4d8f7 (「事由の発生日: 「平成31年5月1日」は改元後の
日付のため 令和元年5月1日 として受け付けました。」 kept as the 受付 or 入力 row's comment, in Japanese) get the
sentences the code writes now, so English screens word them; what the clerk typed stays as typed, and words
that do not read back as the code wrote them stay as written. Also the 突合 queue's reasons that 5f5b7ca made
sentences (a 資格届出 not written into the records, a 支給決定 without its 等級), kept before as Japanese words."""

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from cases.kernel.models import Case, CaseEvent
from cases.submission.models import Discrepancy
from tests.workflows import helpers as h
from tests.workflows.test_intake_refusals import applicant, post_intake  # noqa: F401 - a fixture
from workflows.forms.exemption import InputForm

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cases.migrations.0063_old_sentences")

FIELDS = ("text_code", "text_params", "comment")
KANA = re.compile(r"[\u3040-\u30ff]")


def _page(client, case, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _row(event: CaseEvent) -> dict:
    return CaseEvent.objects.filter(pk=event.pk).values(*FIELDS).get()


def _as_before(event: CaseEvent) -> str:
    """The row as the code wrote it before dc4d8f7: no sentence, the notes a comment in Japanese (the
    installation's language), one after another; returns those words."""
    with translation.override("ja"):
        words = event.text
    CaseEvent.objects.filter(pk=event.pk).update(text_code="", text_params={}, comment=words)
    return words


def _intake_noted(client, clerk, applicant) -> Case:  # noqa: F811
    client.force_login(clerk)
    response = post_intake(
        client,
        applicant,
        kind_1="statutory",
        period_start=None,
        period_end=None,
        statutory_ground="2",
        statutory_since="平成31年5月1日",
    )
    assert response.status_code == 302
    return Case.objects.get()


def test_an_old_date_note_gets_the_sentence_the_code_writes(client, clerk, applicant):  # noqa: F811
    case = _intake_noted(client, clerk, applicant)
    received = case.events.get(action=CaseEvent.Action.RECEIVED)
    written = _row(received)
    japanese = _as_before(received)
    assert (
        japanese
        == "事由の発生日: 「平成31年5月1日」は改元後の日付のため 令和元年5月1日 として受け付けました。"
    )
    assert "改元後" in _page(client, case, "en")  # the defect: Japanese on the English screen
    migration.notes_to_sentences(apps, None)
    assert _row(received) == written
    english = _page(client, case, "en")
    assert "改元後" not in english and "平成31年5月1日" in english and "2019-05-01" in english
    assert japanese in _page(client, case, "ja")


def test_two_old_month_notes_in_one_comment_each_get_their_sentence(clerk, applicant):  # noqa: F811
    """Two notes joined by a space, a label with a space of its own (対象期間 (開始月)): each read back."""
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    form = InputForm(data={"kind_1": "full", "period_start": "平成31年5月", "period_end": "平成32年6月"})
    form.is_valid()  # the declared person is left out: only the months' notes are wanted
    notes = form.era_notes()
    assert len(notes) == 2
    h.enter(case, clerk, kinds=["full"], notes=notes)  # the notes are the form's, kept as they say
    saved = case.events.get(action=CaseEvent.Action.INPUT_SAVED)
    written = _row(saved)
    japanese = _as_before(saved)
    assert japanese == (
        "対象期間 (開始月): 「平成31年5月」は改元後の年月のため 令和元年5月 として受け付けました。 "
        "対象期間 (終了月): 「平成32年6月」は改元後の年月のため 令和2年6月 として受け付けました。"
    )
    migration.notes_to_sentences(apps, None)
    assert _row(saved) == written
    saved.refresh_from_db()
    with translation.override("en"):
        assert "改元後" not in saved.text and "2020-06" in saved.text
    with translation.override("ja"):
        assert saved.text == japanese


@pytest.mark.parametrize(
    "words",
    [
        # a date not as the code wrote it (always 和暦 in Japanese)
        "事由の発生日: 「平成31年5月1日」は改元後の日付のため 2019-05-01 として受け付けました。",
        # no such day
        "事由の発生日: 「平成31年5月32日」は改元後の日付のため 令和元年5月32日 として受け付けました。",
        # a month where a date is said
        "事由の発生日: 「平成31年5月」は改元後の日付のため 令和元年5月 として受け付けました。",
        # more words than the notes
        "事由の発生日: 「平成31年5月1日」は改元後の日付のため 令和元年5月1日 として受け付けました。 窓口で確認済",
    ],
)
def test_words_that_do_not_read_back_stay_as_written(client, clerk, applicant, words):  # noqa: F811
    case = _intake_noted(client, clerk, applicant)
    received = case.events.get(action=CaseEvent.Action.RECEIVED)
    CaseEvent.objects.filter(pk=received.pk).update(text_code="", text_params={}, comment=words)
    before = _row(received)
    migration.notes_to_sentences(apps, None)
    assert _row(received) == before
    assert words in _page(client, case, "ja")


def test_going_back_writes_the_notes_as_a_comment_again(client, clerk, applicant):  # noqa: F811
    case = _intake_noted(client, clerk, applicant)
    received = case.events.get(action=CaseEvent.Action.RECEIVED)
    with translation.override("ja"):
        japanese = received.text
    migration.sentences_to_notes(apps, None)
    assert _row(received) == {"text_code": "", "text_params": {}, "comment": japanese}


# The 突合 queue: (code and parameter as written before 5f5b7ca, the words, the sentence, its Japanese now)
NUMBER = "2026-Q-000123"
REASONS = [
    (
        "result_line",
        "why",
        f"案件 {NUMBER} の資格届出の内容がありません",
        {"code": "qualification_result_no_filing", "params": {"case": NUMBER}},
    ),
    (
        "result_line",
        "why",
        f"案件 {NUMBER} の支給決定に障害等級 (1級・2級) がありません",
        {"code": "disability_result_no_grade", "params": {"case": NUMBER}},
    ),
    (
        "result_differs",
        "differs",
        "資格情報に2026-04-01に喪失する資格がありません (喪失を記録できませんでした)",
        {"code": "qualification_result_no_period", "params": {"date": "2026-04-01"}},
    ),
    (
        "result_differs",
        "differs",
        "付加年金情報に納付中の記録がありません (辞退を記録できませんでした)",
        {"code": "qualification_result_no_additional", "params": {}},
    ),
    (
        "result_differs",
        "differs",
        "年金基本情報 (基礎年金番号) がないため資格情報に記録できませんでした",
        {"code": "qualification_result_no_pension_record", "params": {}},
    ),
]


def _item(code: str, name: str, words: str) -> Discrepancy:
    params = {"line": 3, name: words} if code == "result_line" else {"case": NUMBER, name: words}
    kind = Discrepancy.Kind.UNMATCHED_LINE if code == "result_line" else Discrepancy.Kind.DIFFERS
    return Discrepancy.objects.create(kind=kind, text_code=code, text_params=params)


@pytest.mark.parametrize(("code", "name", "words", "sentence"), REASONS)
def test_an_old_queue_reason_gets_the_sentence_the_code_writes(code, name, words, sentence):
    item = _item(code, name, words)
    with translation.override("en"):
        assert KANA.search(item.text)  # the defect: Japanese on the English screen
    migration.notes_to_sentences(apps, None)
    item.refresh_from_db()
    assert item.text_code == code and item.text_params[name] == sentence
    with translation.override("en"):
        assert not KANA.search(item.text)
    with translation.override("ja"):
        shown = item.text
    # Japanese as before, but for the date of a missing period, which reads as every date on screen now
    assert words.replace("2026-04-01", "令和8年4月1日") in shown
    migration.sentences_to_notes(apps, None)
    item.refresh_from_db()
    assert item.text_params[name] == words


def test_a_queue_reason_the_code_did_not_write_stays_as_written():
    item = _item("result_line", "why", f"案件 {NUMBER} の資格届出の内容がありません (市の確認待ち)")
    before = item.text_params
    migration.notes_to_sentences(apps, None)
    item.refresh_from_db()
    assert item.text_params == before
