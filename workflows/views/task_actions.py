"""The claim / release / reassign actions on one task."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from cases.kernel.access import case_act_check, case_get_for_user
from cases.security.models.users import User
from workflows import engine
from workflows.forms.stages import ReassignForm
from workflows.views.base import refused


def _visible_task(request: HttpRequest, task_id: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("process"), pk=task_id, flow_task_type="HUMAN")
    case_get_for_user(user=request.user, case_id=task.process.case.pk)
    return task


def _acted_task(request: HttpRequest, task_id: int) -> Task:
    """A task this user may act on: a branch 係長 sees the 本庁's tasks but takes, releases or moves
    none of them (403, in the access log)."""
    task = _visible_task(request, task_id)
    case_act_check(user=request.user, case=task.process.case)
    return task


@require_POST
@login_required
@permission_required("cases.view_case", raise_exception=True)
def task_claim(request: HttpRequest, task_id: int) -> HttpResponse:
    _acted_task(request, task_id)
    try:
        engine.task_claim(task_id=task_id, user=request.user)
    except engine.FlowBusy as exc:
        messages.warning(request, str(exc))
        return redirect("queue")
    except engine.TaskAlreadyYours as exc:  # pressed again by its owner: on to the task
        messages.info(request, str(exc))
        return redirect("task_work", task_id=task_id)
    except PermissionDenied as exc:
        refused(request, exc)
        messages.error(request, str(exc) or _("この作業を担当できません。"))
        return redirect("queue")
    messages.success(request, _("作業を担当しました。"))
    return redirect("task_work", task_id=task_id)


@require_POST
@login_required
@permission_required("cases.view_case", raise_exception=True)
def task_release(request: HttpRequest, task_id: int) -> HttpResponse:
    _acted_task(request, task_id)
    try:
        engine.task_release(task_id=task_id, user=request.user)
    except engine.FlowBusy as exc:
        messages.warning(request, str(exc))
        return redirect("task_work", task_id=task_id)
    except PermissionDenied as exc:
        refused(request, exc)
        messages.error(request, str(exc) or _("担当を解除できません。"))
        return redirect("inbox")
    messages.success(request, _("担当を解除し、キューに戻しました。"))
    return redirect("inbox")


def _reassign_candidates(task: Task) -> list[User]:
    # Only the case's own office works on it (DeskView.can_assign): nobody else is offered.
    candidates = (
        User.objects.filter(
            is_active=True,
            office_id=task.process.case.office_id,
            groups__permissions__codename=task.owner_permission.split(".", 1)[1],
        )
        .select_related("office")
        .distinct()
        .order_by("office__sort_order", "username")
    )
    # Only those who may take this step now (permission, office, separation of duties): the list
    # offered the inputter for 照合, who was then refused (exploratory test, 2026-12-05).
    return [user for user in candidates if engine.task_may_take(task, user)]


@login_required
@permission_required("cases.reassign_task", raise_exception=True)
def task_reassign(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _acted_task(request, task_id)
    form = ReassignForm(request.POST or None, candidates=_reassign_candidates(task), owner_id=task.owner_id)
    if request.method == "POST" and form.is_valid():
        target = get_object_or_404(User, pk=form.cleaned_data["to_user"])
        try:
            engine.task_reassign(
                task_id=task_id,
                user=request.user,
                to_user=target,
                reason=form.cleaned_data["reason"],
                shown_owner_id=form.cleaned_data["owner"],
            )
        except engine.FlowBusy as exc:
            form.add_error(None, str(exc))
        except engine.TaskOwnerChanged as exc:
            # Moved by another 係長 (or taken) since this page was opened: a race, not a refusal. Said,
            # with the task as it is now and the reason kept; the new owner is chosen again.
            messages.warning(request, str(exc))
            task = _acted_task(request, task_id)
            form = ReassignForm(
                candidates=_reassign_candidates(task),
                owner_id=task.owner_id,
                initial={"reason": form.cleaned_data["reason"]},
            )
        except PermissionDenied as exc:
            refused(request, exc)  # not logged: TaskAlreadyTheirs, finished since (TaskUnavailable)
            form.add_error("to_user", str(exc))
        else:
            messages.success(request, _("担当を %(user)s さんに付け替えました。") % {"user": target})
            return redirect("case_detail", case_id=task.process.case.pk)
    return render(
        request, "workflows/desk/reassign.html", {"task": task, "case": task.process.case, "form": form}
    )
