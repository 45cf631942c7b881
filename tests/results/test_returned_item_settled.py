"""A 返戻 puts an item on the 突合 list (「返戻」, 未対応): the case goes back to 入力 to be put right and sent again.
When 機構's result for the case sent again is applied, that item stayed 未対応 for ever (the walk of 2026-12-07: a
case 完了 with its 返戻 still open), as a 結果のない送付案件 item is settled by the result that arrives. It is
settled now by that result too, saying which import brought it; one still waiting for the resent case stays open."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.kernel.models import Stage
from cases.submission.models import Discrepancy, SubmissionBundle
from cases.submission.results import results_import
from tests.results.conftest import csv_bytes, line, sent_in
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
Kind = Discrepancy.Kind


def _import(data, user, capture, filename):
    with capture(execute=True):
        return results_import(data=data, filename=filename, by=user)


def _send_again(case, clerk, clerk2, supervisor, capture):
    """The returned case put right at 入力, checked, approved and sent in the next week's bundle."""
    with capture(execute=True):
        h.enter(case, clerk)
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    later = SubmissionBundle.objects.create(
        number="2026-W02",
        state=SubmissionBundle.State.SENT,
        cutoff_at=timezone.now() - dt.timedelta(days=4),
        sent_on=timezone.localdate() - dt.timedelta(days=3),
    )
    sent_in(case, later, supervisor)


def test_the_returned_item_is_settled_by_the_result_of_the_case_sent_again(
    send, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    case, waiting = send(), send()
    returned = csv_bytes(
        line(case, decision="返戻", start="", end="", reason="記入漏れ"),
        line(waiting, decision="返戻", start="", end="", reason="添付漏れ"),
    )
    _import(returned, clerk, capture, "week1.csv")
    assert Discrepancy.objects.filter(kind=Kind.RETURNED, resolved_at__isnull=True).count() == 2
    case.refresh_from_db()
    _send_again(case, clerk, clerk2, supervisor, capture)
    result = _import(csv_bytes(line(case)), clerk, capture, "week2.csv")
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    settled = Discrepancy.objects.get(kind=Kind.RETURNED, case=case)
    assert settled.resolved_at is not None
    assert "week2.csv" in settled.resolution and f"取込番号 {result.pk}" in settled.resolution
    still = Discrepancy.objects.get(kind=Kind.RETURNED, case=waiting)
    assert still.resolved_at is None  # not sent again yet: the 係長 still has it to do
