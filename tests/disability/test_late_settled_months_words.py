"""The months left out of the 保険料納付要件 because they were paid or applied for on or after the 初診日 (法30条1項
ただし書, the test taken on the 前日) are listed in one sentence: an English screen joined them with 「、」
(the walk of 2026-12-08, 照合 of a claim with a 免除 applied for after the 初診日)."""

import datetime as dt

import pytest
from django.utils import translation

from cases.common.dates import add_months, month_start
from cases.disability.contribution import Period
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db


def test_ho30_1_the_months_not_counted_are_listed_with_the_readers_separator(client, clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    (paid,) = d.paid_since_20(case)
    late = add_months(paid.end, -2)  # the last three months: exempt, applied for after the 初診日
    first_visit = case.disability.first_visit_on
    periods = [
        Period(paid.start, add_months(late, -1), "paid"),
        Period(month_start(late), paid.end, "exempt", settled_on=first_visit + dt.timedelta(days=3)),
    ]
    d.enter(case, clerk, periods=periods)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    line = page.split("初診日以後の納付・申請のため算入しない月:", 1)[1].split("</p>", 1)[0]
    assert line.count("、") == 2
    client.post("/language/", {"language": "en", "next": "/"})
    with translation.override("en"):
        page = client.get(f"/cases/{case.pk}/").content.decode()
    marker = "Months not counted because paid or applied for on or after the first consultation:"
    line = page.split(marker, 1)[1].split("</p>", 1)[0]
    assert "、" not in line and line.count(", ") == 2
