"""Screens of the kernel's steps. 本人確認, 書類不備, 照合 and 決裁 come with the kernel: a flow whose nodes
carry these names gets them (workflows/casetypes.py) — 照合 and 決裁 show the type's case panel (its
`case_panel` and `panel_template`) and its papers. A type may replace any of them by naming its own
screen in its STEPS, built on the same functions (`cross_check_screen`, `approval_screen` …)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.kernel.casetypes import application_of
from cases.kernel.models import Case
from cases.kernel.stages import Stage
from workflows import steps
from workflows.forms.stages import ApprovalForm, CrossCheckForm, DocumentsOutcomeForm, IdentityForm
from workflows.views.base import step_complete


def _step_screen(
    request: HttpRequest, task, case, *, form, step, values, done, template: str, context
) -> HttpResponse:
    """The shape of every kernel step's screen: a valid POST runs the workflows.steps call `step` on
    this task as this user with `values(cleaned_data)` and goes on to the next step; otherwise the
    form, with why it was refused. `context()` is only built for a page that is shown."""
    if request.method == "POST" and form.is_valid():
        run = lambda: step(task_id=task.pk, user=request.user, **values(form.cleaned_data))  # noqa: E731
        response = step_complete(request, form, run, done)
        if response:
            return response
    return render(request, template, {"task": task, "case": case, "form": form, **context()})


def _identity_done(task) -> str:
    """Too few documents send the case to 書類不備, which the clerk must hear, with the deadline."""
    case = Case.objects.only("stage", "documents_due_on").get(pk=task.process.case.pk)
    if case.stage == Stage.AWAITING_DOCUMENTS:
        return _("本人確認書類が足りないため、書類不備 (提出期限 %(due)s) にしました。") % {
            "due": date_show(case.documents_due_on)
        }
    return _("本人確認を記録しました。")


def verify_identity(request: HttpRequest, task, case) -> HttpResponse:
    return _step_screen(
        request,
        task,
        case,
        form=IdentityForm(request.POST or None),
        step=steps.identity_record,
        values=lambda data: {key: data[key] for key in ("documents", "note", "due_on")},
        done=_identity_done,
        template="workflows/steps/verify_identity.html",
        context=lambda: {"application": application_of(case)},
    )


def documents_outcome_screen(
    request: HttpRequest,
    task,
    case,
    *,
    form_class=DocumentsOutcomeForm,
    template: str = "workflows/steps/await_documents.html",
    context,
) -> HttpResponse:
    """書類不備: the papers came (resume where the case stopped) or the applicant withdrew. A type may
    give its own wording of the choices (`form_class`), template and page context (`context()`)."""
    return _step_screen(
        request,
        task,
        case,
        form=form_class(request.POST or None),
        step=steps.documents_outcome,
        values=lambda data: {"received": data["outcome"] == "received", "comment": data["comment"]},
        done=_("書類不備の結果を記録しました。"),
        template=template,
        context=context,
    )


def await_documents(request: HttpRequest, task, case) -> HttpResponse:
    return documents_outcome_screen(
        request, task, case, context=lambda: {"application": application_of(case)}
    )


def cross_check_screen(request: HttpRequest, task, case, *, template: str, extra: dict) -> HttpResponse:
    """照合: match (on to 決裁) or send back with a reason. The type gives the template and what to
    compare (`extra`)."""
    return _step_screen(
        request,
        task,
        case,
        form=CrossCheckForm(request.POST or None),
        step=steps.cross_check,
        values=lambda data: {"matches": data["decision"] == "match", "reason": data["reason"]},
        done=_("照合結果を記録しました。"),
        template=template,
        context=lambda: extra,
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
        step=steps.approval,
        values=lambda data: {"approved": data["decision"] == "approve", "reason": data["reason"]},
        done=_("決裁を記録しました。"),
        template=template,
        context=lambda: extra,
    )


def _panel(request: HttpRequest, case) -> dict:
    """What a type shows of its case on the case page, for the kernel's own 照合 and 決裁 screens."""
    from workflows.casetypes import flow_type_of
    from workflows.views.checklist import checklist_panel

    flow_type = flow_type_of(case.case_type)
    return {
        "panel_template": flow_type.panel_template,
        **flow_type.case_panel(request, case),
        "checklist": checklist_panel(user=request.user, case=case),
    }


def cross_check(request: HttpRequest, task, case) -> HttpResponse:
    extra = _panel(request, case)
    return cross_check_screen(
        request, task, case, template="workflows/steps/kernel_cross_check.html", extra=extra
    )


def approve(request: HttpRequest, task, case) -> HttpResponse:
    extra = {**_panel(request, case), "events": case.events.select_related("actor", "office")}
    return approval_screen(request, task, case, template="workflows/steps/kernel_approve.html", extra=extra)


STEPS = {
    "verify_identity": verify_identity,
    "await_documents": await_documents,
    "cross_check": cross_check,
    "approve": approve,
}


def input_exit(request: HttpRequest, task, form, data, *, done) -> HttpResponse | None:
    """入力's two exits for a type that can wait for its papers there: 「不足書類を依頼する」 (書類不備 with
    the form's `due_on` and `note`) or save and go on to 照合 (`done`: the message, or done(task))."""
    if request.POST.get("action") == "request_documents":
        cleaned = form.cleaned_data
        run = lambda: steps.input_papers_request(  # noqa: E731
            task_id=task.pk, user=request.user, data=data, due_on=cleaned["due_on"], note=cleaned["note"]
        )
        done = _("不足書類を依頼し、書類不備 (提出待ち) にしました。")
    else:
        run = lambda: steps.input_save(task_id=task.pk, user=request.user, data=data)  # noqa: E731
    return step_complete(request, form, run, done)
