"""Screens of the kernel's steps that look the same for every case type: 本人確認 and 書類不備.
A flow whose nodes carry these names gets them (workflows/casetypes.py); a type may replace one by
naming its own screen in its STEPS."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.kernel.casetypes import application_of
from workflows import steps
from workflows.forms.stages import ApprovalForm, CrossCheckForm, DocumentsOutcomeForm, IdentityForm
from workflows.views.base import step_complete


def verify_identity(request: HttpRequest, task, case) -> HttpResponse:
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = step_complete(
            request,
            form,
            lambda: steps.identity_record(
                task_id=task.pk,
                user=request.user,
                documents=data["documents"],
                note=data["note"],
                due_on=data["due_on"],
            ),
            _("本人確認を記録しました。"),
        )
        if response:
            return response
    context = {"task": task, "case": case, "form": form, "application": application_of(case)}
    return render(request, "workflows/steps/verify_identity.html", context)


def documents_outcome_screen(
    request: HttpRequest,
    task,
    case,
    *,
    form_class=DocumentsOutcomeForm,
    template: str = "workflows/steps/await_documents.html",
    extra: dict,
) -> HttpResponse:
    """書類不備: the papers came (resume where the case stopped) or the applicant withdrew. A type may
    give its own wording of the choices (`form_class`), template and context (`extra`)."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = step_complete(
            request,
            form,
            lambda: steps.documents_outcome(
                task_id=task.pk,
                user=request.user,
                received=form.cleaned_data["outcome"] == "received",
                comment=form.cleaned_data["comment"],
            ),
            _("書類不備の結果を記録しました。"),
        )
        if response:
            return response
    return render(request, template, {"task": task, "case": case, "form": form, **extra})


def await_documents(request: HttpRequest, task, case) -> HttpResponse:
    return documents_outcome_screen(request, task, case, extra={"application": application_of(case)})


def cross_check_screen(request: HttpRequest, task, case, *, template: str, extra: dict) -> HttpResponse:
    """照合: match (on to 決裁) or send back with a reason. The type gives the template and what to
    compare (`extra`)."""
    form = CrossCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = step_complete(
            request,
            form,
            lambda: steps.cross_check(
                task_id=task.pk,
                user=request.user,
                matches=form.cleaned_data["decision"] == "match",
                reason=form.cleaned_data["reason"],
            ),
            _("照合結果を記録しました。"),
        )
        if response:
            return response
    return render(request, template, {"task": task, "case": case, "form": form, **extra})


def approval_screen(
    request: HttpRequest, task, case, *, template: str, extra: dict, form_class=ApprovalForm
) -> HttpResponse:
    """決裁: approve or send back with a reason (the type's wording of the choices in `form_class`)."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = step_complete(
            request,
            form,
            lambda: steps.approval(
                task_id=task.pk,
                user=request.user,
                approved=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            ),
            _("決裁を記録しました。"),
        )
        if response:
            return response
    return render(request, template, {"task": task, "case": case, "form": form, **extra})


STEPS = {"verify_identity": verify_identity, "await_documents": await_documents}
