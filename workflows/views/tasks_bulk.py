"""The bulk actions on the tasks ticked in a list (担当, 付け替え, 作業票): a preview of each, then the
result of each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.security.models.users import User
from workflows import desk_bulk
from workflows.desk_bulk_checks import reassign_candidates
from workflows.forms.desk import BulkForm


def _done_label(action: str) -> str:
    """The result table's word for a task the action was done to: the table showed the preview's 「可」
    after the action too (QA walk), which said what would be allowed, not what happened."""
    return {desk_bulk.CLAIM: _("担当済み"), desk_bulk.REASSIGN: _("付け替え済み")}.get(
        action, _("作業票に掲載")
    )


@require_POST
@login_required
@permission_required("cases.view_case", raise_exception=True)
def tasks_bulk(request: HttpRequest) -> HttpResponse:
    """The ticked tasks of a list: first a preview of what will happen to each, then (confirm) the
    result of each."""
    probe = BulkForm(request.POST)
    probe.is_valid()
    ids = probe.cleaned_data.get("tasks") or []
    candidates = reassign_candidates(request.user, ids) if ids else User.objects.none()
    form = BulkForm(request.POST, candidates=candidates)
    back = request.POST.get("back") or reverse("inbox")
    back = (
        back
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        else reverse("inbox")
    )
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect(back)
    data = form.cleaned_data
    action, to_user = data["action"], None
    if data.get("to_user"):
        to_user = get_object_or_404(User, pk=data["to_user"], is_active=True)
    if action == desk_bulk.REASSIGN and not request.user.has_perm("cases.reassign_task"):
        raise PermissionDenied(_("担当の付け替えは係長のみ行えます。"))
    confirmed = request.POST.get("confirm") == "1"
    if confirmed and action == desk_bulk.REASSIGN and not data["reason"].strip():
        form.add_error("reason", _("付け替えの理由を入力してください。"))
        confirmed = False
    if confirmed and (action != desk_bulk.REASSIGN or to_user is not None):
        items = desk_bulk.bulk_run(
            action=action,
            user=request.user,
            ids=data["tasks"],
            to_user=to_user,
            reason=data["reason"],
            shown_owners=form.shown_owners(),
            request=request,
        )
        template = (
            "workflows/desk/bulk_print.html"
            if action == desk_bulk.PRINT
            else "workflows/desk/bulk_result.html"
        )
        done = sum(item.ok for item in items)
        refused_items = [item for item in items if not item.ok]
        return render(
            request,
            template,
            {
                "items": items,
                "refused_items": refused_items,
                "action": action,
                "done": done,
                "done_label": _done_label(action),
                "refused": len(refused_items),
                "back": back,
            },
        )
    items = desk_bulk.bulk_preview(action=action, user=request.user, ids=data["tasks"], to_user=to_user)
    desk_bulk.refusals_log(request, [item for item in items if isinstance(item.message, desk_bulk.NotFound)])
    context = {
        "items": items,
        "action": action,
        "action_label": dict(BulkForm.ACTIONS)[action],
        "form": form,
        "back": back,
        "allowed": sum(item.ok for item in items),
        "waiting": sum(item.waiting for item in items),  # a 付け替え's rows before its owner is chosen
        "refused": sum(not item.ok and not item.waiting for item in items),
        "ids": data["tasks"],
    }
    return render(request, "workflows/desk/bulk_preview.html", context)
