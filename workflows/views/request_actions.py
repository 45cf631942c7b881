"""開示・訂正・利用停止請求: the 係長's actions from the case page or a step screen (POST only): extending
the 決定期限, issuing the 開示報告書 and approving the 個人番号 on it. Each goes back where it was asked
from. The 受付 and step screens are workflows/views/requests.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.common.date_display import date_show
from cases.common.params import int_param
from cases.kernel.access import case_act_check, case_get_for_user
from cases.requests.deadline import request_deadline_extend
from cases.requests.disclosure import (
    UNCHECKED,
    ReportAlreadyIssued,
    disclosure_mynumber_approve,
    disclosure_report_issue,
)
from workflows.forms.requests import DeadlineExtendForm, MyNumberApprovalForm


@require_POST
@login_required
@permission_required("cases.approve_case", raise_exception=True)
def request_deadline_extend_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    case_act_check(user=request.user, case=case)  # another office's request: 403 before anything
    form = DeadlineExtendForm(request.POST)
    if not form.is_valid():
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("延長の日数と理由を確認してください: %(errors)s") % {"errors": errors})
        return _back(request, case.pk)
    try:
        case = request_deadline_extend(
            case=case, actor=request.user, days=form.cleaned_data["days"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("決定期限を%(due)sまで延長しました。回答に延長後の期間と理由を記載してください。")
            % {"due": date_show(case.decision_due_on)},
        )
    return _back(request, case.pk)


def _back(request: HttpRequest, case_id: int) -> HttpResponse:
    task_id = int_param(request.POST.get("task"))
    if task_id is not None:
        return redirect("task_work", task_id=task_id)
    return redirect("case_detail", case_id=case_id)


@require_POST
@login_required
@permission_required("cases.approve_case", raise_exception=True)
def disclosure_report(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    # The report the page showed ("": none); a page without the field is not checked.
    shown = request.POST.get("replaces")
    replaces = UNCHECKED if shown is None else int_param(shown)
    try:
        document = disclosure_report_issue(case=case, actor=request.user, request=request, replaces=replaces)
    except ReportAlreadyIssued as exc:
        messages.info(request, exc.messages[0])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("開示報告書を作成しました (帳票番号 %(number)s)。") % {"number": document.pk}
        )
    return _back(request, case.pk)


@require_POST
@login_required
@permission_required("cases.approve_case", raise_exception=True)
def disclosure_mynumber(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = MyNumberApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("個人番号を記載する理由を入力してください。"))
        return _back(request, case.pk)
    try:
        disclosure_mynumber_approve(
            case=case, actor=request.user, reason=form.cleaned_data["reason"], request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("個人番号の記載を承認しました。これから作成する開示報告書に個人番号を記載します。")
        )
    return _back(request, case.pk)
