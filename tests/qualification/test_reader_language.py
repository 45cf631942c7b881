"""What the system writes on a filing — its 「要確認」 points and the papers it needs — is kept language-
neutral and worded when shown: a clerk working in English must not leave English on the Japanese
screens nor on the 届書 PDF (always Japanese), and a Japanese entry reads in English to English users."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.codes import InsuredKind
from cases.qualification import texts
from documents.models import Document
from documents.snapshots import snapshot_build
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
DAY14_JA = "14日目の届出です。"
DAY14_EN = "14th day"
LOSS_PROOF_JA = "離職票または資格喪失証明書 (厚生年金の資格喪失日が分かるもの)"


def _day14_case(clerk, language):
    resident = person(kind=None, birth=dt.date(1990, 1, 1))
    with translation.override(language):
        return intake(clerk, resident, kind="acquisition", event="immigration", event_date=TODAY - 14 * DAY)


@pytest.mark.parametrize("entered_in", ["en", "ja"])
def test_a_doubt_is_worded_in_the_readers_language_whoever_entered_it(clerk, entered_in):
    filing = _day14_case(clerk, entered_in).qualification
    with translation.override("ja"):
        assert DAY14_JA in filing.doubts_shown[0]
    with translation.override("en"):
        assert DAY14_EN in filing.doubts_shown[0]
        assert not any("\u3040" <= ch <= "\u30ff" for ch in filing.doubts_shown[0])  # no kana left


def test_a_doubt_entered_in_english_is_japanese_on_the_japanese_case_page_and_the_filing_pdf(client, clerk):
    case = _day14_case(clerk, "en")
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert DAY14_JA in page and DAY14_EN not in page
    with translation.override("en"):  # the screen that asks for the 届書 works in English
        snapshot = snapshot_build(kind=Document.Kind.FILING, case=case)
    doubts = snapshot.context["filing"]["doubts"]
    assert DAY14_JA in doubts[0]


def test_a_doubt_entered_in_japanese_is_english_on_the_english_case_page(client, clerk):
    case = _day14_case(clerk, "ja")
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert DAY14_EN in page and DAY14_JA not in page


def test_the_records_kind_doubt_names_both_kinds_in_the_readers_language(clerk):
    resident = person(kind=InsuredKind.FIRST)
    with translation.override("en"):
        case = intake(
            clerk,
            resident,
            kind="kind_change",
            event="leave_employee_pension",
            event_date=TODAY - 3 * DAY,
            insured_kind_before=InsuredKind.SECOND,
        )
    doubt = next(d for d in case.qualification.doubts if d["code"] == "records_kind")
    with translation.override("ja"):
        shown = case.qualification.doubts_shown[case.qualification.doubts.index(doubt)]
        assert "第1号被保険者" in shown and "第2号被保険者" in shown


def test_a_paper_taken_in_english_is_named_in_japanese_on_file_and_in_each_readers_language(clerk):
    resident = person(kind=InsuredKind.SECOND)
    with translation.override("en"):
        case = intake(
            clerk, resident, kind="kind_change", event="leave_employee_pension", event_date=TODAY - 5 * DAY
        )
    item = case.checklist.get(code="loss_proof")
    assert item.label == LOSS_PROOF_JA  # what documents for 機構 print
    with translation.override("en"):
        assert item.label_shown.startswith("Separation notice")
    with translation.override("ja"):
        assert item.label_shown == LOSS_PROOF_JA


def test_migration_0032_turns_the_sentences_on_file_back_into_texts(clerk):
    """Filings taken in English before the fix: each doubt by its code (the records' kinds by matching the
    sentence), the papers' English names back to their Japanese ids; a city's own sentence stays."""
    import importlib

    from django.apps import apps

    resident = person(kind=InsuredKind.SECOND)
    case = intake(
        clerk, resident, kind="kind_change", event="leave_employee_pension", event_date=TODAY - 5 * DAY
    )
    with translation.override("en"):
        day14 = _day14_case(clerk, "ja").qualification.doubts_shown[0]
        first, second = InsuredKind.FIRST.label, InsuredKind.SECOND.label
        records_kind = texts.DOUBT_RECORDS_KIND(records=first, stated=second).render()
        english_label = str(translation.gettext(LOSS_PROOF_JA))
    stored = [
        {"code": "day14", "text": day14},
        {"code": "records_kind", "text": records_kind},
        {"code": "special_elderly_window", "text": "市の独自の文"},
    ]
    case.qualification.doubts = stored
    case.qualification.save(update_fields=["doubts"])
    case.checklist.filter(code="loss_proof").update(label=english_label)
    migration = importlib.import_module("cases.migrations.0040_qualification_texts_neutral")
    migration.texts_neutral(apps, None)
    case.qualification.refresh_from_db()
    assert case.checklist.get(code="loss_proof").label == LOSS_PROOF_JA
    with translation.override("ja"):
        shown = case.qualification.doubts_shown
    assert DAY14_JA in shown[0] and shown[2] == "市の独自の文"
    assert "第1号被保険者" in shown[1] and "第2号被保険者" in shown[1]
    assert isinstance(case.qualification.doubts[0]["text"], dict)
