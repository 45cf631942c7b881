"""What the inbox and the queue show for each task of a page (`task_rows`, drawn by _task_table.html):
age, deadline, a return with its reason, in two queries however long the page.

The rows are read as plain values into small records rather than as model instances: a 50-row page
otherwise builds 300 of them (task, process, case, resident, office, owner), a fifth of the list's time
(issue 15: p95 ≤ 50 ms at 50,000 open tasks). The records carry the attribute names the template and
`case_deadline` read on the models.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cases.common.calendar import business_days_between
from cases.common.date_display import date_show, moments_shown
from cases.common.shaped import ShapedQuery, rows_of
from cases.kernel.casetypes import casetype_label
from cases.kernel.deadlines import case_deadline
from cases.kernel.models import CaseEvent, Stage

# What puts a case back to an earlier stage: the row's task is then a return, with this reason.
RETURN_ACTIONS = (CaseEvent.Action.SENT_BACK, CaseEvent.Action.REJECTED, CaseEvent.Action.RETURNED)


# What a row reads of the entry (its action and its sentence); not who made it, nor the case.
ENTRY_FIELDS = (
    "id",
    "case_id",
    "at",
    "action",
    "from_stage",
    "to_stage",
    "text_code",
    "text_params",
    "comment",
)


def _latest_moves(count: int, **ids) -> QuerySet:
    """The latest timeline row with a stage of each of `count` cases (ids `c0`, `c1` …): PostgreSQL's
    DISTINCT ON over the (case, at) index."""
    wanted = [ids[f"c{i}"] for i in range(count)]
    moves = CaseEvent.objects.exclude(to_stage="").filter(case_id__in=wanted)
    return moves.order_by("case_id", "-at", "-id").distinct("case_id").values_list(*ENTRY_FIELDS)


_LATEST_MOVES = ShapedQuery(_latest_moves)  # compiled once per number of cases on a page


def page_entries(case_ids: list[int]) -> dict[int, CaseEvent]:
    """`case_entries` for a list's page, in one query compiled once per page length; the entries carry
    ENTRY_FIELDS only (a row shows the action and its reason). DISTINCT ON is PostgreSQL's: the demo's
    SQLite reads them as `case_entries` does."""
    if not case_ids:
        return {}
    if not connection.features.can_distinct_on_fields:
        return case_entries(case_ids)
    statement = _LATEST_MOVES.statement(len(case_ids), **{f"c{i}": pk for i, pk in enumerate(case_ids)})
    return {row[1]: CaseEvent(**dict(zip(ENTRY_FIELDS, row, strict=True))) for row in rows_of(statement)}


def case_entries(case_ids: list[int]) -> dict[int, CaseEvent]:
    """The timeline row that brought each case into its present stage (one query): a 差戻し or a
    返戻 says the open task is a return, and why."""
    if not case_ids:
        return {}
    moves = CaseEvent.objects.exclude(to_stage="")
    latest = moves.filter(case_id=OuterRef("case_id")).order_by("-at", "-id").values("pk")[:1]
    rows = moves.filter(case_id__in=case_ids, pk=Subquery(latest)).select_related("actor")
    return {event.case_id: event for event in rows}


@dataclass(frozen=True, slots=True)
class ListResident:
    kanji_name: str
    kana_name: str
    use_suspended_on: dt.date | None


@dataclass(frozen=True, slots=True)
class ListOffice:
    name: str


@dataclass(frozen=True, slots=True)
class ListCase:
    pk: int
    number: str
    case_type: str
    stage: str
    received_on: dt.date
    documents_due_on: dt.date | None
    send_due_on: dt.date | None
    decision_due_on: dt.date | None
    resident: ListResident
    office: ListOffice


@dataclass(frozen=True, slots=True)
class ListTask:
    pk: int
    node: object  # the flow node (its task_title names the step)
    created: dt.datetime
    owner_id: int | None
    owner: str | None  # who holds it, as the user's name reads (User.__str__)


# The columns a row shows, in the order _record reads them. The records hold nothing else, so a row can
# never cost a query of its own; a column the template reads and they lack would render empty (the desk
# list tests check what each row shows).
COLUMNS = (
    "id", "flow_task", "created", "owner_id", "owner__username", "owner__display_name",
    "process__case__id", "process__case__number", "process__case__case_type", "process__case__stage",
    "process__case__received_on", "process__case__documents_due_on", "process__case__send_due_on",
    "process__case__decision_due_on",
    "process__case__resident__kanji_name", "process__case__resident__kana_name",
    "process__case__resident__use_suspended_on", "process__case__office__name",
)  # fmt: skip


def _record(values: tuple) -> tuple[ListTask, ListCase]:
    (pk, node, created, owner_id, username, display_name, case_id, number, case_type, stage, received_on,
     documents_due_on, send_due_on, decision_due_on, kanji_name, kana_name, suspended_on,
     office) = values  # fmt: skip
    owner = (display_name or username) if owner_id else None
    resident = ListResident(kanji_name, kana_name, suspended_on)
    case = ListCase(case_id, number, case_type, stage, received_on, documents_due_on, send_due_on,
                    decision_due_on, resident, ListOffice(office))  # fmt: skip
    return ListTask(pk, node, created, owner_id, owner), case


@dataclass(frozen=True)
class TaskRow:
    task: ListTask
    case: ListCase
    age: int  # business days since the case was received
    deadline: dt.date | None
    deadline_kind: str  # "documents" (書類の提出期限), "decision" (決定期限) or "sending" (送付期限)
    overdue: bool
    returned: CaseEvent | None  # the 差戻し / 返戻 that made this task, with its reason
    # What the row shows, worded once per page rather than per cell.
    title: str = ""
    stage: str = ""  # the case's stage when it is not the task's own name
    type_label: str = ""
    received: str = ""
    deadline_shown: str = ""
    created: str = ""
    returned_said: str = ""  # the return's system sentence, cut short
    returned_typed: str = (
        ""  # the reason a person typed, cut short: shown apart (it may read like the system's)
    )
    case_url: str = ""
    task_url: str = ""  # the task's own address; the list adds claim/, release/, reassign/
    age_text: str = ""
    select_label: str = ""


class _PerPage(dict):
    """``function(key)``, worked out once per key for a page (rows share dates, stages, labels)."""

    def __init__(self, function) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key):
        value = self[key] = self.function(key)
        return value


def _deadline_kind(case: ListCase, deadline) -> str:
    """Which clock `case_deadline` read: the papers', the request's 決定期限, or the 送付期限."""
    if deadline and case.stage == Stage.AWAITING_DOCUMENTS and case.documents_due_on:
        return "documents"
    if deadline and deadline == case.decision_due_on:
        return "decision"
    return "sending"


def task_rows(tasks) -> list[TaskRow]:
    """What a list shows for each task of a page: a queryset of tasks sliced to the page, or the page's
    rows of COLUMNS (workflows/task_lists.py)."""
    rows = tasks if isinstance(tasks, list) else tasks.values_list(*COLUMNS)
    records = [_record(values) for values in rows]
    today = timezone.localdate()
    entries = page_entries([case.pk for _task, case in records])
    labels = _PerPage(str)
    # One reverse() per page: the row's addresses differ only by their id.
    case_url = reverse("case_detail", args=[0]).removesuffix("0/")
    task_url = reverse("task_work", args=[0]).removesuffix("0/")
    days, select = _("%(days)s日"), _("%(number)s を選択")
    dates, ages = _PerPage(date_show), _PerPage(lambda received: business_days_between(received, today))
    moment = moments_shown()
    stages = {value: str(label) for value, label in Stage.choices}
    rows = []
    for task, case in records:
        deadline = case_deadline(case)
        entry = entries.get(case.pk)
        returned = entry if entry is not None and entry.action in RETURN_ACTIONS else None
        age = ages[case.received_on]
        title = labels[task.node.task_title]
        stage = stages.get(case.stage, case.stage)
        rows.append(
            TaskRow(
                task=task,
                case=case,
                age=age,
                deadline=deadline,
                deadline_kind=_deadline_kind(case, deadline),
                overdue=bool(deadline and deadline < today),
                returned=returned,
                title=title,
                stage="" if stage in title else stage,  # 「書類不備 (提出待ち)」 says 書類不備
                type_label=labels[casetype_label(case.case_type)],
                received=dates[case.received_on],
                deadline_shown=dates[deadline] if deadline else "",
                created=moment(task.created),
                returned_said=Truncator(returned.said).chars(60) if returned else "",
                returned_typed=Truncator(returned.comment).chars(60) if returned else "",
                case_url=f"{case_url}{case.pk}/",
                task_url=f"{task_url}{task.pk}/",
                age_text=days % {"days": age},
                select_label=select % {"number": case.number},
            )
        )
    return rows
