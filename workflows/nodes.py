"""Human task nodes with the desk's rules: office scoping and separation of duties.

These override the engine's `can_assign`/`can_execute`, which is where viewflow asks "may this user
take this task"; the queue selector applies the same rules in SQL so a clerk never sees a task they
could not take.
"""

from viewflow.workflow import nodes

from cases.kernel.access import user_sees_all_offices


def _case(task):
    return task.process.case


class DeskView(nodes.View):
    """A human step. `excluded_roles` names Case fields whose user may not do this step."""

    excluded_roles: tuple[str, ...] = ()

    def __init__(self, **kwargs):
        super().__init__(view=None, **kwargs)

    def user_may_work_on(self, user, task) -> bool:
        case = _case(task)
        if case.office_id != user.office_id and not user_sees_all_offices(user):
            return False
        return all(getattr(case, f"{role}_id") != user.pk for role in self.excluded_roles)

    def can_assign(self, user, task) -> bool:
        return super().can_assign(user, task) and self.user_may_work_on(user, task)

    def can_execute(self, user, task) -> bool:
        return super().can_execute(user, task) and self.user_may_work_on(user, task)


class FourEyesView(DeskView):
    """照合: never by the person who did the input."""

    excluded_roles = ("inputter",)


class ApprovalView(DeskView):
    """決裁: never by the inputter or the cross-checker."""

    excluded_roles = ("inputter", "cross_checker")


def stage_is(stage):
    """An If gate's condition. Gates route on the stage the cases service just set: one source of
    truth for where a case is (docs/decisions.md §2)."""
    return lambda activation: activation.process.case.stage == stage


class CaseFlowMixin:
    """What every case flow shares: the process is started from a Case the service has created."""

    def start_case(self, activation, case):
        activation.process.save()
        case.process = activation.process
        case.save(update_fields=["process"])
        return activation.process
