"""Human task nodes with the desk's rules: office scoping and separation of duties.

These override the engine's `can_assign`/`can_execute`, which is where viewflow asks "may this user
take this task"; the queue selector applies the same rules in SQL so a clerk never sees a task they
could not take. Which earlier steps exclude a user comes from the kernel's duty table
(cases/kernel/duties.py), by the step a node declares.

The factories at the end build the stage kernel's standard nodes, so every flow file wires the same
steps with the same permissions and names (the task screens and the flow resumption find nodes by
name).
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import nodes
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.if_gate import IfActivation

from cases.kernel import duties
from cases.kernel.access import user_acts_on
from cases.kernel.stages import Stage


def _case(task):
    return task.process.case


class DeskView(nodes.View):
    """A human step. `duty` names the kernel step whose separation of duties applies (照合, 決裁)."""

    def __init__(self, duty: str = "", **kwargs):
        super().__init__(view=None, **kwargs)
        self.duty = duty

    @property
    def excluded_roles(self) -> tuple[str, ...]:
        return duties.excluded_roles(self.duty)

    def user_may_work_on(self, user, task) -> bool:
        case = _case(task)
        if not user_acts_on(user, case):
            return False
        return duties.duty_allows(case, self.duty, user)

    def can_assign(self, user, task) -> bool:
        return super().can_assign(user, task) and self.user_may_work_on(user, task)

    def can_execute(self, user, task) -> bool:
        # viewflow's own check compares task.owner with the user, which loads the owner row for
        # nothing: the ids say the same (issue 15, a query per step of every case).
        owner = task.owner_id is not None and user is not None and task.owner_id == user.pk
        return owner and self.user_may_work_on(user, task)


def stage_is(stage):
    """An If gate's condition. Gates route on the stage the cases service just set: one source of
    truth for where a case is (docs/decisions.md §2)."""
    return lambda activation: activation.process.case.stage == stage


class _StageGateActivation(IfActivation):
    @Activation.status.super()
    def activate(self):
        # viewflow's If wraps its condition in a savepoint so that a failing condition can still
        # record its error on the task; reading the case's stage writes nothing and cannot half
        # fail, and the savepoint was two statements at every gate of every case (issue 15).
        with self.exception_guard():
            self._condition_result = self.flow_task._condition(self)


class StageGate(nodes.If):
    """An If that routes on the stage the step's service set (stage_gate)."""

    activation_class = _StageGateActivation


def stage_gate(stage) -> StageGate:
    """The gate after a step: Then when the service moved the case to `stage`, else Else."""
    gate = StageGate(stage_is(stage))
    gate.stage = stage  # what it routes on, for the registry's wiring checks (workflows/casetypes.py)
    return gate


class CaseFlowMixin:
    """What every case flow shares: the process is started from a Case the service has created."""

    def start_case(self, activation, case):
        activation.process.save()
        case.process = activation.process
        case.save(update_fields=["process"])
        return activation.process


# --- the kernel's standard steps ---------------------------------------------------------------


def start():
    return nodes.StartHandle(this.start_case)


def verify_identity(*, assign=None):
    """本人確認 (cases.kernel.steps.stage_identity_record)."""
    node = DeskView().Annotation(title=_("本人確認")).Permission("cases.verify_identity")
    return node.Assign(assign) if assign is not None else node


def await_documents():
    """書類不備: the papers came (resume) or the case was withdrawn."""
    return DeskView().Annotation(title=_("書類不備 (提出待ち)")).Permission("cases.verify_identity")


def enter_data(*, assign=None):
    """入力 (cases.kernel.steps.stage_input_done with the type's data)."""
    node = DeskView().Annotation(title=_("入力")).Permission("cases.enter_data")
    return node.Assign(assign) if assign is not None else node


def input_gate():
    """After a type's 入力 when it can ask for its own papers there (an `input_store` hook): on to
    照合, or 書類不備 until they come (cases.kernel.steps.stage_input_papers_request)."""
    return (
        nodes.Switch()
        .Case(this.cross_check, stage_is(Stage.CROSS_CHECK))
        .Case(this.await_documents, stage_is(Stage.AWAITING_DOCUMENTS))
        .Default(this.withdrawn)
    )


def cross_check():
    """照合, never by the inputter (cases.kernel.steps.stage_cross_check)."""
    return DeskView(duty=duties.CROSS_CHECK).Annotation(title=_("照合")).Permission("cases.cross_check")


def approve():
    """決裁, never by the inputter or the cross-checker (cases.kernel.steps.stage_approval)."""
    return DeskView(duty=duties.APPROVAL).Annotation(title=_("決裁")).Permission("cases.approve_case")


def await_dispatch():
    """送付待ち: completed when the weekly bundle with the case is sealed (workflows/resume.py)."""
    return nodes.Handle().Annotation(title=_("送付待ち"))


def await_result():
    """結果待ち: completed after 機構's result was imported (workflows/resume.py)."""
    return nodes.Handle().Annotation(title=_("結果待ち"))
