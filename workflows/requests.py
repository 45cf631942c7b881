"""開示・訂正・利用停止請求: 受付 → 対応 → 決裁 → 回答 (完了). Wiring only; every rule lives in
cases.requests.services, which sets the stage the gates route on."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock, nodes

from cases.kernel.models import Stage
from workflows.nodes import ApprovalView, CaseFlowMixin, DeskView, stage_is


class RequestFlow(CaseFlowMixin, flow.Flow):
    """The request is recorded at 受付 (the case starts at 対応); 決裁 is never by the handler."""

    process_title = _("開示・訂正・利用停止請求")
    lock_impl = lock.select_for_update_lock

    start = nodes.StartHandle(this.start_case).Next(this.respond)

    respond = (
        DeskView()
        .Annotation(title=_("対応"))
        .Permission("cases.handle_request")
        .Assign(this.handler)
        .Next(this.check_response)
    )
    check_response = nodes.If(stage_is(Stage.APPROVAL)).Then(this.approve).Else(this.withdrawn)

    # The handler is recorded as the case's inputter, so ApprovalView keeps them off 決裁.
    approve = (
        ApprovalView().Annotation(title=_("決裁")).Permission("cases.approve_case").Next(this.check_approval)
    )
    check_approval = nodes.If(stage_is(Stage.ANSWER)).Then(this.answer).Else(this.respond)

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
