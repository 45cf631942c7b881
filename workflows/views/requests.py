"""開示・訂正・利用停止請求: 受付 screen, one screen per human step, and the case page's panel (決定期限, 開示).
The 係長's POST actions (extend the 決定期限, the 開示報告書) are workflows/views/request_actions.py."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kernel.access import user_acts_on
from cases.kernel.models import REQUEST_CASE_TYPES, CaseEvent, CaseType
from cases.kernel.stages import FINAL_STAGES
from cases.requests import services as svc
from cases.requests.corrections import correction_targets
from cases.requests.deadline import DECISION_ARTICLES, last_open_day_before
from cases.requests.disclosure import REPORT_STAGES
from documents.models import Document
from documents.selectors import document_current
from workflows import steps
from workflows.forms.requests import (
    AnswerForm,
    DeadlineExtendForm,
    MyNumberApprovalForm,
    RequestApprovalForm,
    RequestIntakeForm,
    RespondForm,
)
from workflows.views.base import step_complete
from workflows.views.intake import intake_guard, intake_screen
from workflows.views.stages import approval_screen


def _chosen_type(request: HttpRequest) -> str | None:
    """The type is chosen on the form: the one sent, or the one the link asked for."""
    chosen = request.POST.get("case_type") if request.method == "POST" else request.GET.get("type")
    return chosen if chosen in REQUEST_CASE_TYPES else None


@intake_guard
def intake_request(request: HttpRequest, resident_id: int) -> HttpResponse:
    initial = {"received_on": timezone.localdate(), "requester": "self"}
    if request.GET.get("type") in CaseType.values:
        initial["case_type"] = request.GET["type"]

    def intake(form, resident):
        data = dict(form.cleaned_data)
        data.pop("once")
        data.pop("confirm_open_same", None)
        return svc.request_intake(actor=request.user, resident=resident, **data)

    return intake_screen(
        request,
        resident_id,
        case_type=_chosen_type,
        unchosen_types=sorted(REQUEST_CASE_TYPES),
        form_class=RequestIntakeForm,
        intake=intake,
        template="workflows/requests/intake.html",
        initial=initial,
        done=lambda case: (
            # The 受付票 is to be handed over, as after every other intake (base.py's message).
            _("整理番号 %(number)s で%(type)sを受け付けました (受付票は案件画面の「帳票」から印刷できます)。")
            % {"number": case.number, "type": case.type_label}
        ),
    )


def disclosure_panel(*, user, case) -> dict | None:
    """What the 開示 section of a request case shows this user."""
    if case.case_type != CaseType.DISCLOSURE:
        return None
    supervisor = user.has_perm("cases.approve_case")
    actionable = supervisor and case.stage in REPORT_STAGES
    return {
        "report": document_current(kind=Document.Kind.DISCLOSURE, case=case),
        "can_issue": actionable,
        "can_approve_mynumber": actionable
        and user.has_perm("cases.use_mynumber")
        and not case.resident_request.mynumber_approved,
        "mynumber_form": MyNumberApprovalForm() if actionable else None,
    }


def _shown(request: HttpRequest, case) -> dict:
    """What every step screen of a request shows besides its form."""
    return {
        "resident_request": case.resident_request,
        "deadline": deadline_panel(user=request.user, case=case),
        "disclosure": disclosure_panel(user=request.user, case=case),
        "events": case.events.select_related("actor", "office"),
    }


def _context(request: HttpRequest, task, case, form) -> dict:
    return {"task": task, "case": case, "form": form, **_shown(request, case)}


def respond(request: HttpRequest, task, case) -> HttpResponse:
    targets = correction_targets(resident=case.resident) if case.case_type == CaseType.CORRECTION else []
    form = RespondForm(request.POST or None, case_type=case.case_type, targets=targets)
    if request.method == "POST" and form.is_valid():
        response = step_complete(
            request,
            form,
            lambda: steps.type_step(
                task_id=task.pk, user=request.user, service=svc.request_respond, **form.service_kwargs()
            ),
            _("対応を記録しました。"),
        )
        if response:
            return response
    return render(request, "workflows/requests/respond.html", _context(request, task, case, form))


def approve(request: HttpRequest, task, case) -> HttpResponse:
    extra = _shown(request, case)
    return approval_screen(
        request,
        task,
        case,
        template="workflows/requests/approve.html",
        extra=extra,
        form_class=RequestApprovalForm,
    )


def answer(request: HttpRequest, task, case) -> HttpResponse:
    form = AnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        response = step_complete(
            request,
            form,
            lambda: steps.type_step(
                task_id=task.pk, user=request.user, service=svc.request_answer, **form.cleaned_data
            ),
            _("回答を記録し、請求を完了しました。"),
        )
        if response:
            return response
    return render(request, "workflows/requests/answer.html", _context(request, task, case, form))


STEPS = {"respond": respond, "approve": approve, "answer": answer}


def deadline_panel(*, user, case) -> dict | None:
    """The 決定期限 and, for a 係長 of the case's office before it is extended, the extension form."""
    if case.decision_due_on is None:
        return None
    extended = case.events.filter(action=CaseEvent.Action.DEADLINE_EXTENDED).first()
    may_extend = (
        extended is None
        and case.stage not in FINAL_STAGES
        and user.has_perm("cases.approve_case")
        and user_acts_on(user, case)
    )
    return {
        "due_on": case.decision_due_on,
        "article": DECISION_ARTICLES.get(case.case_type, ""),
        "open_before": last_open_day_before(case.decision_due_on),
        "extended": extended,
        "form": DeadlineExtendForm() if may_extend else None,
    }


def case_panel(request: HttpRequest, case) -> dict:
    """The case page's part for a request: what was asked, its 決定期限, and the 開示 actions."""
    return {
        "resident_request": case.resident_request,
        "deadline": deadline_panel(user=request.user, case=case),
        "disclosure": disclosure_panel(user=request.user, case=case),
    }
