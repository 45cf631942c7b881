"""Case search, case detail with the timeline, and the task screen dispatcher."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from cases.kernel.access import case_get_for_user, cases_visible_to, user_acts_on, user_sees_all_offices
from cases.kernel.casetypes import application_of
from cases.kernel.models import Stage
from cases.registry.forms.mynumber import MyNumberRevealForm
from cases.security.audit import audit_record, audit_record_each
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office
from cases.security.refusals import refusal_record
from documents.selectors import case_document_panel
from workflows.casetypes import flow_type_of, step_screen
from workflows.forms.search import CaseSearchForm
from workflows.handover import handover_message, handover_of, withdrawn_message
from workflows.search import cases_search
from workflows.selectors import open_tasks_of_case
from workflows.views.base import HANDOVER_SAID, not_saved
from workflows.views.checklist import checklist_panel
from workflows.views.task_actions import _visible_task
from workflows.views.withdraw import withdraw_panel

SEARCH_SESSION_KEY = "case_search"


def _search_criteria(request: HttpRequest) -> dict | None:
    """The criteria of the search this page shows. A kana name must never reach a URL or the web
    server's access log, so the form is posted, kept in the session, and the page links carry only
    an opaque token (which also keeps paging and the back button working)."""
    token = request.GET.get("q", "")
    return request.session.get(SEARCH_SESSION_KEY, {}).get(token) if token else None


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_search(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.all() if user_sees_all_offices(request.user) else Office.objects.none()
    if request.method == "POST":
        form = CaseSearchForm(request.POST, stages=Stage.choices, offices=offices)
        if form.is_valid():
            token = secrets.token_urlsafe(8)
            # Only the latest few searches are kept: the session is not an archive of who was looked up.
            kept = dict(list(request.session.get(SEARCH_SESSION_KEY, {}).items())[-4:])
            request.session[SEARCH_SESSION_KEY] = {**kept, token: request.POST.dict()}
            return redirect(f"{reverse('case_search')}?q={token}")
    else:
        form = CaseSearchForm(_search_criteria(request), stages=Stage.choices, offices=offices)
    if form.is_bound and not form.is_valid():
        # Not every case with the other boxes ignored: no list until the criteria are corrected.
        return render(request, "workflows/cases/search.html", {"form": form, "page": None, "token": ""})
    cases = cases_visible_to(request.user).select_related("resident", "office")
    if form.is_bound:
        cases = cases_search(cases, form.cleaned_data)
    page = Paginator(cases.order_by("-received_on", "-id"), 50).get_page(request.GET.get("page"))
    if form.is_bound and page.object_list:
        # A search shows people (names, case types such as 障害基礎年金): each one it shows is logged
        # under the person, so the auditor's filter by 宛名番号 finds it (PIA III-3).
        audit_record_each(
            people=[(case.resident_id, case.pk) for case in page.object_list],
            action=AuditAction.SEARCH,
            request=request,
            target="case_search",
            detail={"criteria": sorted(k for k, v in form.cleaned_data.items() if v), "page": page.number},
        )
    context = {"form": form, "page": page, "token": request.GET.get("q", "")}
    return render(request, "workflows/cases/search.html", context)


def _reveal_form(request: HttpRequest, case):
    """「個人番号を表示」 on the case page: this case is the stated purpose, or a reason typed instead
    (the resident page offers all of the person's cases)."""
    if not request.user.has_perm("cases.use_mynumber"):
        return None
    return MyNumberRevealForm(cases=[case], initial={"case": case.pk})


def _open_tasks(user, case) -> list:
    """The case's open steps; 「担当する」 only where this user may take the step (permission, office,
    separation of duties), not a button that answers 「権限がありません」 (a clerk at 決裁, the
    inputter at 照合)."""
    if not case.process_id:
        return []
    tasks = list(open_tasks_of_case(process_id=case.process_id).select_related("process"))
    for task in tasks:
        task.process.case = case  # the one on the page: no query to load it again
        if task.owner_id is None:
            task.claimable = task.flow_task.can_assign(user, task)
    return tasks


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    flow_type = flow_type_of(case.case_type)
    context = {
        "case": case,
        "application": application_of(case),
        "events": list(case.events.select_related("actor", "office")),
        "open_tasks": _open_tasks(request.user, case),
        "acts_on_case": user_acts_on(request.user, case),  # a branch 係長 sees a 本庁 case, moves none of it
        "document_panel": case_document_panel(user=request.user, case=case),
        "reveal_form": _reveal_form(request, case),
        "checklist": checklist_panel(user=request.user, case=case),
        "withdraw_form": withdraw_panel(user=request.user, case=case),
        "panel_template": flow_type.panel_template,
        **flow_type.case_panel(request, case),
    }
    audit_record(
        action=AuditAction.VIEW, request=request, resident_id=case.resident_id, case_id=case.pk, target="case"
    )
    return render(request, "workflows/cases/detail.html", context)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def task_work(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _visible_task(request, task_id)
    case = task.process.case
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):  # an old link, a second tab
        said = withdrawn_message(task, case) if task.status == STATUS.CANCELED else None
        messages.info(request, said or _("この作業は既に終わっています。案件の現在の段階は下のとおりです。"))
        if request.method == "POST":  # a form sent from a second tab: what it carried was dropped
            not_saved(request)
        return redirect("case_detail", case_id=case.pk)
    held = None
    if task.status != STATUS.ASSIGNED or task.owner_id != request.user.pk:
        held = handover_of(task, request.user) if request.method == "POST" else None
        if held is None:
            text = _("この作業はあなたの担当ではありません。キューから担当してください。")
            if request.method == "POST":  # a step sent for a task one never held; a link followed is not
                refusal_record(request, message=text)
            messages.warning(request, text)
            return redirect("case_detail", case_id=case.pk)
        # Sent by who held it until a colleague moved it: a race, said here; the step screen shows
        # the form as typed and the engine records nothing (TaskHandedOver).
        messages.warning(request, handover_message(task, request.user, held))
        setattr(request, HANDOVER_SAID, True)
    step = step_screen(task)
    if step is None:
        raise Http404(_("この作業には画面がありません。"))
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        resident_id=case.resident_id,
        case_id=case.pk,
        target=f"task:{task.flow_task.name}",
    )
    return step(request, task, case)
