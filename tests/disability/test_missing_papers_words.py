"""The missing papers named in one sentence, in the reader's language: an English screen listed them with
the Japanese 「、」 (seen on the walk of 2026-12-08: 入力 of a claim with its 診断書 not yet in, and 照合 of
any case with papers missing)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.kernel.checklist import checklist_check
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory
from workflows import steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_at_input(clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    return case


def _refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def test_input_names_the_missing_papers_with_commas_in_english(claim_at_input, clerk):
    task = d.take(claim_at_input, "enter_data", clerk)
    data = d.entered(claim_at_input, received=[])
    with translation.override("en"):
        message = _refusal(lambda: steps.input_save(task_id=task.pk, user=clerk, data=data))
    assert message.startswith("Required papers are missing:")
    assert "、" not in message and "), " in message
    with translation.override("ja"):
        message = _refusal(lambda: steps.input_save(task_id=task.pk, user=clerk, data=data))
    assert "提出されていない必須の書類があります" in message and ")、" in message


def test_the_kernel_check_names_the_missing_papers_with_commas_in_english(claim_at_input):
    with translation.override("en"):
        message = _refusal(lambda: checklist_check(claim_at_input))
    assert message.startswith("Required papers are missing:")
    assert "、" not in message and "), " in message
