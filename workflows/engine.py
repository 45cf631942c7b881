"""Driving human tasks: claim, release, reassign and complete, always under the flow lock.

Views call these; each one re-reads the task under `select_for_update` and re-checks the user's right
to act, so two clerks racing for the same task get one success and one clear refusal.
"""

from collections.abc import Callable
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import OperationalError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.prepared import PreparedRead
from cases.kernel import texts as kernel_texts
from cases.kernel.access import case_act_check
from cases.kernel.models import CaseEvent
from cases.kernel.services import case_event_record
from cases.security.models.users import User
from workflows.handover import (
    handover_message,
    handover_note,
    handover_of,
    owner_changed_message,
    withdrawn_message,
)

# Every claim, release and completion re-reads its task with the process and the case under the lock:
# compiled once (cases/common/prepared.py; the compiling was 0.9 of its 1.0 ms of CPU).
TASK_WITH_CASE = PreparedRead(lambda: Task.objects.select_related("process__case"))


class TaskUnavailable(PermissionDenied):
    """The task was taken, finished or moved on by someone else in the meantime."""


class TaskAlreadyYours(TaskUnavailable):
    """担当 pressed again by the task's owner (Back, a second tab): nothing to do, go to the task."""


class TaskAlreadyTheirs(TaskUnavailable):
    """付け替え to the task's owner: a no-op, turned down so it leaves no 「付け替え → 同じ人」 on the timeline."""


class TaskOwnerChanged(TaskUnavailable):
    """付け替え from a screen that showed another owner than the task has now: a colleague moved it in
    between, and their move stands until the 係長 has seen it."""


class TaskHandedOver(TaskUnavailable):
    """A step sent by someone who held the task until a colleague moved it (workflows/handover.py)."""


def _stored_title(task) -> str:
    # Stored in Japanese, its message id: the timeline words it in the screen's language when shown.
    with translation.override("ja"):
        return str(task.flow_task.task_title)


class FlowBusy(Exception):
    """The case's flow lock stayed held by a colleague's longer work (a bundle seal, a bulk resume)
    through all of viewflow's attempts (about 8 s). Nothing was done; the same request a moment later
    goes through. Neither a refusal nor a race lost: the screen keeps what was typed."""


# SQLSTATE lock_not_available: a row lock not granted at once (NOWAIT) or within lock_timeout.
LOCK_NOT_AVAILABLE = "55P03"


def _lock_not_available(exc: OperationalError) -> bool:
    return getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE


def busy_message() -> str:
    # Worded when raised, in the request's language.
    return _(
        "他の職員の処理 (送付の確定など) がこの案件で続いているため、今は記録できませんでした。"
        "何も変更していません。少し待ってからもう一度送信してください。"
    )


@contextmanager
def flow_locked(flow_class, process_id: int):
    """`flow_class.lock(process_id)`, with a lock that could not be had said as FlowBusy (it was a
    500 before): viewflow raises FlowLockFailed after its retries, and a row lock the work itself
    meets under a lock_timeout is the database's lock-not-available error. Either way the
    transaction is rolled back whole, so nothing of the step is written."""
    try:
        with flow_class.lock(process_id):
            yield
    except FlowLockFailed as exc:
        raise FlowBusy(busy_message()) from exc
    except OperationalError as exc:
        if not _lock_not_available(exc):
            raise
        raise FlowBusy(busy_message()) from exc


def _locked(task_id: int):
    """The flow lock of the task's process. It opens the transaction itself (select_for_update_lock
    runs in atomic()), so the blocks under it use atomic(savepoint=False): a nested atomic() would
    only add a SAVEPOINT and its RELEASE to every step for nothing (an error still rolls back all)."""
    node, process_id = Task.objects.values_list("flow_task", "process_id").get(pk=task_id)
    return flow_locked(node.flow_class, process_id)


def task_claim(*, task_id: int, user: User) -> Task:
    with _locked(task_id), transaction.atomic(savepoint=False):
        task = TASK_WITH_CASE.get(task_id)
        if task.status == STATUS.ASSIGNED and task.owner_id == user.pk:
            raise TaskAlreadyYours(_("既にあなたの担当です。"))
        if task.status != STATUS.NEW or task.owner_id:
            raise TaskUnavailable(_("この作業は他の職員が先に担当しました。"))
        if not task.flow_task.can_assign(user, task):
            raise PermissionDenied(_("この作業を担当する権限がありません。"))
        task.flow_task.activation_class(task).assign(user)
        case_event_record(
            case=task.process.case,
            actor=user,
            action=CaseEvent.Action.CLAIMED,
            text=kernel_texts.TASK(task=_stored_title(task)),
        )
        return task


