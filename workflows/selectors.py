"""Inbox and office queue. Plain indexed SQL over viewflow's task table joined to our cases; the
filters and sort orders a list offers (`TaskFilter`) and what each row shows besides the task
(`task_rows`: age, deadline, a return with its reason) in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.calendar import business_days_between
from cases.common.date_display import date_show
from cases.kernel.casetypes import casetype_label
from cases.kernel.deadlines import case_deadline, deadline_expression, overdue_q
from cases.kernel.models import Case, CaseEvent, Stage
from cases.security.models.users import User
from cases.security.scope import acting_office_ids
from workflows.casetypes import flows
from workflows.nodes import DeskView

_ROW = ("process__case__resident", "process__case__office", "owner")


def _human_tasks() -> QuerySet[Task]:
    return Task.objects.filter(flow_task_type="HUMAN").select_related(*_ROW)


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


def _separation_of_duties(user: User) -> Q:
    """Tasks this user may not take because they did an earlier step of the same case (the kernel's
    duty table, read through each node's declared step). One condition per role, not per node: the
    queue's count tests it on every open task."""
    blocked = Q(pk__in=[])
    for role, nodes in _nodes_by_excluded_role(tuple(flows())).items():
        blocked |= Q(flow_task__in=nodes, process_id__in=_processes_of_cases(**{f"{role}_id": user.pk}))
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

    def case_conditions(self, today: dt.date) -> list[Q]:
        """The conditions on the case, besides its office (which the queue scopes separately)."""
        found = []
        if self.case_type:
            found.append(Q(case_type=self.case_type))
        if self.stage:
            found.append(Q(stage=self.stage))
        if self.overdue:
            found.append(overdue_q(today))
        return found


def _sorted(tasks: QuerySet[Task], sort: str) -> QuerySet[Task]:
    order = SORTS.get(sort, SORTS["created"])
    if "deadline" in order[0]:
        deadline = deadline_expression("process__case__")
        tasks = tasks.annotate(deadline=deadline)
        first = deadline.desc(nulls_last=True) if order[0].startswith("-") else deadline.asc(nulls_last=True)
        return tasks.order_by(first, *order[1:])
    return tasks.order_by(*order)


def inbox_for(*, user: User, filters: TaskFilter = TaskFilter()) -> QuerySet[Task]:
    tasks = _human_tasks().filter(owner=user, status=STATUS.ASSIGNED)
    conditions = filters.case_conditions(timezone.localdate())
    if conditions:
        tasks = tasks.filter(process_id__in=_processes_of_cases(*conditions))
    return _sorted(tasks, filters.sort)


def queue_for(
    *, user: User, office_id: int | None = None, filters: TaskFilter = TaskFilter()
) -> QuerySet[Task]:
    if filters.everyone and user.has_perm("cases.reassign_task"):
        # Reassigning needs to see the work, not to be able to do it: no permission or duty filter.
        tasks = _human_tasks().filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        return _sorted(_office_scoped(tasks, user, filters, office_id), filters.sort)
    permissions = user.get_all_permissions()
    # Only the permissions tasks carry: each one more in the IN list is tested on every open task.
    permissions = sorted(permissions if _task_permissions() is None else permissions & _task_permissions())
    tasks = _human_tasks().filter(status=STATUS.NEW, owner__isnull=True, owner_permission__in=permissions)
    tasks = _office_scoped(tasks, user, filters, office_id)
    return _sorted(tasks.exclude(_separation_of_duties(user)), filters.sort)


def _office_scoped(
    tasks: QuerySet[Task], user: User, filters: TaskFilter, office_id: int | None
) -> QuerySet[Task]:
    conditions = filters.case_conditions(timezone.localdate())
    office_id = office_id or filters.office_id
    offices = acting_office_ids(user)
    if offices is not None and office_id not in offices:
        # A queue holds work to do: a clerk's or a branch 係長's is their office's, whatever was
        # asked (seeing every office's backlog is the dashboard's and the case search's).
        if user.office_id is None:
            return tasks.none()
        office_id = user.office_id
    if office_id or conditions:
        scope = {"office_id": office_id} if office_id else {}
        tasks = tasks.filter(process_id__in=_processes_of_cases(*conditions, **scope))
    return tasks


# What puts a case back to an earlier stage: the row's task is then a return, with this reason.
RETURN_ACTIONS = (CaseEvent.Action.SENT_BACK, CaseEvent.Action.REJECTED, CaseEvent.Action.RETURNED)


def case_entries(case_ids: list[int]) -> dict[int, CaseEvent]:
    """The timeline row that brought each case into its present stage (one query): a 差戻し or a
    返戻 says the open task is a return, and why."""
    if not case_ids:
        return {}
    moves = CaseEvent.objects.exclude(to_stage="")
    latest = moves.filter(case_id=OuterRef("case_id")).order_by("-at", "-id").values("pk")[:1]
    rows = moves.filter(case_id__in=case_ids, pk=Subquery(latest)).select_related("actor")
    return {event.case_id: event for event in rows}


@dataclass(frozen=True)
class TaskRow:
    task: Task
    case: Case
    age: int  # business days since the case was received
    deadline: dt.date | None
    deadline_kind: str  # "documents" (書類の提出期限) or "sending" (送付期限)
    overdue: bool
    returned: CaseEvent | None  # the 差戻し / 返戻 that made this task, with its reason
    # What the row shows, worded once per page rather than per cell (the lists are the desk's most
    # requested pages: issue 15's p95 ≤ 50 ms at 50,000 open tasks).
    title: str = ""
    stage: str = ""  # the case's stage when it is not the task's own name
    type_label: str = ""
    received: str = ""
    deadline_shown: str = ""
    created: str = ""
    returned_text: str = ""
    case_url: str = ""
    task_url: str = ""  # the task's own address; the list adds claim/, release/, reassign/
    age_text: str = ""
    select_label: str = ""


class _PerPage(dict):
    """``function(key)``, worked out once per key for a page."""

    def __init__(self, function) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key):
        value = self[key] = self.function(key)
        return value


