"""The workflows side of a case type: its flow class and the screens of its human steps.

A flow file in `workflows/flows/` registers itself here for the case types it runs
(`flow_register`). The desk, the queue SQL, the task screen dispatcher, `case_start` and the flow
resumption (`workflows/resume.py`) all look flows up here; none of them names a type.
"""

from dataclasses import dataclass
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from viewflow.workflow import nodes

from cases.kernel.casetypes import CaseTypeNotRegistered, casetype_spec
from cases.kernel.models import Stage
from cases.security.audit_present import task_label_register


class FlowNotRegistered(ImproperlyConfigured):
    """A case type has no flow: nothing would ever move its cases."""


@dataclass(frozen=True)
class FlowType:
    case_types: tuple[str, ...]
    flow: type
    # "module.path": its STEPS maps the flow's human node names to screens (request, task, case), and
    # its optional `case_panel(request, case) -> dict` adds to the case page, which then includes
    # `panel_template` (the type's application, say)
    screens: str = ""
    panel_template: str = ""

    def case_panel(self, request, case) -> dict:
        if not self.screens:
            return {}
        build = getattr(import_module(self.screens), "case_panel", None)
        return build(request, case) if build else {}

    def step_screens(self) -> dict:
        from workflows.views.stages import STEPS as STAGE_STEPS

        own = getattr(import_module(self.screens), "STEPS", {}) if self.screens else {}
        return {**STAGE_STEPS, **own}


_BY_TYPE: dict[str, FlowType] = {}


def flow_register(flow_type: FlowType) -> FlowType:
    for code in flow_type.case_types:
        _shared_gate_refused(code, flow_type.flow)
        _BY_TYPE[code] = flow_type
    for node in flow_type.flow.instance.nodes():
        # A person's step is in the access log as task:<node name> (workflows/views/cases.py): it reads
        # as its title without a line in cases/security/audit_labels.py TASK_LABELS (whose wording of
        # the kernel's steps is kept). A node without a title of its own keeps its name.
        if isinstance(node, nodes.View) and node.task_title != _default_title(node.name):
            task_label_register(node.name, node.task_title)
    return flow_type


def _shared_gate_refused(code: str, flow_class: type) -> None:
    """A type without 機構's forms ends at 決裁 (完了, docs/architecture.md step 0); on the kernel's filed wiring
    it must replace the gate after 決裁 (step 4), which knows 送付待ち or 入力 only: left as it is, every
    approved case would stand at 完了 with a new 入力 task open."""
    from workflows.flows.filed import FiledCaseFlow  # the flows import this module
    from workflows.nodes import StageGate

    try:
        filed = bool(casetype_spec(code).filing_forms)
    except CaseTypeNotRegistered:
        return  # the type's own registration says what is missing
    if filed or not issubclass(flow_class, FiledCaseFlow):
        return
    # viewflow copies inherited nodes onto each flow class, so the gate is told by what it routes on.
    gate = getattr(flow_class, "check_approval", None)
    if isinstance(gate, StageGate) and getattr(gate, "stage", None) == Stage.READY_TO_SEND:
        raise ImproperlyConfigured(
            f"案件種別「{code}」には機構への様式 (filing_forms) がないため決裁で完了します。{flow_class.__name__} は"
            "決裁の後の check_approval を置き換えてください (docs/architecture.md の手順 4)。"
        )


def _default_title(name: str) -> str:
    """The title viewflow gives a node that was not given one (viewflow/workflow/base.py Node.name)."""
    return name.replace("_", " ").title()


def flow_unregister(*codes: str) -> None:
    """For tests that register a throwaway type."""
    for code in codes:
        _BY_TYPE.pop(code, None)


def flow_type_of(case_type: str) -> FlowType:
    try:
        return _BY_TYPE[case_type]
    except KeyError:
        raise FlowNotRegistered(
            f"案件種別「{case_type}」のフローが登録されていません (workflows/flows/ に flow_register() を"
            "呼ぶフローファイルを置いてください)。"
        ) from None


def flow_of(case_type: str) -> type:
    return flow_type_of(case_type).flow


def flow_types() -> list[FlowType]:
    seen, found = set(), []
    for flow_type in _BY_TYPE.values():
        if flow_type.flow not in seen:
            seen.add(flow_type.flow)
            found.append(flow_type)
    return found


def flows() -> list[type]:
    return [flow_type.flow for flow_type in flow_types()]


def step_screen(task):
    """The screen for a human task, or None when its node has none."""
    node = task.flow_task
    for flow_type in flow_types():
        if flow_type.flow is node.flow_class:
            return flow_type.step_screens().get(node.name)
    return None
