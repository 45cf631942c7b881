"""A 災害 application through the screens: its facts taken at 受付/入力, shown at 照合 and 決裁 and on the
申請書, and the pre-screen reading the ground (国民年金法90条1項4号, 施行規則77条の7第1号)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.identifiers.wareki import format_wareki
from cases.exemption.periods import fiscal_year_of
from cases.kernel.models import Case
from cases.templatetags.desk import wareki
from documents.filing import exemption_filing
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from tests.workflows.test_intake_refusals import error_after, post_intake
from tests.workflows.test_screening_warnings import FAILS, page

pytestmark = pytest.mark.django_db

TO_CHECK = "要確認: 災害による損害"
NOT_HELD = "災害の事由 (国民年金法施行規則77条の7第1号) に当たらないため"


def _disaster_case(clerk, capture, *, damage: str, evidence: str = "disaster_certificate"):
    """A rich household (both over every limit) applying for 全額免除 on a 災害 this 免除年度."""
    tax_year = fiscal_year_of(timezone.localdate(), student=False)
    applicant, spouse = applicant_with_household(income=3_000_000, spouse_income=3_000_000, tax_year=tax_year)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    facts = {"disaster_date": h.current_period()[0], "disaster_damage": damage, "disaster_evidence": evidence}
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse, special_ground="disaster", **facts)
    case.refresh_from_db()
    return case


def test_damage_of_half_or_more_passes_without_income_and_asks_to_check_the_evidence(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    case = _disaster_case(clerk, django_capture_on_commit_callbacks, damage="half_or_more")
    start, _end = h.current_period()
    cross = page(client, case, "cross_check", clerk2)
    assert FAILS not in cross
    assert "所得を問わず該当 (国民年金法90条1項4号・施行規則77条の7第1号)" in cross
    assert TO_CHECK in cross and "罹災証明書" in cross
    # The facts beside the 特例, as the 失業 facts are.
    assert f"災害の発生日 {format_wareki(start)}" in cross and "おおむね2分の1以上" in cross
    h.cross_check(case, clerk2)
    approval = page(client, case, "approve", supervisor)
    assert TO_CHECK in approval and f"災害の発生日 {format_wareki(start)}" in approval
    filing = exemption_filing(case)["special_ground"]
    assert filing["disaster_date"] == start.isoformat()
    assert filing["disaster_damage"] == "おおむね2分の1以上" and filing["disaster_evidence"] == "罹災証明書"


@pytest.mark.parametrize("damage", ["below_half", ""])
def test_damage_below_half_or_unknown_is_screened_on_income(
    client, clerk, clerk2, django_capture_on_commit_callbacks, damage
):
    case = _disaster_case(clerk, django_capture_on_commit_callbacks, damage=damage, evidence="")
    cross = page(client, case, "cross_check", clerk2)
    assert FAILS in cross and NOT_HELD in cross and TO_CHECK not in cross
    assert "所得を問わず該当 (国民年金法90条1項4号" not in cross


def test_the_english_screen_words_the_ground(client, clerk, clerk2, django_capture_on_commit_callbacks):
    case = _disaster_case(clerk, django_capture_on_commit_callbacks, damage="half_or_more")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    cross = page(client, case, "cross_check", clerk2)
    assert "To check: " in cross and "disaster" in cross.lower()
    assert "要確認" not in cross and "罹災証明書" not in cross


def test_a_disaster_outside_the_window_is_refused_at_intake_naming_the_field(client, clerk):
    applicant, _spouse = applicant_with_household(spouse_income=None)
    start, _end = h.current_period()
    client.force_login(clerk)
    response = post_intake(
        client,
        applicant,
        special_ground="disaster",
        disaster_date=dt.date(start.year - 3, 3, 31).isoformat(),
        disaster_damage="half_or_more",
        disaster_evidence="disaster_certificate",
    )
    assert not Case.objects.exists()
    assert "77条の7第1号" in error_after(response.content.decode(), "disaster_date")
    response = post_intake(
        client,
        applicant,
        special_ground="disaster",
        disaster_date=start.isoformat(),
        disaster_damage="half_or_more",
        disaster_evidence="disaster_certificate",
    )
    assert response.status_code == 302
    application = Case.objects.get().exemption
    assert (application.disaster_date, application.disaster_damage) == (start, "half_or_more")


def case_page(client, case, user) -> str:
    client.force_login(user)
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_english_facts_read_as_a_sentence(client, clerk, clerk2, django_capture_on_commit_callbacks):
    """施行規則77条の7第1号's facts beside the 特例 on the case page and at 照合, in English: the damage and the
    paper in lower case inside the sentence, not the choice labels' capitals (「damage: About half or more」)."""
    case = _disaster_case(clerk, django_capture_on_commit_callbacks, damage="half_or_more")
    start, _end = h.current_period()
    with translation.override("en"):
        day = wareki(start)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    facts = f"(disaster on {day}, damage: about half or more, disaster victim certificate (risai shōmeisho))"
    for shown in (case_page(client, case, clerk), page(client, case, "cross_check", clerk2)):
        assert facts in shown
        assert "About half or more" not in shown and "Disaster victim certificate" not in shown
    # The 要確認 line names the paper inside its sentence too.
    assert "confirm on the disaster victim certificate (risai shōmeisho) that" in shown


def test_the_english_facts_of_damage_not_yet_confirmed(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """則77条の7第1号: the share of the property lost may still be unknown, and no paper chosen."""
    case = _disaster_case(clerk, django_capture_on_commit_callbacks, damage="", evidence="")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown = page(client, case, "cross_check", clerk2)
    assert "damage: not confirmed, no document)" in shown and "Not confirmed" not in shown


def test_the_japanese_facts_are_worded_as_before(client, clerk, clerk2, django_capture_on_commit_callbacks):
    """The same facts on a Japanese screen: the choices' own words (施行規則77条の7第1号)."""
    case = _disaster_case(clerk, django_capture_on_commit_callbacks, damage="half_or_more")
    start, _end = h.current_period()
    facts = f"(災害の発生日 {format_wareki(start)}, 損害 おおむね2分の1以上, 罹災証明書)"
    assert facts in case_page(client, case, clerk) and facts in page(client, case, "cross_check", clerk2)
    unknown = _disaster_case(clerk, django_capture_on_commit_callbacks, damage="", evidence="")
    assert f"(災害の発生日 {format_wareki(start)}, 損害 未確認, ―)" in page(
        client, unknown, "cross_check", clerk2
    )
