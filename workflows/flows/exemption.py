"""免除・納付猶予申請: who does what next. Wiring only; every rule lives in cases/ (the kernel's stage
services and cases/exemption), which set the stage the gates route on."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock, nodes

from cases.kernel.models import CaseType
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register
from workflows.flows.filed import FiledCaseFlow


class ExemptionFlow(FiledCaseFlow, flow.Flow):
    """受付 → 本人確認 → 入力 → (所得情報の添付) → 照合 → 決裁 → 送付待ち → 結果待ち → 完了."""

    process_title = _("免除・納付猶予申請")
    lock_impl = lock.select_for_update_lock

    # 本人確認 and 書類不備, 照合 … 完了: the kernel's (workflows/flows/filed.py).
    start = desk.start().Next(this.verify_identity)

    enter_data = desk.enter_data(assign=this.input_owner).Next(this.attach_income)
    # Completed by the income-attachment job (tasks/cases.py) through workflows/resume.py.
    attach_income = nodes.Handle().Annotation(title=_("所得情報の添付")).Next(this.cross_check)


flow_register(
    FlowType(
        case_types=(CaseType.EXEMPTION,),
        flow=ExemptionFlow,
        screens="workflows.views.exemption",
        panel_template="workflows/exemption/_panel.html",
    )
)
