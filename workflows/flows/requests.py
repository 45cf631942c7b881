"""開示・訂正・利用停止請求: 受付 → 対応 → 決裁 → 回答 (完了). Wiring only; every rule lives in
cases/requests and the kernel's 決裁, which set the stage the gates route on."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock, nodes

from cases.kernel.models import REQUEST_CASE_TYPES, Stage
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register
from workflows.nodes import CaseFlowMixin, DeskView


class RequestFlow(CaseFlowMixin, flow.Flow):
    """The request is recorded at 受付 (the case starts at 対応); 決裁 is never by the handler."""

    process_title = _("開示・訂正・利用停止請求")
    lock_impl = lock.select_for_update_lock

    start = desk.start().Next(this.respond)

    respond = (
        DeskView()
        .Annotation(title=_("対応"))
        .Permission("cases.handle_request")
        .Assign(this.handler)
        .Next(this.check_response)
    )
    check_response = desk.stage_gate(Stage.APPROVAL).Then(this.approve).Else(this.withdrawn)

    # The handler is recorded as the case's inputter, so the 決裁 duty keeps them off it.
    approve = desk.approve().Next(this.check_approval)
    check_approval = desk.stage_gate(Stage.ANSWER).Then(this.answer).Else(this.respond)

    answer = (
        DeskView()
        .Annotation(title=_("回答・完了"))
        .Permission("cases.handle_request")
        .Assign(this.handler)
        .Next(this.closed)
    )

    closed = nodes.End()
    withdrawn = nodes.End()

    def handler(self, activation):
        # Whoever handled the request keeps it (also when 決裁 returns it); first the receiving clerk.
        case = activation.process.case
        return case.inputter or case.received_by


flow_register(
    FlowType(
        case_types=tuple(sorted(REQUEST_CASE_TYPES)),
        flow=RequestFlow,
        screens="workflows.views.requests",
        panel_template="workflows/requests/_panel.html",
    )
)
