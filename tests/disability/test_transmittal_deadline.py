"""The 送付票 carries the 事後重症 請求期限 the case page shows: a 事後重症による請求 (法30条の2第1項) may only be made
by the day before the 65歳到達日, so 機構 checks it too (the walk of 2026-12-07 found it on the screen only)."""

import datetime as dt

import pytest

from cases.common.date_display import date_show
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


def test_ho30no2_1_the_transmittal_slip_carries_the_post_onset_deadline(clerk, clerk2, supervisor):
    resident = PensionRecordFactory(resident__birth_date=d.years_ago(40)).resident
    mynumber_register(resident=resident, number=valid_mynumber())
    case = d.start_claim(clerk=clerk, resident=resident, claim_basis="post_onset")
    deadline = case.disability.assessment["post_onset_deadline"]
    assert deadline
    d.ready_to_send(case, clerk, clerk2, supervisor)
    text = rendered_text(document_request(kind="filing", case=case, requested_by=supervisor))
    assert "事後重症の請求期限" in text
    assert date_show(dt.date.fromisoformat(deadline)) in text.split("事後重症の請求期限", 1)[1][:40]
