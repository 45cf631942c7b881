"""Choices named inside a sentence on an English screen read as words of the sentence, in lower case, not as
the choice labels a list starts with a capital (as fafee97 did for the 災害 facts): the 失業等 paper on the
case panel (case page, 照合, 決裁), the 法定免除 grounds and the kind an earlier 継続審査 carried in the
warnings. Japanese screens keep the choices' own words."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.identifiers.wareki import format_wareki
from cases.exemption.periods import fiscal_year_of
from cases.registry.models.pension import Exemption
from cases.templatetags.desk import wareki
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from tests.workflows.test_continuation_carried import _earlier
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


def _statutory_case(clerk):
    """A person on 法定免除 (国民年金法89条1項) since before this 免除年度 on two grounds, applying for 全額免除."""
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    since = dt.date(h.current_period()[0].year - 1, 3, 1)
    for code in ("1", "2"):
        Exemption.objects.create(
            pension=applicant.pension,
            received_on=since,
            kind="statutory",
            start_on=since,
            reason="05",
            is_statutory=True,
            statutory_code=code,
            reference_no=f"STAT-{applicant.pk}-{code}",
        )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    return case


def test_法89条1項_the_english_warning_names_the_statutory_grounds_in_lower_case(client, clerk):
    """The 法定免除 warning (国民年金法89条1項) names the grounds inside its sentence, in lower case, as its
    「ground unknown」 is, and between them the English list separator."""
    case = _statutory_case(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown = page(client, case, "enter_data", clerk)
    grounds = (
        "entitlement to a disability pension (grade 1 or 2) or similar, "
        "livelihood assistance under the Public Assistance Act"
    )
    assert f"are under a statutory exemption ({grounds}):" in shown
    assert "statutory exemption (Entitled" not in shown  # the label stays in the form's choices


def test_法89条1項_the_japanese_warning_names_the_statutory_grounds_as_before(client, clerk):
    case = _statutory_case(clerk)
    grounds = "障害基礎年金・障害厚生年金 (1・2級) 等の受給権者、生活保護法による生活扶助の受給"
    assert f"は法定免除 ({grounds}) の期間で" in page(client, case, "enter_data", clerk)


def _carried_case(clerk, kind):
    """Last year's 継続審査 申出 (施行規則77条3項・77条の5第3項) approved for `kind`; this year's case at 入力."""
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    _earlier(applicant, clerk, kind=kind)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=(kind,))
    h.verify(case, clerk)
    return case


@pytest.mark.parametrize(("kind", "words"), [("full", "full exemption"), ("deferral", "payment deferral")])
def test_則77条3項_the_english_warning_names_the_kind_carried_in_lower_case(client, clerk, kind, words):
    """The 継続審査 warning (施行規則77条3項・77条の5第3項) names the kind approved inside its sentence."""
    case = _carried_case(clerk, kind)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f"asked for continued review and was granted {words}." in page(client, case, "enter_data", clerk)


def test_則77条3項_the_japanese_warning_names_the_kind_carried_as_before(client, clerk):
    case = _carried_case(clerk, "full")
    assert "で継続審査の申出があり、全額免除が承認されています。" in page(client, case, "enter_data", clerk)
