"""Migration 0060: the 訂正請求 rows and timeline entries written before the sentences (only Japanese words)
get the sentences the code writes now, where the words can be read back; words that cannot be read back,
and a person's own data, stay as written."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.pension import Qualification
from cases.requests.models import ResidentRequest
from tests.requests.conftest import take_request, work

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cases.migrations.0060_correction_texts")

REQUEST_TEXTS = ("correction_label_text", "correction_old_value_text", "correction_new_value_text")
HISTORY_TEXTS = ("label_text", "old_value_text", "new_value_text")


def _corrected(client, clerk, supervisor, person, field: str, value: str, *, approve: bool = True):
    qualification = Qualification.objects.get(pension__resident=person)
    case = take_request(client, clerk, person, "correction", content="記録が違う")
    target = f"qualification:{qualification.pk}|{field}"
    work(client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": value})
    if approve:
        work(client, supervisor, case, "approve", {"decision": "approve"})
    return case


def _events(case) -> list[dict]:
    return list(
        case.events.filter(text_code__in=("request_correct", "corrected"))
        .order_by("id")
        .values_list("text_params", flat=True)
    )


def _as_before(case, typed: str) -> dict:
    """Puts the rows back as the code wrote them before 0060 (Japanese words only); returns the sentences
    the code writes now."""
    request = ResidentRequest.objects.get(pk=case.resident_request.pk)
    history = case.corrections.get()
    written = {
        "request": {name: getattr(request, name) for name in REQUEST_TEXTS},
        "history": {name: getattr(history, name) for name in HISTORY_TEXTS},
        "events": _events(case),
    }
    ResidentRequest.objects.filter(pk=request.pk).update(**{key: {} for key in REQUEST_TEXTS})
    case.corrections.update(**{key: {} for key in HISTORY_TEXTS})
    before = {
        "request_correct": {
            "field": request.correction_label,
            "old": request.correction_old_value,
            "new": typed,
        },
        "corrected": {"field": history.label, "old": history.old_value, "new": history.new_value},
    }
    for event in case.events.filter(text_code__in=before):
        event.text_params = before[event.text_code]
        event.save(update_fields=["text_params"])
    return written


@pytest.mark.parametrize(("field", "typed"), [("insured_kind", "3"), ("acquired_filed_on", "2015-06-20")])
def test_old_rows_of_a_code_and_a_date_correction_get_the_sentences_the_code_writes(
    client, clerk, supervisor, person, field, typed
):
    case = _corrected(client, clerk, supervisor, person, field, typed)
    written = _as_before(case, typed)
    assert not any(isinstance(value, dict) for params in _events(case) for value in params.values())
    migration.words_to_sentences(apps, None)
    request = ResidentRequest.objects.get(pk=case.resident_request.pk)
    assert {name: getattr(request, name) for name in REQUEST_TEXTS} == written["request"]
    history = case.corrections.get()
    assert {name: getattr(history, name) for name in HISTORY_TEXTS} == written["history"]
    assert _events(case) == written["events"] and len(written["events"]) == 2
    assert history.label_text and history.old_value_text and history.new_value_text


def test_a_persons_own_data_and_words_that_cannot_be_read_back_stay_as_written(
    client, clerk, supervisor, person
):
    case = _corrected(client, clerk, supervisor, person, "insured_kind", "3")
    history = case.corrections.get()
    RecordCorrection.objects.filter(pk=history.pk).update(
        label="資格情報 (手で直した): 被保険者種別",
        old_value="旧姓 山田",
        new_value="3 第3号被保険者",
        **{key: {} for key in HISTORY_TEXTS},
    )
    migration.words_to_sentences(apps, None)
    history.refresh_from_db()
    assert history.old_value_text == {}  # not a 種別's words: shown as written
    assert history.new_value_text == {
        "code": "correction_value_coded",
        "params": {"code": "3", "label": "第3号被保険者"},
    }
    with translation.override("en"):
        assert history.old_shown == "旧姓 山田"
        assert "手で直した" in history.label_shown and "Insured category" in history.label_shown
