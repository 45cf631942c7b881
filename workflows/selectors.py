"""Inbox and office queue. Plain indexed SQL over viewflow's task table joined to our cases."""

from functools import cache

from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel.access import user_sees_all_offices
from cases.kernel.models import Case
from cases.security.models.users import User
from workflows.casetypes import flows
from workflows.nodes import DeskView

_ROW = ("process__case__resident", "process__case__office", "owner")


def _human_tasks() -> QuerySet[Task]:
    return Task.objects.filter(flow_task_type="HUMAN").select_related(*_ROW)


def _processes_of_cases(**filters) -> QuerySet[Case]:
    # Filtering on the process ids of matching cases, rather than joining task → process → case, lets
    # the queue count read only the open-task index and one small hashed list. Cases whose flow has not
    # started have no process: a NULL in a NOT IN list would hide every task.
    return Case.objects.filter(process__isnull=False, **filters).values("process_id")


def _task_permissions() -> frozenset[str] | None:
    return _permissions_of(tuple(flows()))


@cache
def _permissions_of(flow_classes: tuple) -> frozenset[str] | None:
    """The permissions human tasks can require; None (use all of the user's) when a node has none
    fixed, e.g. one decided per task."""
    found = set()
    for flow_class in flow_classes:
        for node in flow_class.instance.nodes():
            if isinstance(node, DeskView):
                permission = getattr(node, "_owner_permission", None)  # set by viewflow's .Permission()
                if not isinstance(permission, str):
                    return None
                found.add(permission)
    return frozenset(found)


def _separation_of_duties(user: User) -> Q:
    """Tasks this user may not take because they did an earlier step of the same case (the kernel's
    duty table, read through each node's declared step)."""
    blocked = Q(pk__in=[])
    for flow_class in flows():
        for node in flow_class.instance.nodes():
            if isinstance(node, DeskView):
                for role in node.excluded_roles:
                    blocked |= Q(
                        flow_task=node, process_id__in=_processes_of_cases(**{f"{role}_id": user.pk})
                    )
    return blocked


def inbox_for(*, user: User) -> QuerySet[Task]:
    return _human_tasks().filter(owner=user, status=STATUS.ASSIGNED).order_by("created", "id")


def queue_for(*, user: User, office_id: int | None = None) -> QuerySet[Task]:
    permissions = user.get_all_permissions()
    # Only the permissions tasks carry: each one more in the IN list is tested on every open task.
    permissions = sorted(permissions if _task_permissions() is None else permissions & _task_permissions())
    tasks = _human_tasks().filter(status=STATUS.NEW, owner__isnull=True, owner_permission__in=permissions)
    if not user_sees_all_offices(user):
        tasks = tasks.filter(process_id__in=_processes_of_cases(office_id=user.office_id))
    elif office_id:
        tasks = tasks.filter(process_id__in=_processes_of_cases(office_id=office_id))
    return tasks.exclude(_separation_of_duties(user)).order_by("created", "id")


def open_tasks_of_case(*, process_id: int) -> QuerySet[Task]:
    return (
        Task.objects.filter(
            process_id=process_id, flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
        )
        .select_related("owner")
        .order_by("id")
    )
