"""What leaves the office stays Japanese when a clerk's screen is in English: the documents' data
and text, and the work the background jobs do (run in-process by the embedded default)."""

import pytest
from django.utils import translation

from cases.common.codes import ExemptionKind
from documents.models import Document
from documents.rendering import render_html
from documents.snapshots import snapshot_build
from tasks.celery import app
from tests.documents.conftest import approved_case, household  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@app.task(name="tests.i18n.language_seen")
def language_seen() -> str:
    return translation.get_language()


def test_the_catalogue_really_translates_the_labels_used_below():
    with translation.override("en"):
        assert str(ExemptionKind.FULL.label) == "Full exemption"


def test_a_filing_requested_from_an_english_screen_is_japanese(approved_case):  # noqa: F811
    with translation.override("en"):
        snapshot = snapshot_build(kind=Document.Kind.FILING, case=approved_case)
        html = render_html(template=snapshot.template, context=snapshot.context)
        assert translation.get_language() == "en"  # the screen's language is left as it was
    labels = str(snapshot.context)
    assert "全額免除" in labels and "Full exemption" not in labels
    assert "全額免除" in html and "Full exemption" not in html


def test_a_job_run_in_process_from_an_english_screen_works_in_japanese():
    with translation.override("en"):
        assert language_seen.apply().get() == "ja"
        assert translation.get_language() == "en"
