"""Choices named inside a sentence on an English screen read as words of the sentence, in lower case, not as
the choice labels a list starts with a capital (as fafee97 did for the 災害 facts): the 失業等 paper on the
case panel (case page, 照合, 決裁). Japanese screens keep the choices' own words."""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.identifiers.wareki import format_wareki
from cases.exemption.periods import fiscal_year_of
from cases.templatetags.desk import wareki
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from tests.workflows.test_disaster_ground import case_page
from tests.workflows.test_screening_warnings import page

pytestmark = pytest.mark.django_db


def _job_loss_case(clerk, capture):
    """A household applying for 全額免除 on the applicant's job loss this 免除年度 (施行規則77条の7第2号)."""
    tax_year = fiscal_year_of(timezone.localdate(), student=False)
    applicant, spouse = applicant_with_household(income=3_000_000, spouse_income=0, tax_year=tax_year)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    facts = {
        "job_loss_person": "applicant",
        "job_loss_date": h.current_period()[0],
        "job_loss_evidence": "insurance_card",
    }
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse, special_ground="unemployment", **facts)
    return case


def test_則77条の7第2号_the_english_job_loss_facts_read_as_a_sentence(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """施行規則77条の7第2号's facts beside the 特例 on the case page, at 照合 and at 決裁, in English: the paper
    in lower case inside the sentence, not the choice label's capital."""
    case = _job_loss_case(clerk, django_capture_on_commit_callbacks)
    with translation.override("en"):
        day = wareki(h.current_period()[0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    facts = f"(job lost on {day}, employment insurance eligibility certificate)"
    shown = [case_page(client, case, clerk), page(client, case, "cross_check", clerk2)]
    h.cross_check(case, clerk2)
    shown.append(page(client, case, "approve", supervisor))
    for text in shown:
        assert facts in text
        assert "Employment insurance eligibility certificate" not in text


def test_則77条の7第2号_the_japanese_job_loss_facts_are_worded_as_before(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    case = _job_loss_case(clerk, django_capture_on_commit_callbacks)
    facts = f"(離職日 {format_wareki(h.current_period()[0])}, 雇用保険受給資格者証)"
    assert facts in case_page(client, case, clerk) and facts in page(client, case, "cross_check", clerk2)
