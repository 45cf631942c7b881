"""免除・納付猶予申請: who does what next. Wiring only; every rule lives in cases.services."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock, nodes
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.jobs import job_send
from cases.kernel.models import Case, Stage
from workflows.engine import handle_run
from workflows.nodes import ApprovalView, CaseFlowMixin, DeskView, FourEyesView, stage_is


class ExemptionFlow(CaseFlowMixin, flow.Flow):
    """受付 → 本人確認 → 入力 → (所得情報の添付) → 照合 → 決裁 → 送付待ち → 結果待ち → 完了."""

    process_title = _("免除・納付猶予申請")
    lock_impl = lock.select_for_update_lock

    start = nodes.StartHandle(this.start_case).Next(this.verify_identity)

    verify_identity = (
        DeskView()
        .Annotation(title=_("本人確認"))
        .Permission("cases.verify_identity")
        .Assign(this.identity_owner)
        .Next(this.check_identity)
    )
    check_identity = nodes.If(stage_is(Stage.INPUT)).Then(this.enter_data).Else(this.await_documents)
    await_documents = (
        DeskView()
        .Annotation(title=_("書類不備 (提出待ち)"))
        .Permission("cases.verify_identity")
        .Next(this.check_documents)
    )
    check_documents = nodes.If(stage_is(Stage.IDENTITY)).Then(this.verify_identity).Else(this.withdrawn)

    enter_data = (
        DeskView()
        .Annotation(title=_("入力"))
        .Permission("cases.enter_data")
        .Assign(this.input_owner)
        .Next(this.attach_income)
    )
    attach_income = nodes.Handle().Annotation(title=_("所得情報の添付")).Next(this.cross_check)
    cross_check = (
        FourEyesView()
        .Annotation(title=_("照合"))
        .Permission("cases.cross_check")
        .Next(this.check_cross_check)
    )
    check_cross_check = nodes.If(stage_is(Stage.APPROVAL)).Then(this.approve).Else(this.enter_data)

    approve = (
        ApprovalView().Annotation(title=_("決裁")).Permission("cases.approve_case").Next(this.check_approval)
    )
    check_approval = nodes.If(stage_is(Stage.READY_TO_SEND)).Then(this.await_dispatch).Else(this.enter_data)

    await_dispatch = nodes.Handle().Annotation(title=_("送付待ち")).Next(this.await_result)
    await_result = nodes.Handle().Annotation(title=_("結果待ち")).Next(this.check_result)
    check_result = nodes.If(stage_is(Stage.INPUT)).Then(this.enter_data).Else(this.closed)

    closed = nodes.End()
    withdrawn = nodes.End()

    def identity_owner(self, activation):
        # At the counter the receiving clerk checks ID at once; documents brought later go to the queue.
        case = activation.process.case
        return None if case.documents_due_on else case.received_by

    def input_owner(self, activation):
        # A case sent back returns to whoever input it; a first input continues with the ID checker.
        case = activation.process.case
        return case.inputter or self._this_owner(self.verify_identity)(activation)


def exemption_income_attached(*, case_id: int) -> bool:
    """Resumes the flow once the income attachment exists. A repeat call is a no-op."""
    process_id = _process_of(case_id)
    return process_id is not None and handle_run(process_id=process_id, node=ExemptionFlow.attach_income)


def exemption_attach_pending(*, older_than_minutes: int = 10) -> int:
    """Re-sends the attachment job for cases stuck waiting for it."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    case_ids = list(
        Task.objects.filter(
            flow_task=ExemptionFlow.attach_income, status=STATUS.NEW, created__lt=cutoff
        ).values_list("process__case__id", flat=True)
    )
    for case_id in case_ids:
        job_send("cases.income_attach", case_id)
    return len(case_ids)


def _process_of(case_id: int) -> int | None:
    return Case.objects.filter(pk=case_id).values_list("process_id", flat=True).first()


def exemption_dispatched(*, case_id: int) -> bool:
    """Completes 送付待ち once the case's bundle is sealed. A repeat call is a no-op."""
    process_id = _process_of(case_id)
    return process_id is not None and handle_run(process_id=process_id, node=ExemptionFlow.await_dispatch)


def exemption_result_received(*, case_id: int) -> bool:
    """Completes 結果待ち after the cases service recorded 機構's result: a case it moved back to
    入力 (返戻) is reopened for input, any other is closed. A repeat call is a no-op."""
    process_id = _process_of(case_id)
    return process_id is not None and handle_run(process_id=process_id, node=ExemptionFlow.await_result)
