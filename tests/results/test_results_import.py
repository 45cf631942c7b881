"""Importing 機構's 処理結果一覧表: matching, closing, 返戻 and the 突合 queue."""

import datetime as dt

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.common.codes import Decision, ExemptionKind
from cases.common.identifiers.eras import to_kiko_code
from cases.kernel.models import Case, CaseEvent, Stage
from cases.registry.models.pension import Exemption
from cases.security.models.audit import AuditEntry
from cases.submission.models import BundleItem, Discrepancy, ResultImport, ResultLine, SubmissionBundle
from cases.submission.results import results_import
from tests.results.conftest import csv_bytes, line
from workflows.flows.exemption import ExemptionFlow

pytestmark = pytest.mark.django_db
Kind = Discrepancy.Kind


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Imports like the screen does; the flow jobs sent on commit run (eagerly) as the worker would."""

    def go(data: bytes, user, filename="kekka.csv") -> ResultImport:
        with django_capture_on_commit_callbacks(execute=True):
            return results_import(filename=filename, data=data, by=user)

    return go


def test_approval_matched_by_reference_no_closes_the_case_and_fills_the_exemption(run, send, clerk, bundle):
    case = send()
    decided = timezone.localdate() - dt.timedelta(days=3)
    result = run(csv_bytes(line(case, decided_on=decided.isoformat())), clerk)

    assert (result.total_lines, result.matched, result.discrepancies) == (1, 1, 0)
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.closed_at is not None
    assert case.process.status == PROCESS.DONE
    exemption = Exemption.objects.get(reference_no=case.number)
    assert (exemption.decision, exemption.decided_on, exemption.kind) == (Decision.APPROVED, decided, "full")
    actions = list(case.events.values_list("action", "from_stage", "to_stage").order_by("id"))[-2:]
    assert actions == [
        (CaseEvent.Action.RESULT, Stage.SENT, Stage.RESULT_RECEIVED),
        (CaseEvent.Action.CLOSED, Stage.RESULT_RECEIVED, Stage.CLOSED),
    ]
    assert ResultLine.objects.get(result_import=result).case == case
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.RESULT_RECEIVED
    assert AuditEntry.objects.filter(action="import", target=f"results:{result.pk}").exists()


def test_a_line_with_only_the_basic_pension_no_finds_the_sent_case(run, send, clerk):
    case = send()
    pension_no = case.resident.pension.basic_pension_no
    result = run(csv_bytes(line(case, number="", pension_no=f"{pension_no[:4]}-{pension_no[4:]}")), clerk)
    assert result.matched == 1
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED


def test_rejection_closes_the_case_too(run, send, clerk):
    case = send()
    run(csv_bytes(line(case, decision="却下", start="", end="", reason="所得超過")), clerk)
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.process.status == PROCESS.DONE
    assert Exemption.objects.get(reference_no=case.number).decision == Decision.REJECTED
    assert "所得超過" in case.events.get(action=CaseEvent.Action.RESULT).text
    assert not Discrepancy.objects.exists()


def test_a_different_kind_granted_is_recorded_and_queued_for_a_clerk(run, send, clerk):
    case = send(kinds=("full", "half"))
    result = run(csv_bytes(line(case, kind="半額免除")), clerk)
    exemption = Exemption.objects.get(reference_no=case.number)
    assert exemption.kind == ExemptionKind.HALF and exemption.decision == Decision.APPROVED
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    differs = Discrepancy.objects.get(kind=Kind.DIFFERS)
    assert differs.case == case and "全額免除" in differs.text and "半額免除" in differs.text
    assert result.discrepancies == 1


def test_a_shorter_period_granted_is_queued_as_well(run, send, clerk):
    case = send()
    start = Exemption.objects.get(reference_no=case.number).start_on
    run(csv_bytes(line(case, end=f"{start:%Y-%m}")), clerk)
    assert "期間" in Discrepancy.objects.get(kind=Kind.DIFFERS).text
    assert Exemption.objects.get(reference_no=case.number).end_on.month == start.month


def test_a_returned_case_goes_back_to_its_inputter_with_the_reason(run, send, clerk, bundle):
    case = send()
    other = send()
    run(csv_bytes(line(case, decision="返戻", start="", end="", reason="添付書類の不足"), line(other)), clerk)

    case.refresh_from_db()
    assert case.stage == Stage.INPUT
    event = case.events.get(action=CaseEvent.Action.RETURNED)
    assert "添付書類の不足" in event.text and event.to_stage == Stage.INPUT
    task = Task.objects.get(
        process_id=case.process_id, flow_task=ExemptionFlow.enter_data, status=STATUS.ASSIGNED
    )
    assert task.owner == case.inputter == clerk
    item = BundleItem.objects.get(case=case)
    assert not item.live and "添付書類の不足" in item.removal_reason
    assert Discrepancy.objects.get(kind=Kind.RETURNED).case == case
    assert Exemption.objects.get(reference_no=case.number).decision == Decision.RETURNED
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.PARTIALLY_RETURNED


def test_a_line_for_no_case_goes_to_the_queue_and_the_rest_is_imported(run, send, clerk):
    case = send()
    result = run(csv_bytes(line(case), line(number="2020-999999", start="2025-07", end="2026-06")), clerk)
    assert result.matched == 1
    unmatched = Discrepancy.objects.get(kind=Kind.UNMATCHED_LINE)
    assert unmatched.case is None and "2020-999999" in unmatched.text and unmatched.line.line_no == 3


def test_a_reference_no_with_someone_elses_pension_no_is_not_trusted(run, send, clerk):
    case = send()
    other = send()
    run(csv_bytes(line(case, pension_no=other.resident.pension.basic_pension_no)), clerk)
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    assert Discrepancy.objects.get(kind=Kind.UNMATCHED_LINE).case == case


def test_a_case_in_the_bundle_without_a_line_is_reported_once_and_resolved_by_its_line(
    run, send, clerk, bundle
):
    case, late = send(), send()
    run(csv_bytes(line(case)), clerk)
    missing = Discrepancy.objects.get(kind=Kind.MISSING_RESULT)
    assert missing.case == late and missing.bundle == bundle and missing.resolved_at is None
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.SENT

    # Another file for the same bundle that still lacks it does not report it twice ...
    run(csv_bytes(line(number="2020-999999", start="2025-07", end="2026-06")), clerk, filename="b.csv")
    assert Discrepancy.objects.filter(kind=Kind.MISSING_RESULT).count() == 1

    # ... and the file that brings it closes the case and the discrepancy.
    run(csv_bytes(line(late)), clerk, filename="c.csv")
    missing.refresh_from_db()
    assert missing.resolved_at is not None and missing.resolved_by == clerk
    late.refresh_from_db()
    assert late.stage == Stage.CLOSED
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.RESULT_RECEIVED


def test_a_line_for_a_case_already_closed_is_queued_not_applied_again(run, send, clerk):
    case = send()
    run(csv_bytes(line(case)), clerk)
    run(csv_bytes(line(case, decision="却下", start="", end="")), clerk, filename="again.csv")
    assert Exemption.objects.get(reference_no=case.number).decision == Decision.APPROVED
    assert "送付済ではありません" in Discrepancy.objects.get(kind=Kind.UNMATCHED_LINE).text


def snapshot():
    return (
        ResultImport.objects.count(),
        ResultLine.objects.count(),
        list(CaseEvent.objects.values_list("id", "action").order_by("id")),
        list(
            Exemption.objects.values_list("id", "kind", "decision", "decided_on", "updated_at").order_by("id")
        ),
        list(Case.objects.values_list("id", "stage", "updated_at").order_by("id")),
        list(Discrepancy.objects.values_list("id", "resolved_at").order_by("id")),
        list(Task.objects.values_list("id", "status").order_by("id")),
        list(BundleItem.objects.values_list("id", "live").order_by("id")),
    )


def test_importing_the_same_file_again_changes_nothing(run, send, clerk):
    case, returned = send(), send()
    data = csv_bytes(
        line(case, kind="半額免除"), line(returned, decision="返戻", start="", end="", reason="記入漏れ")
    )
    first = run(data, clerk)
    before = snapshot()
    again = run(data, clerk, filename="renamed.csv")
    assert again.pk == first.pk and again.already_imported and not first.already_imported
    assert snapshot() == before


def test_an_era_coded_decision_date_is_read(run, send, clerk):
    case = send()
    decided = timezone.localdate() - dt.timedelta(days=10)
    run(csv_bytes(line(case, decided_on=to_kiko_code(decided))), clerk)
    assert Exemption.objects.get(reference_no=case.number).decided_on == decided


def test_a_cp932_file_with_full_width_kind_labels_is_read(run, send, clerk):
    case = send(kinds=("three_quarters",))
    data = csv_bytes(line(case, kind="４分の３免除", reason="特記なし"), encoding="cp932")
    result = run(data, clerk)
    assert result.matched == 1 and result.discrepancies == 0
    assert Exemption.objects.get(reference_no=case.number).kind == ExemptionKind.THREE_QUARTERS


def test_a_flow_whose_job_was_lost_is_completed_by_the_sweep(send, clerk, django_capture_on_commit_callbacks):
    case = send()
    # The import commits but its flow job never reaches a worker (callbacks captured, not run).
    with django_capture_on_commit_callbacks(execute=False):
        results_import(filename="lost.csv", data=csv_bytes(line(case)), by=clerk)
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.process.status != PROCESS.DONE

    from workflows.resume import results_flows_pending

    with django_capture_on_commit_callbacks(execute=True):
        assert results_flows_pending(older_than_minutes=10) == 0  # too recent: its job may still come
        assert results_flows_pending(older_than_minutes=0) == 1
    case.process.refresh_from_db()
    assert case.process.status == PROCESS.DONE


def test_a_decision_dated_before_the_filing_was_sent_is_not_applied(run, send, clerk, bundle):
    """機構 cannot decide on a filing before the city sent it. The exploratory test of 2026-12-05
    applied 判定日 令和8年12月4日 to cases handed over on 12月6日: the history showed 機構 deciding
    first. Such a line goes to the 突合 queue with its reason; the case waits for its result."""
    case = send()
    before = bundle.sent_on - dt.timedelta(days=2)
    result = run(csv_bytes(line(case, decided_on=before.isoformat())), clerk)

    assert (result.total_lines, result.matched) == (1, 0)
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    item = Discrepancy.objects.get(kind=Discrepancy.Kind.UNMATCHED_LINE)
    assert item.case == case and "機構への送付日" in item.text
