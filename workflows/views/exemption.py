"""The 免除・納付猶予 screens: 受付 at the counter, and the steps whose content is the application's
(入力, 照合, 決裁). 本人確認 and 書類不備 are the kernel's own screens (workflows/views/stages.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.exemption.applicant import request_application_year
from cases.exemption.comparison import applicant_comparison, household_comparison
from cases.exemption.screening.case import case_screening
from cases.exemption.services import DECLARED_FIELDS, ExemptionInput, exemption_intake
from cases.kernel.models import CaseType
from cases.registry.models.residents import Resident
from cases.registry.selectors.residents import household_members, household_proposal
from workflows import steps
from workflows.forms.exemption import InputForm, IntakeForm
from workflows.views.base import step_complete
from workflows.views.intake import intake_guard, intake_screen
from workflows.views.stages import approval_screen, cross_check_screen


@intake_guard
def intake_exemption(request: HttpRequest, resident_id: int) -> HttpResponse:
    def intake(form, resident):
        return exemption_intake(
            actor=request.user,
            resident=resident,
            received_on=form.cleaned_data["received_on"],
            request=form.to_request(),
            counter=form.to_counter(),
        )

    # "intake", not the URL name: the access log has always named this screen so (its entries, and an
    # auditor's filter by target, stay as they were).
    return intake_screen(
        request,
        resident_id,
        case_type=CaseType.EXEMPTION,
        form_class=IntakeForm,
        intake=intake,
        template="workflows/intake/exemption.html",
        target="intake",
        # Only an open case of the same 申請年度 (学生年度 or 免除年度) asks for the confirmation
        # (spec.same_application), read as the stored case will have it (the applicant's age may move
        # the months: cases/exemption/ages.py).
        same_key=lambda form, resident: request_application_year(
            resident=resident, request=form.to_request(), applied_on=form.cleaned_data["received_on"]
        ),
    )


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

        entered = ExemptionInput(
            request=form.to_request(),
            declared={name: data[name] for name in DECLARED_FIELDS},
            spouse=people.get(data["spouse"]),
            householder=people.get(data["householder"]),
            household_confirmed=data["household_confirmed"],
            counter=form.to_counter(),
        )
        response = step_complete(
            request,
            form,
            lambda: steps.input_save(task_id=task.pk, user=request.user, data=entered),
            _("入力を保存しました。所得情報を添付して照合に回します。"),
        )
        if response:
            return response
    context = {"task": task, "case": case, "form": form, "proposal": proposal, "application": application}
    return render(request, "workflows/steps/enter_data.html", context)


def cross_check(request: HttpRequest, task, case) -> HttpResponse:
    extra = {
        "application": case.exemption,
        "applicant_rows": applicant_comparison(case),
        "household_rows": household_comparison(case),
        "screening": case_screening(case),
    }
    return cross_check_screen(request, task, case, template="workflows/steps/cross_check.html", extra=extra)


def approve(request: HttpRequest, task, case) -> HttpResponse:
    extra = {
        "application": case.exemption,
        "screening": case_screening(case),
        "events": case.events.select_related("actor", "office"),
    }
    return approval_screen(request, task, case, template="workflows/steps/approve.html", extra=extra)


STEPS = {"enter_data": enter_data, "cross_check": cross_check, "approve": approve}


def case_panel(request: HttpRequest, case) -> dict:
    """The case page's part for an exemption: the advisory pre-screen beside the application."""
    return {"screening": case_screening(case)}
