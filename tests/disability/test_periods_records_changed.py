"""照合・決裁 say when the city's 資格情報 or 免除情報 changed after 入力 (regression walk of 2026-12-07: a 訂正請求
turned a 第2号 period into 第3号 after 入力; the 照合 screen still said 「…は第2号被保険者の期間です」, and after a
差戻し the 入力 screen showed the same words). The 「要確認」 of the entered months (period_records.py; 法30条1項
ただし書, 法5条1項) are kept as 入力 found them — what the 照合者 compares — so the screens say they are out of date and
how to check again (差戻し, then 入力 saved again), as the exemption's income attachment does."""

import datetime as dt

import pytest

from cases.common.codes import InsuredKind
from cases.registry.models.pension import Qualification
from tests.disability import helpers as d
from tests.disability.test_periods_against_records import (
    _claim_entered,
    _first1_second_first1,
    second_entered_unpaid,
)

pytestmark = pytest.mark.django_db

CHANGED = "入力の後に市の資格情報・免除情報が変わりました"


def _entered_unpaid_second(clerk):
    return _claim_entered(_first1_second_first1(), clerk, second_entered_unpaid)


def _screen(client, user, case, node: str) -> str:
    client.force_login(user)
    task = d.open_task(case, node)
    if task.owner_id is None:
        client.post(f"/desk/tasks/{task.pk}/claim/")
    return client.get(f"/desk/tasks/{task.pk}/").content.decode()


def test_no_word_while_the_records_are_as_at_input(client, clerk, clerk2):
    case = _entered_unpaid_second(clerk)
    assert CHANGED not in _screen(client, clerk2, case, "cross_check")


def test_records_corrected_after_input_are_said_at_cross_check_and_approval(
    client, clerk, clerk2, supervisor
):
    """法30条1項ただし書: the test is on the 被保険者期間 as they stand; a 訂正 after 入力 makes the kept 「要確認」 stale."""
    case = _entered_unpaid_second(clerk)
    Qualification.objects.filter(pension__resident=case.resident, insured_kind=InsuredKind.SECOND).update(
        insured_kind=InsuredKind.THIRD
    )
    assert CHANGED in _screen(client, clerk2, case, "cross_check")
    d.cross_check(case, clerk2)
    assert CHANGED in _screen(client, supervisor, case, "approve")


def test_a_new_input_checks_again_and_the_word_goes(client, clerk, clerk2):
    case = _entered_unpaid_second(clerk)
    Qualification.objects.filter(pension__resident=case.resident, insured_kind=InsuredKind.SECOND).update(
        lost_on=dt.date(2016, 4, 1)
    )
    assert CHANGED in _screen(client, clerk2, case, "cross_check")
    d.cross_check(case, clerk2, matches=False, reason="資格の訂正")
    d.enter(case, clerk, periods=second_entered_unpaid(case))
    assert CHANGED not in _screen(client, clerk2, case, "cross_check")
