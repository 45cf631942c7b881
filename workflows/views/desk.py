"""Inbox, office queue and the claim / release / reassign actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from cases.kernel.access import case_act_check, case_get_for_user, user_sees_all_offices
from cases.kernel.models import Case, Stage
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.scope import acting_office_ids
from cases.submission.bundle_common import next_cutoff
from cases.submission.selectors.bundles import cases_sent_late
from workflows import desk_bulk, engine
from workflows.desk_bulk import reassign_candidates
from workflows.forms.desk import BulkForm, TaskFilterForm
from workflows.forms.stages import ReassignForm
from workflows.list_rows import task_rows
from workflows.selectors import inbox_for, queue_for
from workflows.views.base import refused

PAGE_SIZE = 50


# A list counts its tasks up to here and then says 「1,000 件以上」: counting 30,000 open tasks against
# an office and the separation of duties is most of a queue page's time (issue 15), and nobody pages
# through more than 20 pages — they filter. The dashboard has the exact figures.
COUNT_CAP = 1000


def _counted(tasks):
    # Only the ids, which PostgreSQL reads from the task index alone.
    return tasks.order_by().values("pk")[: COUNT_CAP + 1].count()


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        return _counted(self.object_list)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def capped_count(tasks) -> tuple[int, bool]:
    count = _counted(tasks)
    return min(count, COUNT_CAP), count > COUNT_CAP


def _page(request: HttpRequest, tasks):
    return CappedPaginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@permission_required("cases.view_case", raise_exception=True)
def desk_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    (inbox_count, inbox_more), (queue_count, queue_more) = map(
        capped_count, (inbox_for(user=user), queue_for(user=user))
    )
    context = {
        "inbox_count": inbox_count,
        "inbox_more": inbox_more,
        "queue_count": queue_count,
        "queue_more": queue_more,
    }
    if user.has_perm("cases.approve_case"):
        # The 決裁 this 係長 could take: their office's (the 本庁's: every office's).
        acting = acting_office_ids(user)
        escalated = Case.objects.filter(stage=Stage.APPROVAL, approval_escalated_at__isnull=False)
        if acting is not None:
            escalated = escalated.filter(office_id__in=acting)
        context["escalated"] = escalated.select_related("resident", "office").order_by("stage_since")[:50]
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
    context["today"] = timezone.localdate()
    return render(request, "workflows/desk/home.html", context)


def _task_list(request: HttpRequest, *, mode: str, offices) -> HttpResponse:
    reassign = mode == "queue" and request.user.has_perm("cases.reassign_task")
    form = TaskFilterForm(request.GET or None, offices=offices, reassign=reassign)
    filters = form.task_filter()
    if mode == "inbox":
        tasks = inbox_for(user=request.user, filters=filters)
    else:
        tasks = queue_for(user=request.user, filters=filters)
    refused = form.is_bound and not form.is_valid()
    if refused:  # not the whole list with the bad filter ignored: nothing until it is corrected
        tasks = tasks.none()
    page = _page(request, tasks)
    context = {
        "mode": mode,
        "form": form,
        "refused": refused,
        "filters": filters,
        "page": page,
        "rows": task_rows(page.object_list),
        "offices": offices,
        "may_reassign": request.user.has_perm("cases.reassign_task"),
        "filtered": any(
            (filters.case_type, filters.stage, filters.office_id, filters.overdue, filters.everyone)
        ),
    }
    return render(request, f"workflows/desk/{mode}.html", context)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    return _task_list(request, mode="inbox", offices=None)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    # The queue is work to take: only a 本庁 係長, who acts city-wide, picks another office's.
    offices = Office.objects.all() if acting_office_ids(request.user) is None else None
    return _task_list(request, mode="queue", offices=offices)


@require_POST
@login_required
@permission_required("cases.view_case", raise_exception=True)
def tasks_bulk(request: HttpRequest) -> HttpResponse:
    """The ticked tasks of a list: first a preview of what will happen to each, then (confirm) the
    result of each."""
    probe = BulkForm(request.POST)
    probe.is_valid()
    ids = probe.cleaned_data.get("tasks") or []
    candidates = reassign_candidates(request.user, ids) if ids else User.objects.none()
    form = BulkForm(request.POST, candidates=candidates)
    back = request.POST.get("back") or reverse("inbox")
    back = (
        back
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        else reverse("inbox")
    )
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect(back)
    data = form.cleaned_data
    action, to_user = data["action"], None
    if data.get("to_user"):
        to_user = get_object_or_404(User, pk=data["to_user"], is_active=True)
    if action == desk_bulk.REASSIGN and not request.user.has_perm("cases.reassign_task"):
        raise PermissionDenied(_("担当の付け替えは係長のみ行えます。"))
    confirmed = request.POST.get("confirm") == "1"
    if confirmed and action == desk_bulk.REASSIGN and not data["reason"].strip():
        form.add_error("reason", _("付け替えの理由を入力してください。"))
        confirmed = False
    if confirmed and (action != desk_bulk.REASSIGN or to_user is not None):
        items = desk_bulk.bulk_run(
            action=action,
            user=request.user,
            ids=data["tasks"],
            to_user=to_user,
            reason=data["reason"],
            shown_owners=form.shown_owners(),
            request=request,
        )
        template = (
            "workflows/desk/bulk_print.html"
            if action == desk_bulk.PRINT
            else "workflows/desk/bulk_result.html"
        )
        done = sum(item.ok for item in items)
        refused_items = [item for item in items if not item.ok]
        return render(
            request,
            template,
            {
                "items": items,
                "refused_items": refused_items,
                "action": action,
                "done": done,
                "refused": len(refused_items),
                "back": back,
            },
        )
    items = desk_bulk.bulk_preview(action=action, user=request.user, ids=data["tasks"], to_user=to_user)
    context = {
        "items": items,
        "action": action,
        "action_label": dict(BulkForm.ACTIONS)[action],
        "form": form,
        "back": back,
        "allowed": sum(item.ok for item in items),
        "ids": data["tasks"],
    }
    return render(request, "workflows/desk/bulk_preview.html", context)


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