class _Labels(dict):
    """Label → its words in the active language, looked up once per page."""

    def __missing__(self, key):
        value = self[key] = str(key)
        return value


# The columns a list row shows (task_rows, _task_table.html): a page reads these, not the whole of five
# tables' rows. A field used by the row and not listed here costs one query per row — the query-count
# tests and bench/bench_desk.py catch that.
LIST_COLUMNS = (
    "id", "flow_task", "flow_task_type", "status", "created", "owner_permission", "process_id",
    "owner__id", "owner__username", "owner__display_name",
    "process__id", "process__flow_class", "process__status",
    "process__case__id", "process__case__number", "process__case__case_type", "process__case__stage",
    "process__case__received_on", "process__case__documents_due_on", "process__case__send_due_on",
    "process__case__process_id",
    "process__case__resident__id", "process__case__resident__kanji_name",
    "process__case__resident__kana_name", "process__case__resident__use_suspended_on",
    "process__case__office__id", "process__case__office__name",
)  # fmt: skip


def task_rows(tasks) -> list[TaskRow]:
    """What a list shows for each task of a page: one more query however long the page."""
    tasks = list(tasks.only(*LIST_COLUMNS))
    today = timezone.localdate()
    entries = case_entries([task.process.case.pk for task in tasks])
    labels = _Labels()
    # One reverse() per page: the row's addresses differ only by their id.
    case_url = reverse("case_detail", args=[0]).removesuffix("0/")
    task_url = reverse("task_work", args=[0]).removesuffix("0/")
    days, select = _("%(days)s日"), _("%(number)s を選択")
    # Rows of a page share their dates and stages: each is worded once per page.
    dates, ages = _PerPage(date_show), _PerPage(lambda received: business_days_between(received, today))
    stages = {value: str(label) for value, label in Stage.choices}
    rows = []
    for task in tasks:
        case = task.process.case
        deadline = case_deadline(case)
        entry = entries.get(case.pk)
        returned = entry if entry is not None and entry.action in RETURN_ACTIONS else None
        age = ages[case.received_on]
        title = labels[task.flow_task.task_title]
        stage = stages.get(case.stage, case.stage)
        rows.append(
            TaskRow(
                task=task,
                case=case,
                age=age,
                deadline=deadline,
                deadline_kind="documents"
                if deadline and case.stage == Stage.AWAITING_DOCUMENTS
                else "sending",
                overdue=bool(deadline and deadline < today),
                returned=returned,
                title=title,
                stage="" if stage == title else stage,
                type_label=labels[casetype_label(case.case_type)],
                received=dates[case.received_on],
                deadline_shown=dates[deadline] if deadline else "",
                created=date_show(task.created),
                returned_text=Truncator(returned.text).chars(60) if returned else "",
                case_url=f"{case_url}{case.pk}/",
                task_url=f"{task_url}{task.pk}/",
                age_text=days % {"days": age},
                select_label=select % {"number": case.number},
            )
        )
    return rows


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
