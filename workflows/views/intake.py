"""受付 at the counter: find the applicant, take the application, start the case.

`intake_screen` is every type's intake screen (docs/architecture.md, "Adding a case type" step 5): a
type's view is `@intake_guard` and one call naming its service, form and template, with hooks for what
only it does (qualification's 「計算」, the 障害基礎年金 claim's routing check and referral)."""

from collections.abc import Callable, Collection

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kernel.casetypes import casetype_label, casetype_person_label
from cases.kernel.models import Case
from cases.registry.models.residents import Resident
from cases.registry.mynumber import resident_search_by_mynumber
from cases.registry.reveal_limits import reveal_suspended
from cases.registry.reveals import RevealRefused
from cases.registry.selectors.residents import SEARCH_LIMIT, residents_search
from cases.security.audit import audit_record, audit_record_each
from cases.security.models.audit import AuditAction
from workflows.forms.search import ApplicantSearchForm, MyNumberSearchForm
from workflows.forms.stages import KernelIntakeForm
from workflows.open_same import open_cases_of_type
from workflows.views.base import (
    add_service_errors,
    intake_open_same,
    intake_open_same_unconfirmed,
    intake_started,
)


def intake_guard(view):
    """Every intake screen's guard: a member of staff who takes intakes (cases.take_intake). Stacked
    on the type's view itself, where the access matrix reads it (cases/security/authz.py view_guard)."""
    return login_required(permission_required("cases.take_intake", raise_exception=True)(view))


def intake_screen(
    request: HttpRequest,
    resident_id: int,
    *,
    case_type: str | Callable[[HttpRequest], str | None],
    unchosen_types: Collection[str] = (),
    intake: Callable[[object, Resident], Case],
    form_class: type = KernelIntakeForm,
    template: str = "workflows/intake/kernel.html",
    initial: dict | None = None,
    checks: dict[str, Callable[[object, Resident], dict]] | None = None,
    context: dict | None = None,
    done: Callable[[Case], str] | None = None,
    answer: Callable[[Case], HttpResponse | None] | None = None,
    target: str = "",
    same_key: Callable[[object, Resident], object] | None = None,
) -> HttpResponse:
    """The intake screen of a type: the person's header, the person's open cases of the type (a second
    is taken only when the clerk confirms it), the form, and on a valid form the case started
    through `intake(form, resident)` (the type's service; workflows/views/base.py intake_started).

    `case_type`: the code, or (request) → the code chosen on the form (None: not chosen yet);
    `unchosen_types`: the codes whose open cases are listed while none is chosen (the first view of a
    screen whose form chooses among them: the clerk is warned before filling it in, as on the others);
    `initial`: the form's (default: 受付日 today); `checks`: {the button's action: (form, resident) →
    context}, steps that compute and save nothing (a ValidationError goes on the form); `context`: the
    template's own variables; `done`/`answer`: as intake_started's; `target`: the access log's, by
    default the URL name, which the log names 「受付 (<type>)」 from the spec (cases/kernel/casetypes.py);
    `same_key`: (valid form, resident) → the key of the application being taken, as the stored case will
    have it (what the person's records change, e.g. months before the 20歳 month, counts), for a type whose
    spec has `same_application` (None: not known, and every open case of the type asks for the confirmation)."""
    resident = get_object_or_404(Resident.objects.select_related("pension"), pk=resident_id)
    code = case_type(request) if callable(case_type) else case_type
    if initial is None:
        initial = {"received_on": timezone.localdate()}
    form = form_class(request.POST or None, initial=initial)
    open_same = open_cases_of_type(
        user=request.user, resident=resident, case_types=[code] if code else unchosen_types, chosen=bool(code)
    )
    intake_open_same(form, open_same)
    shown = dict(context or {})
    if request.method == "POST" and form.is_valid():
        check = (checks or {}).get(request.POST.get("action", ""))
        if check is not None:
            try:
                shown.update(check(form, resident))
            except ValidationError as exc:
                add_service_errors(form, exc)
        elif not intake_open_same_unconfirmed(
            form, open_same.same_as(same_key(form, resident) if same_key else None)
        ):
            started = intake_started(
                request,
                form,
                case_type=code,
                intake=lambda: intake(form, resident),
                done=done,
                answer=answer,
            )
            if started is not None:
                return started
    # 閲覧の記録 (PIA III-3): the person's record was shown at the counter.
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        resident_id=resident.pk,
        target=target or request.resolver_match.url_name,
    )
    shown.update(
        form=form,
        resident=resident,
        open_same=open_same,
        type_label=casetype_label(code) if code else "",
        person_label=casetype_person_label(code),
    )
    return render(request, template, shown)


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
        # The results shown are the name search's, for the values its boxes hold: after a language switch
        # draft.js sends it again, so the other language shows them too (the search stays posted).
        "name_results": by_name and results is not None,
        # A suspended clerk is told at once rather than on sending the search (a refusal just made says so
        # itself). The search is refused on the server all the same (resident_search_by_mynumber).
        "number_stopped": number_form is not None
        and not number_form.errors
        and reveal_suspended(request.user),
    }
    return render(request, "workflows/intake/search.html", context)
