"""Bulk actions on a task list: 担当 (claim), 付け替え (reassign) and 作業票の印刷 (print).

Each runs in two steps: `bulk_preview` says for every ticked task what will happen or why it cannot
(four-eyes, office, permission, already taken: the checks of workflows/desk_bulk_checks.py), changing
nothing; `bulk_run` does it task by task through the same engine calls as the single buttons
(workflows/engine.py, each under its flow lock), so one refusal never stops the others and a task taken
in between is reported, not overwritten.
"""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from cases.kernel.models import Case
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.refusals import refusal_record
from workflows import engine
from workflows.desk_bulk_checks import (
    Denied,
    NotFound,
    Waiting,
    claim_check,
    reassign_candidates,
    reassign_check,
    visible_tasks,
)
from workflows.handover import owner_changed_message

CLAIM, REASSIGN, PRINT = "claim", "reassign", "print"


@dataclass
class BulkItem:
    task_id: int
    task: Task | None
    case: Case | None
    ok: bool
    message: str
    owner: User | None = None  # the task's owner: before the action in a preview, after it in a result

    @property
    def waiting(self) -> bool:
        return isinstance(self.message, Waiting)


def _plan(
    action: str, task: Task, user: User, to_user: User | None, offered: list[User] | None
) -> tuple[bool, str]:
    if action == CLAIM:
        refusal = claim_check(task, user)
        return (False, refusal) if refusal else (True, _("あなたが担当します。"))
    if action == REASSIGN:
        refusal = reassign_check(task, user, to_user, offered)
        if refusal:
            return False, refusal
        before = task.owner or _("未担当")
        return True, _("%(before)s → %(after)s") % {"before": before, "after": to_user}
    return True, _("作業票に載せます。")


def bulk_preview(*, action: str, user: User, ids: list[int], to_user: User | None = None) -> list[BulkItem]:
    """What `bulk_run` would do with each task, in the order ticked; nothing is changed. A 付け替え with no
    owner chosen yet refuses the tasks nobody in its owner list (`reassign_candidates`) could take."""
    tasks = visible_tasks(user, ids)
    offered = list(reassign_candidates(user, ids)) if action == REASSIGN and to_user is None else None
    items = []
    for task_id in ids:
        task = tasks.get(task_id)
        if task is None:
            items.append(
                BulkItem(
                    task_id,
                    None,
                    None,
                    False,
                    NotFound(_("作業が見つかりません (完了したか、見られない案件です)。")),
                )
            )
            continue
        ok, message = _plan(action, task, user, to_user, offered)
        items.append(BulkItem(task_id, task, task.process.case, ok, message, task.owner))
    return items


def _run_one(
    action: str,
    item: BulkItem,
    user: User,
    to_user: User | None,
    reason: str,
    shown_owner_id: int | None,
    request,
) -> BulkItem:
    try:
        if action == CLAIM:
            engine.task_claim(task_id=item.task_id, user=user)
            return BulkItem(item.task_id, item.task, item.case, True, _("担当しました。"))
        if action == REASSIGN:
            engine.task_reassign(
                task_id=item.task_id, user=user, to_user=to_user, reason=reason, shown_owner_id=shown_owner_id
            )
            return BulkItem(
                item.task_id,
                item.task,
                item.case,
                True,
                _("%(user)s さんの担当にしました。") % {"user": to_user},
            )
    except (PermissionDenied, engine.FlowBusy) as exc:  # TaskUnavailable too: taken or finished since
        return BulkItem(item.task_id, item.task, item.case, False, str(exc))  # the preview; or locked
    audit_record(
        action=AuditAction.PRINT,
        request=request,
        resident_id=item.case.resident_id,
        case_id=item.case.pk,
        target="worklist",
        purpose="作業票の印刷",
    )
    return BulkItem(item.task_id, item.task, item.case, True, _("作業票に載せました。"))


def bulk_run(
    *,
    action: str,
    user: User,
    ids: list[int],
    to_user: User | None = None,
    reason: str = "",
    shown_owners: dict[int, int | None] | None = None,
    request=None,
) -> list[BulkItem]:
    """Does each task that the preview allows, one by one; returns one result per task, with the
    owner it has afterwards. `shown_owners`: the owner of each task that the 係長's preview showed
    (None: no screen, the owners as read now); a task another 係長 moved since is left as they left it."""
    results = []
    for item in bulk_preview(action=action, user=user, ids=ids, to_user=to_user):
        read_now = item.task.owner_id if item.task else None
        shown = read_now if shown_owners is None else shown_owners.get(item.task_id)
        if action == REASSIGN and item.task is not None and read_now != shown:
            # A race with a colleague, said before the plan's refusals: 「既に…の担当です」 would hide it.
            item = BulkItem(item.task_id, item.task, item.case, False, owner_changed_message(item.task))
        results.append(_run_one(action, item, user, to_user, reason, shown, request) if item.ok else item)
    # Who holds each task now, the actions done (or refused because of a colleague's move): the table
    # showed the owners read before the action, so a task just claimed still said 未担当.
    owners = {task.pk: task.owner for task in Task.objects.filter(pk__in=ids).select_related("owner")}
    refusals_log(request, results)
    return [replace(item, owner=owners.get(item.task_id)) for item in results]


def refusals_log(request, items: list[BulkItem]) -> None:
    """One 拒否 entry naming the tasks refused for want of a right or not found (a preview logs its not-found
    ones: fetching such a task's page is a logged 404 too)."""
    denied = [item for item in items if isinstance(item.message, Denied)]
    if not denied or request is None:
        return
    reason = "not_found" if all(isinstance(item.message, NotFound) for item in denied) else "permission"
    tasks = " / ".join(f"{item.task_id}: {item.message}" for item in denied)
    refusal_record(request, reason=reason, message=_("一括操作で拒否した作業 %(tasks)s") % {"tasks": tasks})
