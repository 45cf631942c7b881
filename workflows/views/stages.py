"""Screens of the kernel's steps. 本人確認 and 書類不備 look the same for every case type: a flow whose
nodes carry these names gets them (workflows/casetypes.py); a type may replace one by naming its own
screen in its STEPS. 照合 and 決裁 (and a type's own 書類不備) take the type's template and context."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.kernel.casetypes import application_of
from workflows import steps
from workflows.forms.stages import ApprovalForm, CrossCheckForm, DocumentsOutcomeForm, IdentityForm
from workflows.views.base import step_complete


def _step_screen(
    request: HttpRequest, task, case, *, form, run, done: str, template: str, extra: dict
) -> HttpResponse:
    """The shape of every kernel step's screen: a valid POST runs `run(cleaned_data)` (a
    workflows.steps call) and goes on to the next step; otherwise the form, with why it was refused."""
    if request.method == "POST" and form.is_valid():
        response = step_complete(request, form, lambda: run(form.cleaned_data), done)
        if response:
            return response
    return render(request, template, {"task": task, "case": case, "form": form, **extra})


def verify_identity(request: HttpRequest, task, case) -> HttpResponse:
    return _step_screen(
        request,
        task,
        case,
        form=IdentityForm(request.POST or None),
        run=lambda data: steps.identity_record(
            task_id=task.pk,
            user=request.user,
            documents=data["documents"],
            note=data["note"],
            due_on=data["due_on"],
        ),
        done=_("本人確認を記録しました。"),
        template="workflows/steps/verify_identity.html",
        extra={"application": application_of(case)},
    )


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
    return _step_screen(
        request,
        task,
        case,
        form=form_class(request.POST or None),
        run=lambda data: steps.documents_outcome(
            task_id=task.pk,
            user=request.user,
            received=data["outcome"] == "received",
            comment=data["comment"],
        ),
        done=_("書類不備の結果を記録しました。"),
        template=template,
        extra=extra,
    )


def await_documents(request: HttpRequest, task, case) -> HttpResponse:
    return documents_outcome_screen(request, task, case, extra={"application": application_of(case)})


def cross_check_screen(request: HttpRequest, task, case, *, template: str, extra: dict) -> HttpResponse:
    """照合: match (on to 決裁) or send back with a reason. The type gives the template and what to
    compare (`extra`)."""
    return _step_screen(
        request,
        task,
        case,
        form=CrossCheckForm(request.POST or None),
        run=lambda data: steps.cross_check(
            task_id=task.pk,
            user=request.user,
            matches=data["decision"] == "match",
            reason=data["reason"],
        ),
        done=_("照合結果を記録しました。"),
        template=template,
        extra=extra,
    )


def approval_screen(
    request: HttpRequest, task, case, *, template: str, extra: dict, form_class=ApprovalForm
) -> HttpResponse:
    """決裁: approve or send back with a reason (the type's wording of the choices in `form_class`)."""
    return _step_screen(
        request,
        task,
        case,
        form=form_class(request.POST or None),
        run=lambda data: steps.approval(
            task_id=task.pk,
            user=request.user,
            approved=data["decision"] == "approve",
            reason=data["reason"],
        ),
        done=_("決裁を記録しました。"),
        template=template,
        extra=extra,
    )


STEPS = {"verify_identity": verify_identity, "await_documents": await_documents}
