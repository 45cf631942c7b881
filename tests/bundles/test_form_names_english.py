"""機構's forms on an English bundle page (walk of 2026-12-06: 「11 国民年金保険料免除・納付猶予申請書」 and
「31 国民年金被保険者関係届書 …」 with nothing an English reader could read). The official Japanese title
stays — it is what the clerk matches against the paper and what 機構 calls the form — with an English
gloss beside it; a Japanese page reads as before."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.exemption.casetype import APPLICATION
from cases.kernel.casetypes import filing_forms
from cases.kernel.filing import FORM_GLOSS_CONTEXT
from cases.submission import bundles as svc
from tests.i18n.pending import english_pending

pytestmark = pytest.mark.django_db


def test_each_forms_gloss_is_keyed_by_its_official_title():
    """The gloss's message id is the title as 機構 prints it: Japanese pages show no gloss."""
    for form in filing_forms():
        with translation.override("ja"):
            assert str(form.gloss) == form.data_label, form.code
            assert form.gloss_shown == "", form.code


def test_an_english_bundle_page_keeps_the_official_title_with_an_english_gloss(
    client, supervisor, make_ready, monkeypatch
):
    make_ready(1)
    bundle = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    english = english_pending(monkeypatch, APPLICATION.data_label, context=FORM_GLOSS_CONTEXT)
    client.force_login(supervisor)
    japanese = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert APPLICATION.data_label in japanese and english[APPLICATION.data_label] not in japanese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for path in (f"/bundles/{bundle.pk}/", f"/bundles/{bundle.pk}/seal/"):
        page = client.get(path).content.decode()
        assert APPLICATION.data_label in page, path  # the title on the paper
        assert english[APPLICATION.data_label] in page, path  # and what it means
