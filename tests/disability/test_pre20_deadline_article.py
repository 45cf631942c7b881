"""The 事後重症 請求期限 of a 20歳前傷病 claim rests on 法30条の4第2項 (「六十五歳に達する日の前日までの間に…
その期間内に前項の障害基礎年金の支給を請求することができる」), not on 法30条の2第1項, which is for a 初診日 while
insured (「前条第一項各号のいずれかに該当した者」). The walk of 2026-12-08 saw 30条の2第1項 on a 20歳前 claim's
screens (Japanese and English) and its 送付票."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from cases.registry.mynumber import mynumber_register
from documents.services import document_request
from tests.disability import helpers as d
from tests.disability.test_documents import rendered_text
from tests.documents.conftest import valid_mynumber
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _pre20_claim(clerk):
    born = d.years_ago(22) - dt.timedelta(days=3)
    resident = PensionRecordFactory(resident__birth_date=born).resident
    mynumber_register(resident=resident, number=valid_mynumber())
    case = d.start_claim(
        clerk=clerk,
        resident=resident,
        first_visit_on=d.years_ago(6, today=timezone.localdate()),
        status_at_first_visit="not_insured",
    )
    assert case.disability.claim_kind == "pre20_recognition"
    return case


def _deadline_line(page: str, heading: str) -> str:
    return page.split(heading, 1)[1][:300]


def test_ho30no4_2_the_pre20_post_onset_deadline_cites_its_own_article_on_the_screens(client, clerk):
    case = _pre20_claim(clerk)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    line = _deadline_line(page, "事後重症の請求期限")
    assert "30条の4第2項" in line and "30条の2第1項" not in line
    client.post("/language/", {"language": "en", "next": f"/cases/{case.pk}/"})
    with translation.override("en"):
        page = client.get(f"/cases/{case.pk}/").content.decode()
    line = _deadline_line(page, "Deadline for a later-aggravation claim")
    assert "art. 30-4(2)" in line and "30-2(1)" not in line


def test_ho30no2_1_an_insured_claims_deadline_keeps_30no2(client, clerk):
    case = d.start_claim(
        clerk=clerk, resident=PensionRecordFactory(resident__birth_date=d.years_ago(40)).resident
    )
    client.force_login(clerk)
    line = _deadline_line(client.get(f"/cases/{case.pk}/").content.decode(), "事後重症の請求期限")
    assert "30条の2第1項" in line and "30条の4" not in line


def test_ho30no4_2_the_pre20_transmittal_slip_cites_its_own_article(clerk, clerk2, supervisor):
    case = _pre20_claim(clerk)
    d.ready_to_send(case, clerk, clerk2, supervisor)
    text = rendered_text(document_request(kind="filing", case=case, requested_by=supervisor))
    line = text.split("事後重症の請求期限", 1)[1][:80]
    assert "法30条の4第2項" in line and "30条の2第1項" not in line
