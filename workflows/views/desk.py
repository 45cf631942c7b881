"""The desk's home, inbox and office queue, each counted up to COUNT_CAP. The bulk actions on ticked
tasks are in tasks_bulk; claim / release / reassign of one task in task_actions."""

import datetime as dt

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from cases.kernel.access import user_sees_all_offices
from cases.kernel.models import Case, Stage
from cases.registry.selectors.reveal_requests import reveal_requests_of
from cases.security.models.alerts import SecurityAlert
from cases.security.models.offices import Office
from cases.security.scope import acting_office_ids
from cases.submission.bundle_common import next_cutoff
from cases.submission.selectors.bundles import cases_sent_late
from workflows.forms.desk import TaskFilterForm
from workflows.list_html import rows_html
from workflows.list_rows import task_rows
from workflows.selectors import TaskFilter
from workflows.task_lists import TaskList

PAGE_SIZE = 50
ALERT_DAYS = 30  # the alerts the auditor's home counts


# A list counts its tasks up to here and then says 「1,000 件以上」: counting 30,000 open tasks against
# an office and the separation of duties is most of a queue page's time (issue 15), and nobody pages
# through more than 20 pages — they filter. The dashboard has the exact figures.
COUNT_CAP = 1000


def _counted(tasks) -> int:
    return tasks.count() if isinstance(tasks, TaskList) else len(tasks)


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


def holds_tasks(user) -> bool:
    """Whether the user works tasks of the flows: the counter's steps or the 係長's 決裁."""
    return user.has_perm("cases.verify_identity") or user.has_perm("cases.approve_case")


def _home_title(user) -> str:
    if user.has_perm("cases.approve_case"):
        return _("係長ホーム")
    if user.has_perm("cases.view_audit_log") and not holds_tasks(user):
        return _("監査ホーム")
    return _("窓口ホーム")


@login_required
@permission_required("cases.view_case", raise_exception=True)
def desk_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    (inbox_count, inbox_more), (queue_count, queue_more) = (
        capped_count(TaskList(mode=mode, user=user, filters=TaskFilter(), cap=COUNT_CAP))
        for mode in ("inbox", "queue")
    )
    context = {
        "home_title": _home_title(user),
        # Only those who hold tasks are shown their lists (an auditor holds none: III-8 自己点検 is theirs).
        "holds_tasks": holds_tasks(user),
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
    if user.has_perm("cases.use_mynumber"):
        context["reveal_requests"] = reveal_requests_of(user)
    if user.has_perm("cases.view_audit_log"):
        # The auditor's own work first (PIA III-8 自己点検): the log and the alerts of the last 30 days.
        context["recent_alerts"] = SecurityAlert.objects.filter(
            at__gte=timezone.now() - dt.timedelta(days=ALERT_DAYS)
        ).count()
    return render(request, "workflows/desk/home.html", context)


def _task_list(request: HttpRequest, *, mode: str, offices) -> HttpResponse:
    may_reassign = request.user.has_perm("cases.reassign_task")
    form = TaskFilterForm(request.GET or None, offices=offices, reassign=mode == "queue" and may_reassign)
    filters = form.task_filter()
    refused = form.is_bound and not form.is_valid()
    # Not the whole list with a bad filter ignored: nothing until it is corrected.
    tasks = [] if refused else TaskList(mode=mode, user=request.user, filters=filters, cap=COUNT_CAP)
    page = _page(request, tasks)
    rows = task_rows(page.object_list)
    context = {
        "mode": mode,
        "form": form,
        "refused": refused,
        "filters": filters,
        "page": page,
        "rows": rows,
        "rows_html": rows_html(rows, mode=mode, everyone=filters.everyone, may_reassign=may_reassign),
        "offices": offices,
        # The office a 本庁 係長 narrowed the queue to, named in its heading (as the dashboard names its own).
        "office_chosen": next((o for o in offices if o.pk == filters.office_id), None)
        if offices is not None and filters.office_id
        else None,
        "may_reassign": may_reassign,
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
