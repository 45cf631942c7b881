"""Completing the same waiting Handle of many processes at once, with the rows viewflow itself writes.

Completing one viewflow task through its activation costs about ten short queries (lock, reads, saves,
the next task, its `previous` link …): a weekly seal of 1,000 cases or a results file of 10,000 lines spends
its time in round trips. The paths after our Handles are short and fixed — another Handle (送付待ち →
結果待ち), or an If gate on the case's stage and an End (結果 → 完了) — so they are written here for the
whole batch in a handful of statements: the waiting tasks DONE, the next tasks created with their
`previous` links, gates and ends DONE, finished processes DONE. Any other path (a gate leading to a human
step, e.g. 返戻 → 入力 with its owner rules) is left to viewflow's own activation, case by case.

`tests/workflows/test_bulk_completion.py` runs both on the same kind of cases and compares every row.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow import nodes
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from cases.kernel.models import Case
from workflows.casetypes import flow_of
from workflows.engine import handle_run


@dataclass
class _Plan:
    """What follows the waiting node of one process."""

    process_id: int
    waiting_id: int
    token: object  # viewflow Token
    created: list[tuple] = field(default_factory=list)  # (node, status, started?, finished?)
    ends: bool = False


def _path(node, case) -> list | None:
    """The nodes created after `node` for this case, with the state each is left in; None when the path
    reaches a node this module does not write (viewflow then does it)."""
    following = node._next
    if isinstance(following, nodes.Handle):
        return [(following, STATUS.NEW, False, False)]
    if isinstance(following, nodes.If):
        try:
            # Our gates read the case's stage only (workflows.nodes.stage_is).
            result = following._condition(SimpleNamespace(process=SimpleNamespace(case=case)))
        except Exception:
            return None
        branch = following._on_true if result else following._on_false
        gate = (following, STATUS.DONE, False, True)
        if isinstance(branch, nodes.Handle):
            return [gate, (branch, STATUS.NEW, False, False)]
        if type(branch) is nodes.End:
            return [gate, (branch, STATUS.DONE, True, True)]
    return None


def _waiting_locked(process_ids: list[int], refs: list[str]) -> list[tuple]:
    """The tasks still waiting at one of the nodes, their processes locked in id order (what
    viewflow's select_for_update_lock takes for each), in one statement."""
    if connection.vendor != "postgresql":
        # The SQLite demo has no row locks: its transactions take the database's write lock when
        # they begin (config/settings/local.py), which serialises this as well.
        waiting = Task.objects.filter(
            process_id__in=process_ids, flow_task__in=refs, status=STATUS.NEW
        ).order_by("process_id")
        return [
            (task_id, process_id, token, get_task_ref(node))
            for task_id, process_id, token, node in waiting.values_list(
                "pk", "process_id", "token", "flow_task"
            )
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.id, t.process_id, t.token, t.flow_task FROM viewflow_task t "
            "JOIN viewflow_process p ON p.id = t.process_id "
            "WHERE t.process_id = ANY(%s) AND t.flow_task = ANY(%s) AND t.status = %s "
            "ORDER BY t.process_id FOR UPDATE OF p",
            [process_ids, refs, STATUS.NEW],
        )
        return [
            (task_id, process_id, Token(token), ref) for task_id, process_id, token, ref in cursor.fetchall()
        ]


def _plans(case_ids: list[int], node_name: str) -> tuple[list[_Plan], list[tuple[int, object]]]:
    cases = {
        case.process_id: case
        for case in Case.objects.filter(pk__in=case_ids, process__isnull=False).only(
            "pk", "process_id", "case_type", "stage"
        )
    }
    nodes_by_ref = {}
    for case in cases.values():
        node = getattr(flow_of(case.case_type), node_name)
        nodes_by_ref[get_task_ref(node)] = node
    plans, fallback = [], []
    for task_id, process_id, token, ref in _waiting_locked(list(cases), list(nodes_by_ref)):
        node = nodes_by_ref[ref]
        path = _path(node, cases[process_id])
        if path is None:
            fallback.append((process_id, node))
            continue
        plan = _Plan(process_id=process_id, waiting_id=task_id, token=token, created=path)
        plan.ends = any(step[0].task_type == "END" for step in path)
        plans.append(plan)
    return plans, fallback


def _write(plans: list[_Plan]) -> None:
    now = timezone.now()
    Task.objects.filter(pk__in=[plan.waiting_id for plan in plans]).update(
        status=STATUS.DONE, started=now, finished=now
    )
    new_tasks, links = [], []
    for plan in plans:
        previous = plan.waiting_id
        for node, status, started, finished in plan.created:
            task = Task(
                process_id=plan.process_id,
                flow_task=node,
                flow_task_type=node.task_type,
                status=status,
                created=now,
                started=now if started else None,
                finished=now if finished else None,
                token=plan.token,
                data={},
            )
            new_tasks.append((task, previous))
            previous = task  # the next one links to this one, once it has an id
    Task.objects.bulk_create([task for task, _previous in new_tasks])
    Link = Task.previous.through
    for task, previous in new_tasks:
        previous_id = previous if isinstance(previous, int) else previous.pk
        links.append(Link(from_task_id=task.pk, to_task_id=previous_id))
    Link.objects.bulk_create(links)
    ended = [plan.process_id for plan in plans if plan.ends]
    if ended:
        Process.objects.filter(pk__in=ended).update(status=PROCESS.DONE, finished=now)


def handles_complete(case_ids: list[int], node_name: str) -> int:
    """Completes the `node_name` Handle of every case still waiting there, in one transaction with the
    waiting processes locked in id order (as viewflow's select_for_update_lock locks each). Returns how
    many moved on; a case no longer waiting is skipped, so a repeat is harmless."""
    with transaction.atomic():
        plans, fallback = _plans(case_ids, node_name)
        if plans:
            _write(plans)
        done = len(plans)
        for process_id, node in fallback:
            done += handle_run(process_id=process_id, node=node)
    return done
