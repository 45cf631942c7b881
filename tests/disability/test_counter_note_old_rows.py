"""Migration 0062: the timeline rows the 障害基礎年金 intake wrote before the claim form's note was a sentence
(migration 0059, d4991c6) — the mark 「受領」 with 「窓口で受領」 kept as a comment in the installation's
language — get the sentence the code writes now, so English screens word it. Only that row is rewritten: the
intake's own mark (the case's next event after its 受付, by the same person); a note a clerk typed on a later
mark stays as typed, even the same words."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from cases.kernel.checklist import checklist_mark
from cases.kernel.models import CaseEvent, ChecklistItem
from tests.disability import helpers as d
from tests.disability.test_counter_note_language import english_page
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cases.migrations.0062_counter_note_events")

FIELDS = ("text_code", "text_params", "comment")


def _rows(case) -> list[dict]:
    return list(case.events.filter(action=CaseEvent.Action.CHECKLIST).order_by("id").values(*FIELDS))


def _as_before(event: CaseEvent, words: str = "窓口で受領") -> None:
    """The intake's mark as the code wrote it before 0059: the mark's sentence, the note a comment."""
    said = event.text_params["said"]
    CaseEvent.objects.filter(pk=event.pk).update(
        text_code=said["code"], text_params=said["params"], comment=words
    )


def _intake_mark(case) -> CaseEvent:
    return case.events.filter(action=CaseEvent.Action.CHECKLIST).earliest("id")


@pytest.mark.parametrize("words", ["窓口で受領", "Received at the counter"])
def test_the_intakes_old_mark_gets_the_sentence_the_code_writes(clerk, words):
    """「窓口で受領」 as written since 9423d24; its English words as an English intake wrote them before
    (f390b0f–9423d24 worded the note in the screen's language)."""
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    written = _rows(case)
    assert written[0]["text_code"] == "checklist_noted" and written[0]["comment"] == ""
    _as_before(_intake_mark(case), words)
    assert _rows(case) != written
    migration.notes_to_sentences(apps, None)
    assert _rows(case) == written
    with translation.override("en"):
        english = translation.gettext("窓口で受領")
    assert english in english_page(clerk, case)


def test_a_note_a_clerk_typed_stays_as_typed_even_in_the_same_words(clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    _as_before(_intake_mark(case))
    for note in ("窓口で受領", "郵送で受領"):  # later marks of the claim form, typed by a clerk
        checklist_mark(
            case=case, code="claim_form", state=ChecklistItem.State.RECEIVED, actor=clerk, note=note
        )
    typed = _rows(case)[1:]
    assert [row["comment"] for row in typed] == ["窓口で受領", "郵送で受領"]
    migration.notes_to_sentences(apps, None)
    rows = _rows(case)
    assert rows[0]["text_code"] == "checklist_noted" and rows[0]["comment"] == ""
    assert rows[1:] == typed


def test_a_mark_that_is_not_the_intakes_stays_as_written(clerk, clerk2):
    """The case's next event after its 受付 but by someone else, or not the 受付's next event: not the intake's."""
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    mark = _intake_mark(case)
    _as_before(mark)
    CaseEvent.objects.filter(pk=mark.pk).update(actor=clerk2)
    before = _rows(case)
    migration.notes_to_sentences(apps, None)
    assert _rows(case) == before


def test_going_back_writes_the_note_as_a_comment_again(clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    mark = _intake_mark(case)
    said = mark.text_params["said"]
    migration.sentences_to_notes(apps, None)
    assert _rows(case)[0] == {
        "text_code": said["code"],
        "text_params": said["params"],
        "comment": "窓口で受領",
    }
