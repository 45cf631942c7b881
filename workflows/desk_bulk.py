"""Bulk actions on a task list: 担当 (claim), 付け替え (reassign) and 作業票の印刷 (print).

Each runs in two steps: `bulk_preview` says for every ticked task what will happen or why it cannot
(four-eyes, office, permission, already taken), changing nothing; `bulk_run` does it task by task
through the same engine calls as the single buttons (workflows/engine.py, each under its flow lock),
so one refusal never stops the others and a task taken in between is reported, not overwritten.
"""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel import duties
from cases.kernel.access import cases_visible_to, user_acts_on
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.refusals import refusal_record
from workflows import engine
from workflows.handover import owner_changed_message

CLAIM, REASSIGN, PRINT = "claim", "reassign", "print"


class Denied(str):
    """A refusal for want of the acting user's own right (permission, office, role, four-eyes), which a run
    logs as 拒否 like the single buttons' refusals; the other refusals (taken, finished, a colleague's move)
    are races and states, not attempts."""


class Waiting(str):
    """Not a refusal: a 付け替え's row before its new owner is chosen (the preview says so once, above the
    table; each row marked 不可 read as if every task had been refused)."""


class NotFound(Denied):
    """A ticked id that is no task this user may see: another office's (the task's page answers 404, logged
    as not_found by the refusal middleware), or none at all. No list offers it; it was typed."""


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


def _tasks(user: User, ids: list[int]) -> dict[int, Task]:
    """The ticked tasks this user may see at all (another office's are simply not found)."""
    visible = cases_visible_to(user).filter(process__isnull=False).values("process_id")
    found: QuerySet[Task] = Task.objects.filter(
        pk__in=ids, flow_task_type="HUMAN", process_id__in=visible
    ).select_related("process__case__resident", "process__case__office", "owner")
    return {task.pk: task for task in found}


def _duty_refusal(task: Task, user: User, *, whom: str) -> str | None:
    node, case = task.flow_task, task.process.case
    step = getattr(node, "duty", "")
    if duties.duty_allows(case, step, user):
        return None
    rule = casetype_spec(case.case_type).duty_refusals.get(step)
    if rule is None:
        try:
            duties.duty_check(case, step, user)
        except PermissionDenied as exc:
            rule = str(exc)
    role = next(r for r in duties.excluded_roles(step) if getattr(case, f"{r}_id") == user.pk)
    return _("職務分離: %(who)sこの案件の%(role)sです (%(rule)s)") % {
        "who": whom or _("あなたは"),
        "role": Case._meta.get_field(role).verbose_name,
        "rule": rule,
    }


def _may_take(task: Task, user: User, *, whom: str) -> str | None:
    """Why `user` may not be given this task (None: they may). The rules of workflows/nodes.DeskView."""
    case = task.process.case
    if not user.is_active:
        return _("%(user)s さんは無効なアカウントです。") % {"user": user}
    if task.owner_permission and not user.has_perm(task.owner_permission):
        return _("%(who)sこの作業 (%(task)s) の権限がありません。") % {
            "who": whom,
            "task": task.flow_task.task_title,
        }
    if not user_acts_on(user, case):
        return _("%(who)s他の事務所 (%(office)s) の案件は担当できません。") % {
            "who": whom,
            "office": case.office,
        }
    return _duty_refusal(task, user, whom=whom)


def _claim_check(task: Task, user: User) -> str | None:
    if task.status == STATUS.ASSIGNED and task.owner_id:
        if task.owner_id == user.pk:
            return _("既にあなたの担当です。")
        return _("既に %(owner)s さんが担当しています。") % {"owner": task.owner}
    if task.status != STATUS.NEW:
        return _("この作業は完了または取消済みです。")
    refusal = _may_take(task, user, whom="")
    return Denied(refusal) if refusal else None


def _reassign_check(task: Task, user: User, to_user: User | None) -> str | None:
    if not user.has_perm("cases.reassign_task"):
        return Denied(_("担当の付け替えは係長のみ行えます。"))
    if not user_acts_on(user, task.process.case):
        return Denied(
            _("他の事務所 (%(office)s) の作業は、その事務所の係長が付け替えます。")
            % {"office": task.process.case.office}
        )
    # Refusals whoever is chosen come first: before a choice only they are said (row by row).
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return _("この作業は完了または取消済みです。")
    if to_user is None:
        return Waiting(_("新しい担当者を選んでください。"))
    if task.owner_id == to_user.pk:
        return _("既に %(user)s さんの担当です。") % {"user": to_user}
    return _may_take(task, to_user, whom=_("%(user)s さんは") % {"user": to_user})


def _plan(action: str, task: Task, user: User, to_user: User | None) -> tuple[bool, str]:
    if action == CLAIM:
        refusal = _claim_check(task, user)
        return (False, refusal) if refusal else (True, _("あなたが担当します。"))
    if action == REASSIGN:
        refusal = _reassign_check(task, user, to_user)
        if refusal:
            return False, refusal
        before = task.owner or _("未担当")
        return True, _("%(before)s → %(after)s") % {"before": before, "after": to_user}
    return True, _("作業票に載せます。")


def bulk_preview(*, action: str, user: User, ids: list[int], to_user: User | None = None) -> list[BulkItem]:
    """What `bulk_run` would do with each task, in the order ticked; nothing is changed."""
    tasks = _tasks(user, ids)
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
        ok, message = _plan(action, task, user, to_user)
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


def reassign_candidates(user: User, ids: list[int]) -> QuerySet[User]:
    """Everyone of the ticked tasks' offices (only a case's own office works on it) who holds the
    permission of at least one of them; whether each may take each task is what the preview tells.
    Tasks ``user`` cannot see count for nothing."""
    tasks = _tasks(user, ids).values()
    codenames = sorted({task.owner_permission.split(".", 1)[1] for task in tasks if task.owner_permission})
    offices = {task.process.case.office_id for task in tasks}
    return (
        User.objects.filter(
            is_active=True, office_id__in=offices, groups__permissions__codename__in=codenames
        )
        .select_related("office")
        .distinct()
        .order_by("office__sort_order", "username")
    )
