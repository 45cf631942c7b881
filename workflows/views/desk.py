"""Inbox, office queue and the claim / release / reassign actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from cases.common.params import int_param
from cases.kernel.access import case_get_for_user, user_sees_all_offices
from cases.kernel.models import Case, Stage
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.submission.bundle_common import next_cutoff
from cases.submission.selectors.bundles import cases_sent_late
from workflows import engine
from workflows.forms.stages import ReassignForm
from workflows.selectors import inbox_for, queue_for

PAGE_SIZE = 50


def _page(request: HttpRequest, tasks):
    return Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@permission_required("cases.view_case", raise_exception=True)
def desk_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {"inbox_count": inbox_for(user=user).count(), "queue_count": queue_for(user=user).count()}
    if user.has_perm("cases.approve_case"):
        context["escalated"] = (
            Case.objects.filter(stage=Stage.APPROVAL, approval_escalated_at__isnull=False)
            .select_related("resident", "office")
            .order_by("stage_since")[:50]
        )
    scope = (
        Case.objects.all() if user_sees_all_offices(user) else Case.objects.filter(office_id=user.office_id)
    )
    context["overdue_documents"] = (
        scope.filter(stage=Stage.AWAITING_DOCUMENTS, documents_due_on__lt=timezone.localdate())
        .select_related("resident", "office")
        .order_by("documents_due_on")[:50]
    )
    # 則9条: the cases the next weekly bundle would send after their 送付期限 (a 臨時送付 can still help).
    cutoff_at = next_cutoff()
    context["next_cutoff"] = cutoff_at
    context["sent_late"] = cases_sent_late(user=user, cutoff_at=cutoff_at)[:50]
    return render(request, "workflows/desk/home.html", context)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    page = _page(request, inbox_for(user=request.user))
    return render(request, "workflows/desk/inbox.html", {"page": page})


@login_required
@permission_required("cases.view_case", raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    offices = Office.objects.all() if user_sees_all_offices(user) else None
    office_id = int_param(request.GET.get("office")) if offices is not None else None
    page = _page(request, queue_for(user=user, office_id=office_id))
    return render(
        request, "workflows/desk/queue.html", {"page": page, "offices": offices, "office_id": office_id}
    )


def _visible_task(request: HttpRequest, task_id: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("process"), pk=task_id, flow_task_type="HUMAN")
    case_get_for_user(user=request.user, case_id=task.process.case.pk)
    return task


@require_POST
@login_required
@permission_required("cases.view_case", raise_exception=True)
def task_claim(request: HttpRequest, task_id: int) -> HttpResponse:
    _visible_task(request, task_id)
    try:
        engine.task_claim(task_id=task_id, user=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("この作業を担当できません。"))
        return redirect("queue")
    messages.success(request, _("作業を担当しました。"))
    return redirect("task_work", task_id=task_id)


@require_POST
@login_required
@permission_required("cases.view_case", raise_exception=True)
def task_release(request: HttpRequest, task_id: int) -> HttpResponse:
    _visible_task(request, task_id)
    try:
        engine.task_release(task_id=task_id, user=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("担当を解除できません。"))
        return redirect("inbox")
    messages.success(request, _("担当を解除し、キューに戻しました。"))
    return redirect("inbox")


@login_required
@permission_required("cases.reassign_task", raise_exception=True)
def task_reassign(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _visible_task(request, task_id)
    candidates = (
        User.objects.filter(
            is_active=True, groups__permissions__codename=task.owner_permission.split(".", 1)[1]
        )
        .select_related("office")
        .distinct()
        .order_by("office__sort_order", "username")
    )
    form = ReassignForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        target = get_object_or_404(User, pk=form.cleaned_data["to_user"])
        try:
            engine.task_reassign(
                task_id=task_id, user=request.user, to_user=target, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied as exc:
            form.add_error("to_user", str(exc))
        else:
            messages.success(request, _("担当を %(user)s さんに付け替えました。") % {"user": target})
            return redirect("case_detail", case_id=task.process.case.pk)
    return render(
        request, "workflows/desk/reassign.html", {"task": task, "case": task.process.case, "form": form}
    )
