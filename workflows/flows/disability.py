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
from workflows.flows.filed import FiledCaseFlow
from workflows.nodes import stage_is


class DisabilityFlow(FiledCaseFlow, flow.Flow):
    process_title = _("障害基礎年金 請求")
    lock_impl = lock.select_for_update_lock

    # 本人確認, 照合 … 完了: the kernel's (workflows/flows/filed.py).
    start = desk.start().Next(this.route_intake)
    # A referred claim was closed by the intake service: its flow ends at once.
    route_intake = nodes.Switch().Case(this.verify_identity, stage_is(Stage.IDENTITY)).Default(this.referred)

    # 入力 may ask for the claim's own papers (書類不備), which come back to 入力.
    enter_data = desk.enter_data(assign=this.input_owner).Next(this.check_input)
    check_input = desk.input_gate()
    referred = nodes.End()


flow_register(
    FlowType(
        case_types=(CaseType.DISABILITY,),
        flow=DisabilityFlow,
        screens="workflows.views.disability",
        panel_template="workflows/disability/_panel.html",
    )
)
