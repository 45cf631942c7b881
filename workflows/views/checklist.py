"""The case page's 提出書類 panel: each paper a case needs and where it stands, and the one action
that records a change (受領・確認済・依頼中・不要). Office scope as for the case page; 不要 is a 係長's.
Once 決裁 has approved, the papers are shown without the form (cases/kernel/checklist.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.kernel.access import case_act_check, case_get_for_user, user_acts_on
from cases.kernel.casetypes import casetype_spec
from cases.kernel.checklist import checklist_mark, checklist_open
from cases.security.authz import permission_any
from workflows.forms.stages import ChecklistForm
from workflows.views.base import refused


def checklist_panel(*, user, case) -> dict | None:
    if casetype_spec(case.case_type).checklist is None:
        return None  # a type without papers to track: no query
    items = list(case.checklist.all())
    if not items:
        return None
    may = (user.has_perm("cases.enter_data") or user.has_perm("cases.approve_case")) and user_acts_on(
        user, case
    )
    editable = may and checklist_open(case)
    return {
        "items": items,
        "form": ChecklistForm(waive=user.has_perm("cases.approve_case")) if editable else None,
    }


def checklist_shown(case) -> dict | None:
    """The same panel, read-only, for a step screen: the clerk at 入力, 照合 or 決裁 sees which
    papers are still missing (照合 and a 承認 at 決裁 wait for them) and changes them on the case page."""
    if casetype_spec(case.case_type).checklist is None:
        return None
    items = list(case.checklist.all())
    return {"items": items, "form": None, "case_page": True} if items else None


@require_POST
@login_required
@permission_any("cases.enter_data", "cases.approve_case")
def checklist_item_mark(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    case_act_check(user=request.user, case=case)
    form = ChecklistForm(request.POST, waive=request.user.has_perm("cases.approve_case"))
    if not form.is_valid():
        messages.error(
            request, _("提出書類の指定に誤りがあります: %(errors)s") % {"errors": form.errors_text()}
        )
        return redirect("case_detail", case_id=case.pk)
    data = form.cleaned_data
    try:
        item = checklist_mark(
            case=case,
            code=data["code"],
            state=data["state"],
            actor=request.user,
            due_on=data["due_on"],
            note=data["note"],
        )
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, PermissionDenied):
            refused(request, exc)
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, _("提出書類を更新できませんでした: %(reason)s") % {"reason": text})
    else:
        messages.success(
            request,
            _("「%(label)s」を「%(state)s」にしました。")
            % {"label": item.label_shown, "state": item.get_state_display()},
        )
    return redirect("case_detail", case_id=case.pk)
