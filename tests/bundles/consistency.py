"""What "exactly once" means for the cases of a bundle after a fault, shared by the in-process and
the real-worker fault tests. The cases may be of any type (exemptions and 障害基礎年金 claims share a
bundle); each is checked against its own flow."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel.models import CaseEvent, Stage
from cases.submission.models import BundleItem
from workflows.casetypes import flow_of


def assert_consistent(cases) -> int:
    """After a crash: every case is wholly sealed or wholly waiting (stage, task, timeline agree)."""
    sealed = 0
    for case in cases:
        case.refresh_from_db()
        sent = CaseEvent.objects.filter(case=case, action=CaseEvent.Action.SENT).count()
        done = Task.objects.filter(
            process_id=case.process_id, flow_task=flow_of(case.case_type).await_dispatch, status=STATUS.DONE
        ).count()
        assert (sent, done) == ((1, 1) if case.stage == Stage.SENT else (0, 0)), case.number
        sealed += case.stage == Stage.SENT
    return sealed


def assert_exactly_once(cases, *, sealed: bool) -> None:
    for case in cases:
        case.refresh_from_db()
        assert BundleItem.objects.filter(case=case, live=True).count() == 1, case.number
        assert CaseEvent.objects.filter(case=case, action=CaseEvent.Action.BUNDLED).count() == 1
        sent = CaseEvent.objects.filter(case=case, action=CaseEvent.Action.SENT).count()
        done = Task.objects.filter(
            process_id=case.process_id, flow_task=flow_of(case.case_type).await_dispatch, status=STATUS.DONE
        ).count()
        assert (case.stage, sent, done) == ((Stage.SENT, 1, 1) if sealed else (Stage.READY_TO_SEND, 0, 0))
