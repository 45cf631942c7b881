"""Whether each ticked task may be taken (担当) or given to someone (付け替え) in a bulk action, and why not:
the rules of the single buttons (workflows/nodes.DeskView), and the people a 付け替え may offer.

Before a 付け替え's new owner is chosen, a row is refused only when no choice in the offered list could
lift it: a task done or another office's, or one that nobody offered may take (職務分離, permission,
office — or only its current owner may). The others wait for the choice (`Waiting`).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel import duties
from cases.kernel.access import cases_visible_to, user_acts_on
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case
from cases.security.models.users import User


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


def visible_tasks(user: User, ids: list[int]) -> dict[int, Task]:
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


def claim_check(task: Task, user: User) -> str | None:
    if task.status == STATUS.ASSIGNED and task.owner_id:
        if task.owner_id == user.pk:
            return _("既にあなたの担当です。")
        return _("既に %(owner)s さんが担当しています。") % {"owner": task.owner}
    if task.status != STATUS.NEW:
        return _("この作業は完了または取消済みです。")
    refusal = _may_take(task, user, whom="")
    return Denied(refusal) if refusal else None


def _given_to(task: Task, to_user: User) -> str | None:
    """Why this task may not be given to `to_user` (None: it may)."""
    if task.owner_id == to_user.pk:
        return _("既に %(user)s さんの担当です。") % {"user": to_user}
    return _may_take(task, to_user, whom=_("%(user)s さんは") % {"user": to_user})


def _nobody_offered(task: Task, offered: list[User]) -> str | None:
    """Why no one of the owner list can be given this task (None: someone can). Each person's reason is
    said, so the 係長 sees what to change (another clerk to add, a task to leave with its owner)."""
    reasons = []
    for person in offered:
        reason = _given_to(task, person)
        if reason is None:
            return None
        reasons.append(reason)
    if not reasons:
        return _("担当者の一覧に、この作業を担当できる人がいません。")
    return _("担当者の一覧の誰にも付け替えられません: %(reasons)s") % {"reasons": " / ".join(reasons)}


def reassign_check(
    task: Task, user: User, to_user: User | None, offered: list[User] | None = None
) -> str | None:
    """Why the 係長 `user` may not give this task to `to_user`; `to_user` None (not chosen yet): why it can
    be given to nobody in `offered` (the owner list), else `Waiting`."""
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
        # Not Denied: nobody's right was wanting, and nothing was attempted.
        nobody = _nobody_offered(task, offered) if offered is not None else None
        return nobody or Waiting(_("新しい担当者を選んでください。"))
    return _given_to(task, to_user)


def reassign_candidates(user: User, ids: list[int]) -> QuerySet[User]:
    """Everyone of the ticked tasks' offices (only a case's own office works on it) who holds the
    permission of at least one of them; whether each may take each task is what the preview tells.
    Tasks ``user`` cannot see count for nothing."""
    tasks = visible_tasks(user, ids).values()
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
