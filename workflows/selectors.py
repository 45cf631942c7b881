"""Inbox and office queue. Plain indexed SQL over viewflow's task table joined to our cases."""

from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import User
from cases.selectors.access import user_sees_all_offices
from workflows.flows import FLOWS
from workflows.nodes import DeskView

_ROW = ("process__case__resident", "process__case__office", "owner")


def _human_tasks() -> QuerySet[Task]:
    return Task.objects.filter(flow_task_type="HUMAN").select_related(*_ROW)


def _separation_of_duties(user: User) -> Q:
    """Tasks this user may not take because they did an earlier step of the same case."""
    blocked = Q(pk__in=[])
    for flow_class in FLOWS:
        for node in flow_class.instance.nodes():
            if isinstance(node, DeskView):
                for role in node.excluded_roles:
                    blocked |= Q(flow_task=node, **{f"process__case__{role}_id": user.pk})
    return blocked


def inbox_for(*, user: User) -> QuerySet[Task]:
    return _human_tasks().filter(owner=user, status=STATUS.ASSIGNED).order_by("created", "id")


def queue_for(*, user: User, office_id: int | None = None) -> QuerySet[Task]:
    permissions = sorted(user.get_all_permissions())
    tasks = _human_tasks().filter(status=STATUS.NEW, owner__isnull=True, owner_permission__in=permissions)
    if not user_sees_all_offices(user):
        tasks = tasks.filter(process__case__office_id=user.office_id)
    elif office_id:
        tasks = tasks.filter(process__case__office_id=office_id)
    return tasks.exclude(_separation_of_duties(user)).order_by("created", "id")


def open_tasks_of_case(*, process_id: int) -> QuerySet[Task]:
    return (
        Task.objects.filter(
            process_id=process_id, flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
        )
        .select_related("owner")
        .order_by("id")
    )
