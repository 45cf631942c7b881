"""第1号 資格届出: who does what next. Wiring only; every rule lives in cases/ (the kernel's stage services and
cases/qualification), which set the stage the gates route on.

A filing taken at the counter starts at 本人確認. A 勧奨 case opened from a list (cases/qualification/bulk.py)
waits at 受付 in 「届出の受付 (勧奨)」 until the person comes and files, or a clerk closes it."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock, nodes

from cases.kernel.models import CaseType, Stage
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register
from workflows.nodes import CaseFlowMixin, DeskView


class QualificationFlow(CaseFlowMixin, flow.Flow):
    """(勧奨 → 届出の受付 →) 本人確認 → 入力 → 照合 → 決裁 → 送付待ち → 結果待ち → 完了."""

    process_title = _("資格届出 (第1号)")
    lock_impl = lock.select_for_update_lock

    start = desk.start().Next(this.check_origin)
    check_origin = desk.stage_gate(Stage.INTAKE).Then(this.receive_filing).Else(this.verify_identity)
    receive_filing = (
        DeskView()
        .Annotation(title=_("届出の受付 (勧奨)"))
        .Permission("cases.take_intake")
        .Next(this.check_received)
    )
    check_received = desk.stage_gate(Stage.IDENTITY).Then(this.verify_identity).Else(this.withdrawn)

    verify_identity = desk.verify_identity(assign=this.identity_owner).Next(this.check_identity)
    check_identity = desk.stage_gate(Stage.INPUT).Then(this.enter_data).Else(this.await_documents)
    await_documents = desk.await_documents().Next(this.check_documents)
    check_documents = desk.stage_gate(Stage.IDENTITY).Then(this.verify_identity).Else(this.withdrawn)

    enter_data = desk.enter_data(assign=this.input_owner).Next(this.cross_check)
    cross_check = desk.cross_check().Next(this.check_cross_check)
    check_cross_check = desk.stage_gate(Stage.APPROVAL).Then(this.approve).Else(this.enter_data)

    approve = desk.approve().Next(this.check_approval)
    check_approval = desk.stage_gate(Stage.READY_TO_SEND).Then(this.await_dispatch).Else(this.enter_data)

    await_dispatch = desk.await_dispatch().Next(this.await_result)
    await_result = desk.await_result().Next(this.check_result)
    check_result = desk.stage_gate(Stage.INPUT).Then(this.enter_data).Else(this.closed)

    closed = nodes.End()
    withdrawn = nodes.End()

    def identity_owner(self, activation):
        # The clerk who took the filing checks ID at once; documents brought later go to the queue.
        case = activation.process.case
        return None if case.documents_due_on else case.received_by

    def input_owner(self, activation):
        # A case sent back returns to whoever input it; a first input continues with the ID checker.
        case = activation.process.case
        return case.inputter or self._this_owner(self.verify_identity)(activation)


flow_register(
    FlowType(
        case_types=(CaseType.QUALIFICATION,),
        flow=QualificationFlow,
        screens="workflows.views.qualification",
        panel_template="workflows/qualification/_panel.html",
    )
)
