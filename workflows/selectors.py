"""Inbox and office queue. Plain indexed SQL over viewflow's task table joined to our cases, and the
filters and sort orders a list offers (`TaskFilter`); what each row shows is list_rows.py."""

from dataclasses import dataclass
from functools import cache

from django.db.models import Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel.deadlines import deadline_expression, overdue_q
from cases.kernel.models import Case
from cases.security.models.users import User
from cases.security.scope import acting_office_ids
from workflows.casetypes import flows
from workflows.nodes import DeskView


def _human_tasks() -> QuerySet[Task]:
    # No select_related: a page reads its rows as values (list_rows.py) and its count as ids.
    return Task.objects.filter(flow_task_type="HUMAN")


def _processes_of_cases(*conditions: Q, **filters) -> QuerySet[Case]:
    # Filtering on the process ids of matching cases, rather than joining task → process → case, lets
    # the queue count read only the open-task index and one small hashed list. Cases whose flow has not
    # started have no process: a NULL in a NOT IN list would hide every task.
    return Case.objects.filter(*conditions, process__isnull=False, **filters).values("process_id")


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


def _separation_of_duties(user_id: int) -> Q:
    """Tasks this user may not take because they did an earlier step of the same case (the kernel's
    duty table, read through each node's declared step). One condition per role, not per node: the
    queue's count tests it on every open task."""
    blocked = Q(pk__in=[])
    for role, nodes in _nodes_by_excluded_role(tuple(flows())).items():
        blocked |= Q(flow_task__in=nodes, process_id__in=_processes_of_cases(**{f"{role}_id": user_id}))
    return blocked


@cache
def _nodes_by_excluded_role(flow_classes: tuple) -> dict[str, list]:
    found: dict[str, list] = {}
    for flow_class in flow_classes:
        for node in flow_class.instance.nodes():
            if isinstance(node, DeskView):
                for role in node.excluded_roles:
                    found.setdefault(role, []).append(node)
    return found


# sort key → ordering of the task list (the default first); "deadline" sorts on the case's deadline.
SORTS = {
    "created": ("created", "id"),
    "-created": ("-created", "-id"),
    "received": ("process__case__received_on", "id"),
    "-received": ("-process__case__received_on", "-id"),
    "number": ("process__case__number", "id"),
    "-number": ("-process__case__number", "-id"),
    "deadline": ("deadline", "created", "id"),
    "-deadline": ("-deadline", "created", "id"),
}


@dataclass(frozen=True)
class TaskFilter:
    """What a list is narrowed to and how it is sorted (the inbox's and the queue's filter form)."""

    case_type: str = ""
    stage: str = ""
    office_id: int | None = None
    overdue: bool = False
    sort: str = "created"
    # A 係長's view of the queue for reassigning: every open task in scope, whoever holds it.
    everyone: bool = False


def tasks_sorted(tasks: QuerySet[Task], sort: str) -> QuerySet[Task]:
    order = SORTS.get(sort, SORTS["created"])
    if "deadline" in order[0]:
        deadline = deadline_expression("process__case__")
        tasks = tasks.annotate(deadline=deadline)
        first = deadline.desc(nulls_last=True) if order[0].startswith("-") else deadline.asc(nulls_last=True)
        return tasks.order_by(first, *order[1:])
    return tasks.order_by(*order)


@dataclass(frozen=True)
class ListShape:
    """What a list's SQL text depends on (cases/common/shaped.py); the values that only fill its
    parameters (the user, the office, a filter's value, today) travel beside it (`list_shape_of`)."""

    mode: str  # "inbox", "queue" or "everyone" (a 係長's queue for reassigning)
    permissions: tuple[str, ...] = ()  # the queue's owner_permission IN list
    nothing: bool = False  # a queue of no office: empty
    scoped: bool = False  # narrowed to one office
    case_type: bool = False
    stage: bool = False
    overdue: bool = False
    sort: str = "created"


def list_shape_of(
    user: User, filters: TaskFilter, office_id: int | None, *, mode: str
) -> tuple[ListShape, dict]:
    """The shape and values of a user's inbox or queue (everything the lists read of the user)."""
    values: dict = {"user_id": user.pk} if mode == "inbox" else {}
    shape = {"mode": mode, "sort": filters.sort if filters.sort in SORTS else "created"}
    for name in ("case_type", "stage"):
        if getattr(filters, name):
            shape[name], values[name] = True, getattr(filters, name)
    if filters.overdue:
        shape["overdue"], values["today"] = True, timezone.localdate()
    if mode != "inbox":
        if filters.everyone and user.has_perm("cases.reassign_task"):
            shape["mode"] = "everyone"
        else:
            permissions = user.get_all_permissions()
            # Only the permissions tasks carry: each one more in the IN list is tested on every open task.
            wanted = permissions if _task_permissions() is None else permissions & _task_permissions()
            shape["permissions"], values["user_id"] = tuple(sorted(wanted)), user.pk
        office_id = office_id or filters.office_id
        offices = acting_office_ids(user)
        if offices is not None and office_id not in offices:
            # A queue holds work to do: a clerk's or a branch 係長's is their office's, whatever was
            # asked (seeing every office's backlog is the dashboard's and the case search's).
            office_id = user.office_id
            shape["nothing"] = office_id is None
        if office_id:
            shape["scoped"], values["office_id"] = True, office_id
    return ListShape(**shape), values


def tasks_of_shape(shape: ListShape, *, user_id=None, office_id=None, case_type=None, stage=None, today=None):
    """The list's tasks as a queryset, from its shape and values alone (so it can be compiled once)."""
    conditions = [
        *([Q(case_type=case_type)] if shape.case_type else []),
        *([Q(stage=stage)] if shape.stage else []),
        *([overdue_q(today)] if shape.overdue else []),
    ]
    if shape.mode == "inbox":
        tasks = _human_tasks().filter(owner_id=user_id, status=STATUS.ASSIGNED)
    elif shape.mode == "everyone":
        # Reassigning needs to see the work, not to be able to do it: no permission or duty filter.
        tasks = _human_tasks().filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
    else:
        tasks = _human_tasks().filter(
            status=STATUS.NEW, owner__isnull=True, owner_permission__in=shape.permissions
        )
    if shape.nothing:
        return tasks.none()
    if shape.scoped or conditions:
        scope = {"office_id": office_id} if shape.scoped else {}
        tasks = tasks.filter(process_id__in=_processes_of_cases(*conditions, **scope))
    if shape.mode == "queue":
        tasks = tasks.exclude(_separation_of_duties(user_id))
    return tasks_sorted(tasks, shape.sort)


def inbox_for(*, user: User, filters: TaskFilter = TaskFilter()) -> QuerySet[Task]:
    shape, values = list_shape_of(user, filters, None, mode="inbox")
    return tasks_of_shape(shape, **values)


def queue_for(
    *, user: User, office_id: int | None = None, filters: TaskFilter = TaskFilter()
) -> QuerySet[Task]:
    shape, values = list_shape_of(user, filters, office_id, mode="queue")
    return tasks_of_shape(shape, **values)


def open_tasks_of_case(*, process_id: int) -> QuerySet[Task]:
    return (
        Task.objects.filter(
            process_id=process_id, flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
        )
        .select_related("owner")
        .order_by("id")
    )


def next_task_for(*, user: User, process_id: int) -> Task | None:
    """This user's open task on the same case, if the flow gave them one (e.g. 入力 after 本人確認)."""
    return (
        Task.objects.filter(process_id=process_id, flow_task_type="HUMAN", status=STATUS.ASSIGNED, owner=user)
        .order_by("id")
        .first()
    )
