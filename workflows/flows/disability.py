"""障害基礎年金の請求: who does what next. Wiring only; every rule lives in cases/ (the kernel's stage
services and cases/disability), which set the stage the gates route on.

受付 → 本人確認 → 入力 → 照合 → 決裁 → 送付待ち → 結果待ち → 完了. A claim the city does not take is
closed at 受付 (referred to the 年金事務所); 書類不備 comes from 本人確認 (identity papers) or from 入力
(the claim's own papers) and resumes where it stopped."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock, nodes

from cases.kernel.models import CaseType, Stage
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register
from workflows.nodes import CaseFlowMixin, stage_is


class DisabilityFlow(CaseFlowMixin, flow.Flow):
    process_title = _("障害基礎年金 請求")
    lock_impl = lock.select_for_update_lock

    start = desk.start().Next(this.route_intake)
    # A referred claim was closed by the intake service: its flow ends at once.
    route_intake = nodes.Switch().Case(this.verify_identity, stage_is(Stage.IDENTITY)).Default(this.referred)

    verify_identity = desk.verify_identity(assign=this.identity_owner).Next(this.check_identity)
    check_identity = desk.stage_gate(Stage.INPUT).Then(this.enter_data).Else(this.await_documents)
    await_documents = desk.await_documents().Next(this.check_documents)
    check_documents = (
        nodes.Switch()
        .Case(this.verify_identity, stage_is(Stage.IDENTITY))
        .Case(this.enter_data, stage_is(Stage.INPUT))
        .Default(this.withdrawn)
    )

    enter_data = desk.enter_data(assign=this.input_owner).Next(this.check_input)
    check_input = (
        nodes.Switch()
        .Case(this.cross_check, stage_is(Stage.CROSS_CHECK))
        .Case(this.await_documents, stage_is(Stage.AWAITING_DOCUMENTS))
        .Default(this.withdrawn)
    )
    cross_check = desk.cross_check().Next(this.check_cross_check)
    check_cross_check = desk.stage_gate(Stage.APPROVAL).Then(this.approve).Else(this.enter_data)

    approve = desk.approve().Next(this.check_approval)
    check_approval = desk.stage_gate(Stage.READY_TO_SEND).Then(this.await_dispatch).Else(this.enter_data)

    await_dispatch = desk.await_dispatch().Next(this.await_result)
    await_result = desk.await_result().Next(this.check_result)
    check_result = desk.stage_gate(Stage.INPUT).Then(this.enter_data).Else(this.closed)

    closed = nodes.End()
    referred = nodes.End()
    withdrawn = nodes.End()

    def identity_owner(self, activation):
        # At the counter the receiving clerk checks ID at once; documents brought later go to the queue.
        case = activation.process.case
        return None if case.documents_due_on else case.received_by

    def input_owner(self, activation):
        # A claim sent back, returned or waiting for papers goes back to whoever input it.
        case = activation.process.case
        return case.inputter or self._this_owner(self.verify_identity)(activation)


flow_register(
    FlowType(
        case_types=(CaseType.DISABILITY,),
        flow=DisabilityFlow,
        screens="workflows.views.disability",
        panel_template="workflows/disability/_panel.html",
    )
)
