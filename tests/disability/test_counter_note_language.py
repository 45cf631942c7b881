"""The note the system writes on the claim form at intake (「窓口で受領」) is the system's words, not a
clerk's: each reader sees it in their screen's language, as every other system sentence on a case
(cases/common/texts.py). It was stored worded in the installation's language and stayed Japanese on
English screens. What a clerk types as a note stays as typed."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cases.kernel.checklist import checklist_mark
from cases.kernel.models import ChecklistItem
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db


def english_page(user, case) -> str:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_intake_note_on_the_claim_form_is_shown_in_english_on_an_english_screen(clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    with translation.override("en"):
        english = translation.gettext("窓口で受領")
    assert english != "窓口で受領"
    page = english_page(clerk, case)
    assert "窓口で受領" not in page  # neither on the papers nor on the timeline
    assert english in page
    item = case.checklist.get(code="claim_form")
    with translation.override("ja"):
        assert item.note_shown == "窓口で受領"  # and in Japanese on a Japanese screen and the 送付票


def test_a_note_a_clerk_types_stays_as_typed_on_an_english_screen(clerk, supervisor):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    checklist_mark(
        case=case, code="claim_form", state=ChecklistItem.State.RECEIVED, actor=clerk, note="郵送で受領"
    )
    item = case.checklist.get(code="claim_form")
    assert item.note == "郵送で受領" and not item.note_text  # the system's note is replaced, not kept
    assert "郵送で受領" in english_page(clerk, case)
