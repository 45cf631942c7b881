"""The 受付 line of a 資格届出's timeline names the event only when it adds to the kind.

Found walking the 係長's week (2026-12-07): the timeline of a 特例高齢任意加入 read 「特例高齢任意加入 申出
(申出)」, a 死亡届 「死亡届 (死亡)」 (the 送付一覧表 said the same; tests/documents/test_qualification_summary.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.codes import InsuredKind
from cases.kernel.models import CaseEvent
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def received(case) -> str:
    return case.events.get(action=CaseEvent.Action.RECEIVED).text


def test_an_application_and_a_death_notice_are_not_repeated_in_brackets(clerk):
    applied = intake(
        clerk,
        person(kind=None, birth=dt.date(1964, 1, 1)),
        kind="voluntary",
        event="application",
        payment_method="account",
    )
    assert received(applied) == "任意加入 申出"
    died = intake(
        clerk, person(kind=InsuredKind.FIRST), kind="death", event="death", event_date=TODAY - 3 * DAY
    )
    assert received(died) == "死亡届"


def test_an_event_that_says_why_is_kept(clerk):
    case = intake(clerk, person(kind=InsuredKind.FIRST), kind="loss", event="emigration", event_date=TODAY)
    assert received(case) == "資格喪失届 (国外への転出)"
