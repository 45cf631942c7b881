"""取下げ from the case page, at any stage before 送付 (workflows/withdraw.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.common.freetext import FreeTextField
from cases.kernel.access import case_get_for_user, user_acts_on
from cases.security.authz import permission_any
from workflows.engine import FlowBusy
from workflows.withdraw import case_withdraw, withdraw_allowed

# At the counter (the receiving clerks) or by their supervisor.
WITHDRAW_PERMISSIONS = ("cases.take_intake", "cases.approve_case")


class WithdrawForm(forms.Form):
    reason = FreeTextField(
        label=gettext_lazy("取下げの理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("例: 申請者から取下げの申出 (電話)。誤って受け付けたため。"),
    )


def withdraw_panel(*, user, case) -> WithdrawForm | None:
    """The 取下げ form of the case page, when this user may withdraw this case now."""
    if not any(user.has_perm(p) for p in WITHDRAW_PERMISSIONS) or not withdraw_allowed(case):
        return None
    if not user_acts_on(user, case):  # a branch 係長 sees the 本庁's case but does not withdraw it
        return None
    return WithdrawForm()


@require_POST
@login_required
@permission_any(*WITHDRAW_PERMISSIONS)
def case_withdraw_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("取下げの理由を入力してください。"))
        return redirect("case_detail", case_id=case.pk)
    try:
        case_withdraw(case_id=case.pk, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except FlowBusy as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(
            request,
            _("案件 %(number)s を取り下げました。作業はすべて終了しました。") % {"number": case.number},
        )
    return redirect("case_detail", case_id=case.pk)
