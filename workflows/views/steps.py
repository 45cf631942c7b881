"""One screen per human step of the exemption flow: form → cases service → complete the task."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.exemption import services as svc
from cases.exemption.comparison import applicant_comparison, household_comparison
from cases.exemption.screening.case import case_screening
from cases.registry.models.residents import Resident
from cases.registry.selectors.residents import household_members, household_proposal
from workflows import engine
from workflows.forms.exemption import (
    ApprovalForm,
    CrossCheckForm,
    DocumentsOutcomeForm,
    IdentityForm,
    InputForm,
)


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _complete(request: HttpRequest, task, form, work, done_message: str) -> HttpResponse | None:
    try:
        engine.task_complete(task_id=task.pk, user=request.user, work=work)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("この作業を実行する権限がありません。"))
        return redirect("inbox")
    messages.success(request, done_message)
    return redirect("inbox")


def verify_identity(request: HttpRequest, task, case) -> HttpResponse:
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def work(case):
            svc.exemption_identity_record(
                case=case,
                actor=request.user,
                documents=data["documents"],
                note=data["note"],
                due_on=data["due_on"],
            )

        response = _complete(request, task, form, work, _("本人確認を記録しました。"))
        if response:
            return response
    return render(request, "workflows/steps/verify_identity.html", {"task": task, "case": case, "form": form})


def await_documents(request: HttpRequest, task, case) -> HttpResponse:
    form = DocumentsOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        received = form.cleaned_data["outcome"] == "received"

        def work(case):
            svc.exemption_documents_outcome(
                case=case, actor=request.user, received=received, comment=form.cleaned_data["comment"]
            )

        response = _complete(request, task, form, work, _("書類不備の結果を記録しました。"))
        if response:
            return response
    return render(request, "workflows/steps/await_documents.html", {"task": task, "case": case, "form": form})


def enter_data(request: HttpRequest, task, case) -> HttpResponse:
    application = case.exemption
    members = list(household_members(resident=case.resident).exclude(pk=case.resident_id))
    for extra in (application.spouse, application.householder):
        if extra is not None and extra not in members:
            members.append(extra)
    proposal = household_proposal(resident=case.resident)
    initial = InputForm.initial_from(application)
    if case.inputter_id:  # sent back: keep what was typed the first time
        initial.update(
            declared_kana_name=application.declared_kana_name,
            declared_kanji_name=application.declared_kanji_name,
            declared_birth_date=application.declared_birth_date,
            declared_address=application.declared_address,
            spouse=application.spouse_id,
            householder=application.householder_id,
        )
    else:
        initial.update(
            spouse=getattr(proposal["spouse"], "pk", None),
            householder=getattr(proposal["householder"], "pk", None),
        )
    form = InputForm(request.POST or None, initial=initial, household_choices=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = {r.pk: r for r in Resident.objects.filter(pk__in=[data["spouse"], data["householder"]])}

        def work(case):
            svc.exemption_input_save(
                case=case,
                actor=request.user,
                request=form.to_request(),
                declared={name: data[name] for name in svc.DECLARED_FIELDS},
                spouse=people.get(data["spouse"]),
                householder=people.get(data["householder"]),
                household_confirmed=data["household_confirmed"],
            )

        response = _complete(
            request, task, form, work, _("入力を保存しました。所得情報を添付して照合に回します。")
        )
        if response:
            return response
    context = {"task": task, "case": case, "form": form, "proposal": proposal, "application": application}
    return render(request, "workflows/steps/enter_data.html", context)


def cross_check(request: HttpRequest, task, case) -> HttpResponse:
    form = CrossCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def work(case):
            matches = form.cleaned_data["decision"] == "match"
            svc.exemption_cross_check(
                case=case, actor=request.user, matches=matches, reason=form.cleaned_data["reason"]
            )

        response = _complete(request, task, form, work, _("照合結果を記録しました。"))
        if response:
            return response
    context = {
        "task": task,
        "case": case,
        "form": form,
        "application": case.exemption,
        "applicant_rows": applicant_comparison(case),
        "household_rows": household_comparison(case),
        "screening": case_screening(case),
    }
    return render(request, "workflows/steps/cross_check.html", context)


def approve(request: HttpRequest, task, case) -> HttpResponse:
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def work(case):
            approved = form.cleaned_data["decision"] == "approve"
            svc.exemption_approval(
                case=case, actor=request.user, approved=approved, reason=form.cleaned_data["reason"]
            )

        response = _complete(request, task, form, work, _("決裁を記録しました。"))
        if response:
            return response
    context = {
        "task": task,
        "case": case,
        "form": form,
        "application": case.exemption,
        "screening": case_screening(case),
        "events": case.events.select_related("actor", "office"),
    }
    return render(request, "workflows/steps/approve.html", context)


STEPS = {
    "verify_identity": verify_identity,
    "await_documents": await_documents,
    "enter_data": enter_data,
    "cross_check": cross_check,
    "approve": approve,
}
