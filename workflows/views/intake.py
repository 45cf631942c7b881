"""受付 at the counter: find the applicant, take the application, start the case."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.registry.mynumber import resident_search_by_mynumber
from cases.registry.reveals import RevealRefused
from cases.registry.selectors.residents import SEARCH_LIMIT, residents_search
from cases.security.audit import audit_record, audit_record_each
from cases.security.models.audit import AuditAction
from workflows.forms.search import ApplicantSearchForm, MyNumberSearchForm
from workflows.views.base import add_service_errors


@login_required
@permission_required("cases.take_intake", raise_exception=True)
def intake_search(request: HttpRequest) -> HttpResponse:
    # Both searches are posted: names, birth dates and numbers must never appear in a URL or the web
    # server's access log. The name form carries search=name; anything else is a 個人番号 search.
    by_name = request.method == "POST" and request.POST.get("search") == "name"
    form = ApplicantSearchForm(request.POST if by_name else None)
    number_form = (
        MyNumberSearchForm(request.POST if request.method == "POST" and not by_name else None)
        if request.user.has_perm("cases.use_mynumber")
        else None
    )
    results = None
    if request.method == "POST" and not by_name:
        if number_form is None:
            raise PermissionDenied(_("個人番号による検索は個人番号利用事務の担当者のみ行えます。"))
        if number_form.is_valid():
            try:
                found = resident_search_by_mynumber(
                    user=request.user,
                    number=number_form.cleaned_data["number"],
                    purpose=number_form.cleaned_data["purpose"],
                    note=number_form.cleaned_data["note"],
                    request=request,
                )
            except RevealRefused as exc:  # 利用停止, or the hourly limit or a suspension
                number_form.add_error(None, str(exc))
            except ValidationError as exc:
                add_service_errors(number_form, exc)
            else:
                results = [found] if found else []
    elif form.is_bound and form.is_valid():
        try:
            results = list(residents_search(**form.cleaned_data)[: SEARCH_LIMIT + 1])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            detail = {"criteria": sorted(k for k, v in form.cleaned_data.items() if v), "hits": len(results)}
            if results:
                # One entry per person the list shows (its name, birth date, address, 基礎年金番号): the
                # auditor's filter by 宛名番号 finds this search too (PIA III-3).
                shown = [(resident.pk, None) for resident in results[:SEARCH_LIMIT]]
                audit_record_each(
                    people=shown,
                    action=AuditAction.SEARCH,
                    request=request,
                    target="resident_search",
                    detail=detail,
                )
            else:
                audit_record(
                    action=AuditAction.SEARCH, request=request, target="resident_search", detail=detail
                )
    context = {
        "form": form,
        "number_form": number_form,
        "results": results,
        "limit": SEARCH_LIMIT,
        # The cursor starts in the form that was sent (its error), not always in the name search.
        "number_sent": request.method == "POST" and not by_name,
    }
    return render(request, "workflows/intake/search.html", context)
