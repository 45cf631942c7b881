"""障害基礎年金 入力, 納付状況 table: a row whose 開始月 is refused (「2010/13」) with 終了月 and 状態 filled was
also told 「開始月・終了月・状態をすべて入力してください。」, and the whole row (the empty optional 納付日
too) was outlined in red. Only the real error shows, only on the box it is about."""

import re

import pytest
from django.utils import timezone

from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db
ALL_THREE = "開始月・終了月・状態をすべて入力してください。"


def _post(client, clerk, **row):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    data = {
        "received_on": timezone.localdate().isoformat(),
        "periods-TOTAL_FORMS": "1",
        "periods-INITIAL_FORMS": "0",
        **{f"periods-0-{name}": value for name, value in row.items()},
        "action": "save",
    }
    return client.post(f"/desk/tasks/{task.pk}/", data).content.decode()


def _marked(page: str) -> set[str]:
    """The period boxes shown as wrong: in a has-error cell, or aria-invalid."""
    cells = re.findall(r'<td class="has-error">.*?</td>', page, flags=re.S)
    names = {m for cell in cells for m in re.findall(r'name="periods-0-(\w+)"', cell)}
    tags = re.findall(r'<(?:input|select)[^>]*name="periods-0-(\w+)"[^>]*>', page)
    invalid = {
        m.group(1)
        for m in re.finditer(r'<(?:input|select)[^>]*name="periods-0-(\w+)"[^>]*>', page)
        if 'aria-invalid="true"' in m.group(0)
    }
    assert tags  # the row is on the page
    return names | invalid


def test_a_refused_start_month_is_the_only_error_and_only_its_box_is_marked(client, clerk):
    page = _post(client, clerk, start="2010/13", end="2012-03", status="paid")
    assert ALL_THREE not in page
    assert "id_periods-0-start_error" in page
    assert _marked(page) == {"start"}
    assert '<tr class="has-error">' not in page  # not the whole row (納付日 is optional and empty)


def test_a_row_missing_its_status_marks_the_status_box(client, clerk):
    page = _post(client, clerk, start="2010-04", end="2012-03")
    assert ALL_THREE in page
    assert _marked(page) == {"status"}


def test_an_end_before_the_start_marks_the_end_box(client, clerk):
    page = _post(client, clerk, start="2012-04", end="2010-03", status="paid")
    assert "終了月は開始月以降にしてください。" in page
    assert _marked(page) == {"end"}
