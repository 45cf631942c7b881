"""Screens of the requests part outside the case flow: lifting a 利用停止 from the resident page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.registry.models.residents import Resident
from cases.requests.suspension import resident_use_resume


@require_POST
@login_required
@permission_required("cases.approve_case", raise_exception=True)
def resident_use_resume_view(request: HttpRequest, resident_id: int) -> HttpResponse:
    """利用停止の解除, from the resident page (係長, with a reason)."""
    resident = get_object_or_404(Resident, pk=resident_id)
    try:
        resident_use_resume(
            resident_id=resident.pk,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, _("利用停止を解除できませんでした: %(reason)s") % {"reason": message})
    else:
        messages.success(request, _("利用停止を解除しました。"))
    return redirect("resident_detail", resident_id=resident.pk)