def task_release(*, task_id: int, user: User) -> Task:
    with _locked(task_id), transaction.atomic(savepoint=False):
        task = TASK_WITH_CASE.get(task_id)
        if task.status != STATUS.ASSIGNED:
            raise TaskUnavailable(_("この作業は担当中ではありません。"))
        if task.owner_id != user.pk and not user.has_perm("cases.reassign_task"):
            raise PermissionDenied(_("他の職員の担当は解除できません。"))
        case_act_check(user=user, case=task.process.case)
        handover_note(task, by=user, to=None)  # saved with the owner by unassign()
        task.flow_task.activation_class(task).unassign()
        case_event_record(
            case=task.process.case,
            actor=user,
            action=CaseEvent.Action.RELEASED,
            text=kernel_texts.TASK(task=_stored_title(task)),
        )
        return task


def task_may_take(task: Task, user: User) -> bool:
    """Whether `user` could take `task` were it free (permission, office, separation of duties): what
    付け替え offers and allows. viewflow's can_assign refuses any task that has an owner."""
    owner, task.owner = task.owner, None
    try:
        return task.flow_task.can_assign(user, task)
    finally:
        task.owner = owner


def task_reassign(
    *, task_id: int, user: User, to_user: User, reason: str, shown_owner_id: int | None
) -> Task:
    """Supervisor moves a task to someone who may do it (office and separation of duties still apply).
    `shown_owner_id` is the owner the 係長's screen showed (None: unowned): a task since moved by
    someone else is left as they left it (TaskOwnerChanged)."""
    if not user.has_perm("cases.reassign_task"):
        raise PermissionDenied(_("担当の付け替えは係長のみ行えます。"))
    with _locked(task_id), transaction.atomic(savepoint=False):
        task = TASK_WITH_CASE.get(task_id)
        if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
            raise TaskUnavailable(_("この作業は完了または取消済みです。"))
        case_act_check(user=user, case=task.process.case)
        if task.owner_id != shown_owner_id:
            raise TaskOwnerChanged(owner_changed_message(task))
        if task.owner_id == to_user.pk:
            raise TaskAlreadyTheirs(_("既に %(user)s さんの担当です。") % {"user": to_user})
        if not (task_may_take(task, to_user) and to_user.is_active):
            raise PermissionDenied(
                _("%(user)s さんはこの作業を担当できません (権限・所属・職務分離)。") % {"user": to_user}
            )
        handover_note(task, by=user, to=to_user)
        task.owner, task.status = to_user, STATUS.ASSIGNED
        task.save(update_fields=["owner", "status", "data"])
        case_event_record(
            case=task.process.case,
            actor=user,
            action=CaseEvent.Action.REASSIGNED,
            comment=reason.strip(),
            text=kernel_texts.TASK_REASSIGNED(task=_stored_title(task), to=str(to_user)),
        )
        return task


def task_complete(*, task_id: int, user: User, work: Callable[[object], object]) -> Task:
    """Runs `work(case)` (a cases service) and completes the task; the flow then routes on the
    stage the service set."""
    with _locked(task_id), transaction.atomic(savepoint=False):
        task = TASK_WITH_CASE.get(task_id)
        withdrawn = task.status == STATUS.CANCELED and withdrawn_message(task, task.process.case)
        if withdrawn:
            raise TaskUnavailable(withdrawn)
        if task.status in (STATUS.NEW, STATUS.ASSIGNED) and task.owner_id != user.pk:
            held = handover_of(task, user)
            if held is not None:  # moved by a colleague since this user's screen was opened
                raise TaskHandedOver(handover_message(task, user, held))
        if task.status != STATUS.ASSIGNED:
            raise TaskUnavailable(_("この作業は既に完了しているか、担当が解除されています。"))
        if not task.flow_task.can_execute(user, task):
            raise PermissionDenied(_("この作業を実行する権限がありません。"))
        activation = task.flow_task.activation_class(task)
        try:
            activation.start(None)
        except TransitionNotAllowed as exc:
            raise TaskUnavailable(_("この作業は実行できない状態です。")) from exc
        work(task.process.case)
        activation.execute()
        return task


def handle_run(*, process_id: int, node, **kwargs) -> bool:
    """Completes the waiting `Handle` of a process. Returns False when it was already done (safe to repeat)."""
    flow_class = node.flow_class
    with flow_class.lock(process_id), transaction.atomic(savepoint=False):
        task = Task.objects.filter(process_id=process_id, flow_task=node, status=STATUS.NEW).first()
        if task is None:
            return False
        activation = node.activation_class(task)
        activation.run(None, **kwargs)
        activation.execute()
        return True
