"""Case search, case detail with the timeline, and the task screen dispatcher."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from viewflow.workflow.status import STATUS

from cases.identifiers.kana import normalize_kana
from cases.models import AuditAction, Office, Stage
from cases.screening.case import case_screening
from cases.selectors.access import case_get_for_user, cases_visible_to, user_sees_all_offices
from cases.services.audit import audit_record
from documents.selectors import case_document_panel
from workflows.forms.search import CaseSearchForm
from workflows.selectors import open_tasks_of_case
from workflows.views.desk import _visible_task
from workflows.views.steps import STEPS


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_search(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.all() if user_sees_all_offices(request.user) else Office.objects.none()
    form = CaseSearchForm(request.GET or None, stages=Stage.choices, offices=offices)
    cases = cases_visible_to(request.user).select_related("resident", "office")
    if form.is_valid():
        data = form.cleaned_data
        if data["number"]:
            cases = cases.filter(number__startswith=data["number"].strip())
        if data["kana"]:
            cases = cases.filter(resident__kana_search__startswith=normalize_kana(data["kana"]))
        if data["stage"]:
            cases = cases.filter(stage=data["stage"])
        if data["office"]:
            cases = cases.filter(office_id=data["office"])
    page = Paginator(cases.order_by("-received_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "workflows/cases/search.html", {"form": form, "page": page})


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    application = getattr(case, "exemption", None)
    context = {
        "case": case,
        "application": application,
        "events": case.events.select_related("actor", "office"),
        "open_tasks": open_tasks_of_case(process_id=case.process_id) if case.process_id else [],
        "screening": case_screening(case) if application else None,
        "document_panel": case_document_panel(user=request.user, case=case),
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
    if task.status != STATUS.ASSIGNED or task.owner_id != request.user.pk:
        messages.warning(request, "この作業はあなたの担当ではありません。キューから担当してください。")
        return redirect("case_detail", case_id=case.pk)
    step = STEPS.get(task.flow_task.name)
    if step is None:
        raise Http404("この作業には画面がありません。")
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        resident_id=case.resident_id,
        case_id=case.pk,
        target=f"task:{task.flow_task.name}",
    )
    return step(request, task, case)
