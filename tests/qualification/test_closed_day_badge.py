"""A filing made after the 14th day, by the next open day when the 14th fell on a closed day of the city, is
「要確認」 for the closed-day reading (地方自治法4条の2第4項, rules-disability-qualification.md §3.5), not for the
14th day: its badge, on the case page, the intake's preview and the 届書, must not call it 「14日目」."""

import datetime as dt

import pytest
from django.utils import translation

from documents.qualification import qualification_filing
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db

# 2026-04-04 + 14 = 2026-04-18, a Saturday; Monday 2026-04-20 is the next open day.
EVENT = dt.date(2026, 4, 4)
FILED = dt.date(2026, 4, 20)


def _closed_day_case(clerk):
    resident = person(kind=None, birth=dt.date(1990, 1, 1))
    return intake(
        clerk, resident, received_on=FILED, kind="acquisition", event="immigration", event_date=EVENT
    )


def test_rule_1_4_a_closed_day_filing_is_not_called_the_14th_day_on_the_case_page(client, clerk):
    case = _closed_day_case(clerk)
    filing = case.qualification
    assert filing.deadline_status == "undecided"
    assert [doubt["code"] for doubt in filing.doubts if doubt["code"] in ("day14", "closed_day")] == [
        "closed_day"
    ]
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "地方自治法4条の2第4項" in page
    assert "14日目" not in page


def test_rule_1_4_a_closed_day_filing_is_not_called_the_14th_day_on_the_filing_form(clerk):
    case = _closed_day_case(clerk)
    with translation.override("ja"):
        status = qualification_filing(case)["filing"]["deadline_status"]
    assert status.startswith("要確認") and "14日目" not in status
    with translation.override("en"):
        assert "14th day" not in str(case.qualification.get_deadline_status_display())


def test_rule_1_4_a_closed_day_filing_is_not_called_the_14th_day_in_the_intake_preview(client, clerk):
    resident = person(kind=None, birth=dt.date(1990, 1, 1))
    client.force_login(clerk)
    page = client.post(
        f"/intake/qualification/{resident.pk}/",
        {
            "received_on": FILED.isoformat(),
            "kind": "acquisition",
            "event": "immigration",
            "event_date": EVENT.isoformat(),
            "japanese_national": "on",
            "action": "preview",
        },
    ).content.decode()
    assert "地方自治法4条の2第4項" in page
    assert "14日目" not in page
