"""第1号 資格届出: who does what next. Wiring only; every rule lives in cases/ (the kernel's stage services and
cases/qualification), which set the stage the gates route on.

A filing taken at the counter starts at 本人確認. A 勧奨 case opened from a list (cases/qualification/bulk.py)
waits at 受付 in 「届出の受付 (勧奨)」 until the person comes and files, or a clerk closes it."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from cases.kernel.models import CaseType, Stage
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register
from workflows.flows.filed import FiledCaseFlow
from workflows.nodes import DeskView


class QualificationFlow(FiledCaseFlow, flow.Flow):
    """(勧奨 → 届出の受付 →) 本人確認 → 入力 → 照合 → 決裁 → 送付待ち → 結果待ち → 完了."""

    process_title = _("資格届出 (第1号)")
    lock_impl = lock.select_for_update_lock

    # 本人確認 and 書類不備, 照合 … 完了: the kernel's (workflows/flows/filed.py).
    start = desk.start().Next(this.check_origin)
    check_origin = desk.stage_gate(Stage.INTAKE).Then(this.receive_filing).Else(this.verify_identity)
    receive_filing = (
        DeskView()
        .Annotation(title=_("届出の受付 (勧奨)"))
        .Permission("cases.take_intake")
        .Next(this.check_received)
    )
    check_received = desk.stage_gate(Stage.IDENTITY).Then(this.verify_identity).Else(this.withdrawn)

    # 入力 may ask for the filing's papers (離職票 …: 書類不備), which come back to 入力.
    enter_data = desk.enter_data(assign=this.input_owner).Next(this.check_input)
    check_input = desk.input_gate()


flow_register(
    FlowType(
        case_types=(CaseType.QUALIFICATION,),
        flow=QualificationFlow,
        screens="workflows.views.qualification",
        panel_template="workflows/qualification/_panel.html",
    )
)
