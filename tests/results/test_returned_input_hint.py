"""A case 機構 returned (返戻) reopens 入力: the line above the form says it was returned, not 差戻し.

Found walking the 係長's week (2026-12-07): the exemption's and the 資格届出's 入力 screens said
「差戻しされた案件です。経過の差戻し理由を確認して修正してください。」 for every case with an inputter,
also for a 返戻 by 機構 (the header right above named the 返戻 and its reason)."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel.models import Stage
from cases.submission.results import results_import
from tests.results.conftest import csv_bytes, line
from workflows.flows.exemption import ExemptionFlow

pytestmark = pytest.mark.django_db


def test_the_input_screen_of_a_returned_case_says_returned_by_kiko(
    client, send, clerk, django_capture_on_commit_callbacks
):
    case = send()
    with django_capture_on_commit_callbacks(execute=True):
        results_import(
            filename="kekka.csv",
            data=csv_bytes(line(case, decision="返戻", start="", end="", reason="署名がありません")),
            by=clerk,
        )
    case.refresh_from_db()
    assert case.stage == Stage.INPUT
    task = Task.objects.get(
        process_id=case.process_id, flow_task=ExemptionFlow.enter_data, status=STATUS.ASSIGNED
    )

    client.force_login(clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()

    assert "署名がありません" in page
    assert "差戻しされた案件です" not in page
    assert "日本年金機構から返戻された案件です" in page
