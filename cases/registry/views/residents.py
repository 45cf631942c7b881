"""The resident page (宛名・年金記録, read-only) and 「個人番号を表示」.

Scoping: a clerk may open any resident, the same reach the counter's intake search already gives
(a person may come to any office); every opening is logged. The cases listed are only those the user
may open (their own office's for a clerk).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cases.common.params import int_param
from cases.kernel.access import cases_visible_to
from cases.registry.forms.mynumber import IncomePurposeForm, MyNumberRevealForm
from cases.registry.income_view import income_basis, income_purpose_for_case, income_purpose_state
from cases.registry.models.residents import Resident
from cases.registry.mynumber import NOT_REGISTERED, PURGED, mynumber_reveal
from cases.registry.reveals import (
    RevealAlreadyRequested,
    RevealNeedsApproval,
    RevealRefused,
    case_grounds_reveal,
    reveal_approval_request,
    reveal_suspended,
)
from cases.registry.selectors.resident_page import resident_page
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.scope import user_acts_for


@login_required
@permission_required("cases.lookup_resident", raise_exception=True)
def resident_detail(request: HttpRequest, resident_id: int) -> HttpResponse:
    return _resident_page(request, resident_id)


def _resident_page(request: HttpRequest, resident_id: int, income_form=None) -> HttpResponse:
    """The page; `income_form`: a 「所得情報を表示」 sent with an error, shown again as it was sent."""
    resident = get_object_or_404(Resident.objects.select_related("use_suspended_case"), pk=resident_id)
    context = resident_page(resident=resident, user=request.user)
    suspension = resident.use_suspended_case
    # A 利用停止 is lifted by a 係長 of the request's office (decisions §17), or the 本庁's: the rule
    # resident_use_resume applies.
    context["may_lift"] = request.user.has_perm("cases.approve_case") and user_acts_for(
        request.user, suspension.office_id if suspension is not None else None
    )
    if request.user.has_perm("cases.use_mynumber"):
        context["reveal_form"] = MyNumberRevealForm(cases=context["cases"])
        # Said before the clerk fills the form, not on sending it (the form is not offered then).
        context["reveal_stopped"] = reveal_suspended(request.user)
    basis, income_case = income_basis(
        cases=context["cases"], session=request.session, resident_id=resident.pk
    )
    if not basis:
        context["incomes"] = None
        context["income_form"] = income_form or IncomePurposeForm()
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        resident_id=resident.pk,
        # Incomes shown for a case: the entry says so and is filed under the case (the auditor's 整理番号).
        case_id=income_case.pk if income_case is not None else None,
        target="resident",
        purpose=income_purpose_for_case() if income_case is not None else "",
        detail={"income": basis} if basis else None,
    )
    return render(request, "cases/residents/detail.html", context, status=400 if income_form else 200)


@require_POST
@login_required
@permission_required("cases.lookup_resident", raise_exception=True)
def resident_income(request: HttpRequest, resident_id: int) -> HttpResponse:
    """「所得情報を表示」: the purpose stated, recorded, then the resident page shows the incomes."""
    resident = get_object_or_404(Resident, pk=resident_id)
    form = IncomePurposeForm(request.POST)
    if not form.is_valid():
        return _resident_page(request, resident.pk, income_form=form)
    income_purpose_state(
        request=request,
        resident=resident,
        purpose=form.cleaned_data["purpose"],
        note=form.cleaned_data["note"],
    )
    return redirect(reverse("resident_detail", args=[resident.pk]) + "#income")


def _display(value: str) -> str:
    if value == PURGED:
        return _("消去済")
    if value == NOT_REGISTERED:
        return _("未登録")
    return f"{value[:4]} {value[4:8]} {value[8:]}"


@never_cache  # Cache-Control: no-store — the number must not stay in any cache or back button
@login_required
def resident_mynumber(request: HttpRequest, resident_id: int) -> HttpResponse:
    """Shows the number once, on the response to the POST that stated the purpose. Without a case or
    intake at this office, the same form asks a 係長 for approval instead (cases.registry.reveals)."""
    if not request.user.has_perm("cases.use_mynumber"):
        audit_record(
            action=AuditAction.DENIED, request=request, resident_id=resident_id, target="mynumber_reveal"
        )
        raise PermissionDenied(_("個人番号の表示は個人番号利用事務の担当者のみ行えます。"))
    resident = get_object_or_404(Resident, pk=resident_id)
    cases = list(cases_visible_to(request.user).filter(resident=resident).order_by("-received_on", "-id"))
    case_param = int_param(request.GET.get("case"))
    initial = {"case": case_param} if case_param is not None else {}
    form = MyNumberRevealForm(request.POST or None, cases=cases, initial=initial)
    shown, status, needs_approval = None, 200, False
    if request.method == "POST" and form.is_valid():
        case = next((c for c in cases if c.pk == form.cleaned_data["case"]), None)
        data = form.cleaned_data
        try:
            # A case chosen on the form that grounds no reveal (a 開示請求, a finished case) does not
            # stop the request for approval: the approval is for the person, not for a case.
            asks = request.POST.get("request_approval")
            if asks and (case is None or not case_grounds_reveal(user=request.user, case=case)):
                reveal_approval_request(
                    user=request.user,
                    resident=resident,
                    purpose=data["purpose"],
                    note=data["note"],
                    request=request,
                )
                messages.success(request, _("係長に承認を依頼しました。承認後にこの画面から表示できます。"))
                return redirect("resident_mynumber", resident_id=resident.pk)
            shown = mynumber_reveal(
                user=request.user,
                resident=resident,
                purpose=data["purpose"],
                note=data["note"],
                case=case,
                request=request,
            )
        except RevealAlreadyRequested as exc:
            messages.warning(request, exc.messages[0])
            return redirect("resident_mynumber", resident_id=resident.pk)
        except RevealRefused as exc:
            form.add_error(None, str(exc))
            status = 403
        except RevealNeedsApproval as exc:
            form.add_error(None, exc.messages)
            needs_approval = True
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, error_messages in errors.items():
                form.add_error(field if field in form.fields else None, error_messages)
    context = {
        "resident": resident,
        "form": form,
        "shown": _display(shown) if shown else None,
        "needs_approval": needs_approval,
        # A refusal just made says why itself (the limit reached); otherwise a suspension is said at once.
        "reveal_stopped": not form.errors and reveal_suspended(request.user),
    }
    return render(request, "cases/residents/reveal.html", context, status=status)
