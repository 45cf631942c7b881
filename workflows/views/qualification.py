"""The 資格届出 screens: 受付 at the counter per filing kind (the effective date, the 14-day status and the
送付期限 computed and shown with their articles before anything is saved), the 勧奨 answered, 入力, and
照合・決裁 through the kernel's screens. The list screens (bulk 勧奨) are in qualification_lists.py."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import series_separator
from cases.kernel import steps as stages
from cases.kernel.checklist import checklist_missing
from cases.kernel.models import Case, CaseType
from cases.qualification import services as svc
from cases.qualification.deadlines import send_due_on
from cases.qualification.models import FilingKind, Route
from cases.qualification.params import qualification_params
from cases.registry.models.residents import Resident
from workflows import steps
from workflows.forms.qualification import CloseSolicitationForm, FilingForm, InputForm, IntakeForm
from workflows.views.base import add_service_errors, step_complete
from workflows.views.checklist import checklist_shown
from workflows.views.intake import intake_guard, intake_screen
from workflows.views.stages import approval_screen, cross_check_screen, input_exit

PREVIEW = "preview"


def _preview(form, resident: Resident, filed_on) -> dict | None:
    """What the filing would mean, computed before it is taken: the clerk sees the date with its
    article, the 14-day status and every 「要確認」 first."""
    try:
        computed = svc.filing_compute(resident=resident, request=form.to_request(), filed_on=filed_on)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    due = send_due_on(received_on=filed_on, params=qualification_params(on=filed_on))
    route = Route(computed.route).label if computed.route else ""
    return {"computed": computed, "send_due_on": due, "filed_on": filed_on, "route_label": route}


@intake_guard
def intake_qualification(request: HttpRequest, resident_id: int) -> HttpResponse:
    initial = {}
    if request.GET.get("kind") in FilingKind.values:
        initial["kind"] = request.GET["kind"]

    def intake(form, resident):
        return svc.qualification_intake(
            actor=request.user,
            resident=resident,
            received_on=form.cleaned_data["received_on"],
            request=form.to_request(),
            counter=form.to_counter(),
        )

    def preview(form, resident) -> dict:
        return {"preview": _preview(form, resident, form.cleaned_data["received_on"])}

    return intake_screen(
        request,
        resident_id,
        case_type=CaseType.QUALIFICATION,
        form_class=IntakeForm,
        intake=intake,
        template="workflows/qualification/intake.html",
        initial=initial,  # the form dates 受付日 today itself
        checks={PREVIEW: preview},
        context={"preview": None},
    )


def receive_filing(request: HttpRequest, task, case) -> HttpResponse:
    """届出の受付 (勧奨): the person came. Or the 勧奨 ends without a filing (no answer, not concerned)."""
    filing = case.qualification
    action = request.POST.get("action", "") if request.method == "POST" else ""
    taking = request.method == "POST" and action != "close"
    form = FilingForm(request.POST if taking else None, initial=FilingForm.initial_from(filing))
    close_form = CloseSolicitationForm(request.POST if action == "close" else None)
    preview = None
    if action == "close" and close_form.is_valid():
        response = step_complete(
            request,
            close_form,
            lambda: steps.type_step(
                task_id=task.pk,
                user=request.user,
                service=stages.stage_withdraw,
                reason=close_form.cleaned_data["reason"],
            ),
            _("勧奨を終了しました。"),
        )
        if response:
            return response
    elif taking and form.is_valid():
        if action == PREVIEW:
            preview = _preview(form, case.resident, timezone.localdate())
        else:
            data = svc.QualificationInput(request=form.to_request(), counter=form.to_counter())
            response = step_complete(
                request,
                form,
                lambda: steps.type_step(
                    task_id=task.pk, user=request.user, service=svc.qualification_receive, data=data
                ),
                _("届出を受け付けました。受付票を印刷してお渡しし、続けて本人確認を行ってください。"),
            )
            if response:
                return response
    context = {
        "task": task,
        "case": case,
        "form": form,
        "close_form": close_form,
        "filing": filing,
        "preview": preview,
    }
    return render(request, "workflows/qualification/receive.html", context)


def _input_done(task) -> str:
    """Saved and on to 照合; a required paper still missing is said now (照合 stops on it)."""
    missing = checklist_missing(Case.objects.get(pk=task.process.case.pk))
    done = _("入力を保存しました。照合に回します。")
    if missing:
        done += " " + _(
            "注意: 未受領の必須書類があります (%(papers)s)。受領を記録するか係長が不要とするまで照合は進みません。"
            "書類を待つ場合は「不足書類を依頼する」を使ってください。"
        ) % {"papers": series_separator().join(item.label_shown for item in missing)}  # 「、」 or ", "
    return done


def enter_data(request: HttpRequest, task, case) -> HttpResponse:
    filing = case.qualification
    form = InputForm(
        request.POST or None, initial=InputForm.initial_from(filing, getattr(case, "counter", None))
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        if action == PREVIEW:
            preview = _preview(form, case.resident, filing.filed_on)
        else:
            data = svc.QualificationInput(request=form.to_request(), counter=form.to_counter())
            response = input_exit(request, task, form, data, done=_input_done)
            if response:
                return response
    context = {
        "task": task,
        "case": case,
        "form": form,
        "filing": filing,
        "preview": preview,
        "checklist": checklist_shown(case),
    }
    return render(request, "workflows/qualification/enter_data.html", context)


def _shown(case) -> dict:
    return {
        "filing": case.qualification,
        "events": case.events.select_related("actor", "office"),
        "checklist": checklist_shown(case),
    }


def cross_check(request: HttpRequest, task, case) -> HttpResponse:
    return cross_check_screen(
        request, task, case, template="workflows/qualification/cross_check.html", extra=_shown(case)
    )


def approve(request: HttpRequest, task, case) -> HttpResponse:
    return approval_screen(
        request, task, case, template="workflows/qualification/approve.html", extra=_shown(case)
    )


STEPS = {
    "receive_filing": receive_filing,
    "enter_data": enter_data,
    "cross_check": cross_check,
    "approve": approve,
}


def case_panel(request: HttpRequest, case) -> dict:
    return {"filing": case.qualification}
