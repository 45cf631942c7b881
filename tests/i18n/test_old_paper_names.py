"""A 診断書's name with its window, as rows written before 81f4a95 keep it: plain Japanese with its 和暦
dates (「診断書 (障害認定日以後3か月以内の現症: 令和8年6月10日〜令和8年9月9日)」). Since then the name is kept
as a sentence (ChecklistItem.label_text, the timeline's Text) and worded per reader; the timeline rows
written before — a paper marked, the papers missing at 書類不備 — and a checklist item migration 0026
found no window for still showed the Japanese on English screens (exploratory test of 2026-12-05, 「Not
done」). They are read back into the sentence when shown, not rewritten (法30条1項・則31条: the window its
現症日 must fall in, rules-disability-qualification.md §2.3)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.texts import text_render
from cases.kernel import texts
from cases.kernel.models import CaseEvent
from cases.kernel.services import case_event_record
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db


def japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u9fff" for c in text)


@pytest.fixture
def claim(clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    certificate = case.checklist.get(code="certificate_recognition")
    assert certificate.label.startswith("診断書 (障害認定日以後3か月以内の現症: 令和")
    return case, certificate


def test_a_certificates_plain_name_in_an_old_timeline_row_is_worded_for_the_reader(client, clerk, claim):
    case, certificate = claim
    old = certificate.label  # what checklist_mark stored as the paper before 81f4a95
    due = timezone.localdate() + dt.timedelta(days=14)
    marked = case_event_record(
        case=case,
        actor=clerk,
        action=CaseEvent.Action.CHECKLIST,
        text=texts.CHECKLIST_REQUESTED(paper=old, state="依頼中", due=due),
    )
    missing = case_event_record(
        case=case,
        actor=clerk,
        action=CaseEvent.Action.DOCUMENTS_REQUESTED,
        text=texts.DOCUMENTS_MISSING(documents=[old, "病歴・就労状況等申立書"], due=due),
    )
    with translation.override("en"):
        for event in (marked, missing):
            shown = text_render(event.text_code, event.text_params)
            assert "Medical certificate (" in shown and not japanese(shown), shown
    with translation.override("ja"):
        assert text_render(marked.text_code, marked.text_params).startswith(old)
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert old not in page and "Medical certificate (" in page


def test_a_checklist_item_without_its_sentence_is_worded_from_its_name(claim):
    """Migration 0026 fills label_text from the claim's assessment; an item it found no window for keeps
    only its Japanese name, and reads as the sentence would."""
    _case, certificate = claim
    with translation.override("en"):
        from_sentence = certificate.label_shown
    certificate.label_text = {}
    with translation.override("en"):
        assert certificate.label_shown == from_sentence and not japanese(from_sentence)
    with translation.override("ja"):
        assert certificate.label_shown == certificate.label


def test_a_name_that_is_not_one_the_code_wrote_stays_as_written(claim):
    _case, certificate = claim
    for typed in (
        "診断書 (主治医の様式)",  # no window
        "診断書 (障害認定日以後3か月以内の現症: 令和8年13月1日〜令和8年9月9日)",  # no such day
        "診断書 (どこかの期間: 令和8年6月10日〜令和8年9月9日)",  # not a window of the rules
    ):
        certificate.label, certificate.label_text = typed, {}
        with translation.override("en"):
            assert certificate.label_shown == typed
