"""個人番号の表示の承認 (係長): requests from clerks of the office for a person with no case or intake
there, and staff whose revealing is suspended (issue 11 H3). Scoped to the 係長's own office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.registry.forms.mynumber import RevealDecisionForm
from cases.registry.models.reveals import RevealApproval
from cases.registry.reveals import APPROVE_PERMISSION, reveal_approval_decide, reveal_suspension_lift
from cases.security.audit import audit_record
from cases.security.models.alerts import RevealSuspension
from cases.security.models.audit import AuditAction
from cases.security.refusal_words import refusal_message_shown
from cases.security.refusals import refusal_record


def _decide(request: HttpRequest, form: RevealDecisionForm) -> None:
    office_id = request.user.office_id
    action, item = form.cleaned_data["action"], form.cleaned_data["item"]
    if action == "lift":
        suspension = RevealSuspension.objects.filter(pk=item, user__office_id=office_id).first()
        if suspension is None:
            raise Http404
        reveal_suspension_lift(suspension=suspension, by=request.user, request=request)
        messages.success(request, _("%(user)s の表示の停止を解除しました。") % {"user": suspension.user})
        return
    approval = RevealApproval.objects.filter(pk=item, requested_by__office_id=office_id).first()
    if approval is None:
        raise Http404
    reveal_approval_decide(approval=approval, by=request.user, approve=action == "approve", request=request)
    messages.success(request, _("承認しました。") if action == "approve" else _("却下しました。"))


@login_required
@permission_required(APPROVE_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def reveal_approvals(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = RevealDecisionForm(request.POST)
        if form.is_valid():
            try:
                _decide(request, form)
            except (PermissionDenied, ValidationError) as exc:
                if isinstance(exc, PermissionDenied):
                    refusal_record(request, message=str(exc))
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("reveal_approvals")
    office_id = request.user.office_id
    pending = (
        RevealApproval.objects.filter(state=RevealApproval.State.PENDING, requested_by__office_id=office_id)
        .select_related("resident", "requested_by")
        .order_by("requested_at")
    )
    suspended = RevealSuspension.objects.filter(
        lifted_at__isnull=True, user__office_id=office_id
    ).select_related("user")
    for suspension in suspended:  # kept in Japanese, read in the reader's language
        suspension.reason_shown = refusal_message_shown(suspension.reason)
    audit_record(action=AuditAction.VIEW, request=request, target="mynumber_reveal_approval")
    return render(
        request, "cases/residents/reveal_approvals.html", {"pending": pending, "suspended": suspended}
    )
