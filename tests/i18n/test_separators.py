"""Ranges and lists in English: 「〜」 and 「・」 are Japanese punctuation. English screens showed
"July 2026〜June 2027" and "Not applicable・Not applicable" (exploratory test in English, 2026-12-06);
they read "July 2026 – June 2027" and "Not applicable / Not applicable". Japanese keeps its own."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from cases.common.texts import text_render
from cases.exemption.periods import months_text
from cases.kernel.texts import IDENTITY_DOCUMENTS

MONTHS = [dt.date(2026, 7, 1), dt.date(2026, 8, 1), dt.date(2027, 3, 1)]


def test_a_run_of_months_is_a_dash_and_runs_are_commas_in_english():
    with translation.override("en"):
        assert months_text(MONTHS) == "July 2026 – August 2026, March 2027"
    with translation.override("ja"):
        assert months_text(MONTHS) == "令和8年7月〜令和8年8月、令和9年3月"


def test_labels_in_a_stored_sentence_are_listed_with_commas_in_english():
    stored = IDENTITY_DOCUMENTS(documents=["通知カード (記載事項に変更がないもの)", "運転免許証"])
    with translation.override("en"):
        text = text_render(stored.code, stored.params)
    assert "・" not in text and ", Driving licence" in text, text
    with translation.override("ja"):
        assert "通知カード (記載事項に変更がないもの)・運転免許証" in text_render(stored.code, stored.params)


def test_the_templates_separators_follow_the_language():
    template = Template("{% load desk %}A{% range_sep %}B C{% list_sep %}D")
    with translation.override("en"):
        assert template.render(Context()) == "A – B C / D"
    with translation.override("ja"):
        assert template.render(Context()) == "A〜B C・D"
