"""The 法定免除該当届 and 産前産後免除該当届 copies head their person 「届出者 (届書の記載どおり)」: the walk of
2026-12-07 found 「申請者 (申請書の記載どおり)」 on a 届 (国民年金法89条 and 88条の2 ask for a 届出, 則75条・
73条の7, not an 申請 like 法90条's)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.exemption import services as svc
from cases.exemption.request import ExemptionRequest
from cases.kernel.models import CaseType
from documents.models import Document
from documents.rendering import render_html
from documents.snapshots import snapshot_build
from tests.factories import applicant_with_household
from workflows.start import case_start

pytestmark = pytest.mark.django_db
NOTICE = "届出者 (届書の記載どおり)"
APPLICATION = "申請者 (申請書の記載どおり)"


def _filing_html(clerk, request: ExemptionRequest) -> str:
    applicant, _spouse = applicant_with_household(spouse_income=None)
    applicant.sex = "2"
    applicant.save(update_fields=["sex"])
    case = case_start(
        case_type=CaseType.EXEMPTION,
        intake=lambda: svc.exemption_intake(
            actor=clerk, resident=applicant, received_on=timezone.localdate(), request=request
        ),
    )
    snapshot = snapshot_build(kind=Document.Kind.FILING, case=case)
    return render_html(template=snapshot.template, context=snapshot.context)


def test_the_statutory_notice_names_the_notifier(clerk):
    today = timezone.localdate()
    html = _filing_html(
        clerk, ExemptionRequest(kinds=["statutory"], statutory_ground="2", statutory_since=today)
    )
    assert NOTICE in html and APPLICATION not in html


def test_the_maternity_notice_names_the_notifier(clerk):
    expected = timezone.localdate() + dt.timedelta(days=60)
    html = _filing_html(clerk, ExemptionRequest(kinds=["maternity"], expected_birth_date=expected))
    assert NOTICE in html and APPLICATION not in html


def test_the_exemption_application_still_names_the_applicant(clerk):
    from tests.workflows.helpers import current_period

    start, end = current_period()
    html = _filing_html(clerk, ExemptionRequest(kinds=["full"], period_start=start, period_end=end))
    assert APPLICATION in html
