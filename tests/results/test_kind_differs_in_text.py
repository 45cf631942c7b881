"""The 突合 queue's line for a result that granted another 免除種類 than the one filed (機構's 処理結果一覧表,
docs/formats/results.md §4; the kinds of 国民年金法90条1項・90条の2第1項〜3項) names the kinds inside its
sentence: in English as words of the sentence (「applied full exemption → granted half exemption」), not as the
choice labels a list starts with a capital (「applied Full exemption → granted Half exemption」). The kinds are
stored as they always were (their labels' Japanese: cases/exemption/results.py, and migration 0021 for the
rows written as sentences before), so rows already in the queue read the same way; Japanese is unchanged."""

import pytest
from django.utils import translation

from cases.common.texts import Text
from cases.exemption import texts
from cases.submission import texts as submission_texts
from cases.submission.models import Discrepancy
from cases.submission.results import results_import
from tests.results.conftest import csv_bytes, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted_half(send, clerk, django_capture_on_commit_callbacks) -> Discrepancy:
    """全額免除 applied for (法90条1項), 半額免除 granted (法90条の2第2項)."""
    case = send(kinds=("full", "half"))
    with django_capture_on_commit_callbacks(execute=True):
        results_import(filename="kekka.csv", data=csv_bytes(line(case, kind="半額免除")), by=clerk)
    return Discrepancy.objects.get(kind=Discrepancy.Kind.DIFFERS, case=case)


def test_法90条の2_the_english_queue_names_the_kinds_as_words_of_the_sentence(granted_half):
    with translation.override("en"):
        english = granted_half.text
    assert "applied full exemption → granted half exemption" in english, english
    assert "Full exemption" not in english and "Half exemption" not in english


def test_法90条の2_the_japanese_queue_line_is_worded_as_before(granted_half):
    with translation.override("ja"):
        assert f"{granted_half.case.number}: 免除種類 申請 全額免除 → 承認 半額免除" == granted_half.text


def test_a_row_already_stored_reads_the_same_way():
    """A row written before (its kinds kept as their labels' Japanese, as migration 0021 read them out of
    the sentences) is worded like a new one; a kind no choice is labelled with is shown as written."""
    stored = submission_texts.DIFFERS(
        case="2026-000001",
        differs=texts.BOTH_DIFFER(
            first=Text("exemption_kind_differs", {"requested": "4分の3免除", "granted": "納付猶予"}),
            second=Text("exemption_kind_differs", {"requested": "全額免除（旧）", "granted": "学生納付特例"}),
        ),
    )
    with translation.override("en"):
        english = stored.render()
    assert "applied 3/4 exemption → granted payment deferral" in english
    assert "applied 全額免除（旧） → granted student deferral" in english
    with translation.override("ja"):
        assert stored.render() == (
            "2026-000001: 免除種類 申請 4分の3免除 → 承認 納付猶予、免除種類 申請 全額免除（旧） → 承認 学生納付特例"
        )
