"""The stage kernel's wiring, once for every case type filed with 機構: 本人確認 (with 書類不備) before the
type's 入力, and 照合 → 決裁 → 送付待ち → 結果待ち → 完了 after it. Wiring only; the kernel's stage services
(cases/kernel/steps.py) set the stage each gate routes on.

A type's flow class lists this mixin before `flow.Flow` and declares what is its own: `start`, its 入力
(`enter_data` and where it goes next) and any step only it has; a node declared under one of the names
below replaces the shared one. This is not a Flow itself:
viewflow copies every node it finds on a flow class, inherited ones included, and resolves `this` against
that class, so each type gets its own nodes wired to its own steps (tests/workflows/test_flow_wiring.py).
"""

from viewflow import this
from viewflow.workflow import nodes

from cases.kernel.models import Stage
from workflows import nodes as desk
from workflows.nodes import CaseFlowMixin, stage_is


class FiledCaseFlow(CaseFlowMixin):
    verify_identity = desk.verify_identity(assign=this.identity_owner).Next(this.check_identity)
    check_identity = desk.stage_gate(Stage.INPUT).Then(this.enter_data).Else(this.await_documents)
    await_documents = desk.await_documents().Next(this.check_documents)
    # Back where the papers were asked for: 本人確認, or 入力 (a type asking for its own papers there).
    check_documents = (
        nodes.Switch()
        .Case(this.verify_identity, stage_is(Stage.IDENTITY))
        .Case(this.enter_data, stage_is(Stage.INPUT))
        .Default(this.withdrawn)
    )

    cross_check = desk.cross_check().Next(this.check_cross_check)
    check_cross_check = desk.stage_gate(Stage.APPROVAL).Then(this.approve).Else(this.enter_data)

    approve = desk.approve().Next(this.check_approval)
    check_approval = desk.stage_gate(Stage.READY_TO_SEND).Then(this.await_dispatch).Else(this.enter_data)

    await_dispatch = desk.await_dispatch().Next(this.await_result)
    await_result = desk.await_result().Next(this.check_result)
    # A 返戻 from 機構 sends the case back to 入力; anything else ends it.
    check_result = desk.stage_gate(Stage.INPUT).Then(this.enter_data).Else(this.closed)

    closed = nodes.End()
    withdrawn = nodes.End()

    def identity_owner(self, activation):
        # At the counter the receiving clerk checks ID at once; documents brought later go to the queue.
        case = activation.process.case
        return None if case.documents_due_on else case.received_by

    def input_owner(self, activation):
        # A case sent back, returned or waiting for papers goes back to whoever input it; a first
        # input continues with the clerk who checked ID.
        case = activation.process.case
        return case.inputter or self._this_owner(self.verify_identity)(activation)
