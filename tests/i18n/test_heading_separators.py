"""Regression walk 2026-12-06: English headings and the top bar joined their parts with the Japanese 「・」
(「ID verification ・ 2026-000020」, 「Queue 市民課 (本庁) ・ 13」); they use the screen's list separator."""

import pytest
from django.conf import settings

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "joined", "absent"), [("en", " / ", "・"), ("ja", " ・ ", " / ")])
def test_a_task_heading_and_the_top_bar_join_their_parts_in_the_screens_way(
    client, clerk, language, joined, absent
):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    task = h.open_task(case, "verify_identity")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert f"{joined}{case.number}" in " ".join(heading.split()).replace(f" {joined.strip()} ", joined)
    assert absent not in heading.split("<small>")[0]
    queue = client.get("/desk/queue/").content.decode()
    queue_heading = queue.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert absent not in queue_heading.replace(clerk.office.name, "")


def test_the_consultation_year_choices_read_fy_and_the_era_letter_in_english(client, clerk):
    """Regression walk 2026-12-06: the 相談 screen's year choices read 「FY2026 (令和 8)」 in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(clerk)
    page = client.get("/consultation/").content.decode()
    select = page.split('name="fiscal_year"', 1)[1].split("</select>", 1)[0]
    assert "令和" not in select and "(R8)" in select
