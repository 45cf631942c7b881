"""Titles and headings (exploratory test in English, 2026-12-06): a discrepancy's page had the list's
<title>; a task's heading ran the case type, the stage and the link to the case page into one <h1>."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cases.submission.models import Discrepancy
from cases.submission.results import results_import
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

RESULTS_HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()


def test_a_discrepancys_page_has_a_title_of_its_own(client, clerk):
    today = timezone.localdate()
    line = f"2026-999999,,承認,{today - dt.timedelta(days=1)},全額免除,2026-07,2027-06,"
    results_import(filename="unmatched.csv", data=f"{RESULTS_HEADER}\n{line}\n".encode(), by=clerk)
    item = Discrepancy.objects.get()
    client.force_login(clerk)
    listed = _title(client.get("/results/discrepancies/").content.decode())
    shown = _title(client.get(f"/results/discrepancies/{item.pk}/").content.decode())
    assert shown != listed and f"#{item.pk}" in shown and "突合の不一致" in shown


def test_the_link_to_the_case_page_is_not_part_of_the_tasks_heading(client, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    page = client.get(f"/desk/tasks/{h.open_task(case, 'verify_identity').pk}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert case.number in heading and "案件画面 (帳票・経過)" not in heading
    assert f'href="/cases/{case.pk}/"' in page and "案件画面 (帳票・経過)" in page
