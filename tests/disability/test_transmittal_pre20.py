"""The 送付票 of a 20歳前傷病 claim: its 「要確認」 line speaks of the income limits (法36条の3, 令5条の4), so the
slip must carry the limits it speaks of; and a claim made 1 year or more after the 認定日 — which is why a
second 診断書 dated before the claim is enclosed — says so beside its kind, as the case page does."""

import datetime as dt

import pytest
from django.utils import timezone

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


def test_ho36no3_the_pre20_transmittal_slip_carries_the_income_limits_its_doubt_speaks_of(
    clerk, clerk2, supervisor
):
    today = timezone.localdate()
    born = d.years_ago(22) - dt.timedelta(days=3)  # the 20歳到達日 about two years ago: a late 認定日請求
    resident = PensionRecordFactory(resident__birth_date=born).resident
    mynumber_register(resident=resident, number=valid_mynumber())
    case = d.start_claim(
        clerk=clerk,
        resident=resident,
        first_visit_on=d.years_ago(6, today=today),
        status_at_first_visit="not_insured",
    )
    claim = case.disability
    assert claim.claim_kind == "pre20_recognition"
    d.ready_to_send(case, clerk, clerk2, supervisor)
    text = rendered_text(document_request(kind="filing", case=case, requested_by=supervisor))
    assert "所得制限" in text  # the 要確認 names it ...
    assert "3,704,000円" in text and "4,721,000円" in text  # ... and the slip gives the figures
    assert "認定日から1年以上" in text
