from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.common.codes import ExemptionKind
from cases.exemption.forms import ConsultationForm
from cases.exemption.screening.outlook import age_outlook
from cases.exemption.screening.params import (
    ScreeningParamsMissing,
    current_fiscal_year,
    screening_params_for,
    screening_years,
)
from cases.exemption.screening.present import screening_present
from cases.exemption.screening.rules import screening_evaluate


@login_required
@permission_required("cases.screen_exemption", raise_exception=True)
def consultation(request: HttpRequest) -> HttpResponse:
    # POST, not GET: the incomes typed here must not end up in URLs or access logs.
    current = current_fiscal_year()
    form_kwargs = {"years": screening_years(), "current_year": current}
    form = ConsultationForm(request.POST if request.method == "POST" else None, **form_kwargs)
    context: dict = {
        "form": form,
        "lines": None,
        "params": None,
        "params_error": None,
        "top_fields": ("fiscal_year", "birth_date", "age", "insured_kind"),
    }
    if request.method == "POST" and form.is_valid():
        try:
            params = screening_params_for(fiscal_year=form.cleaned_data["fiscal_year"])
        except (ScreeningParamsMissing, ValueError) as exc:
            context["params_error"] = str(exc)
        else:
            data = form.to_input()
            result = screening_evaluate(data=data, params=params)
            outlook = age_outlook(
                result,
                screening_present(
                    result=result,
                    params=params,
                    period_last=data.period[1] if data.period else None,
                    by_birth_date=data.birth_date is not None,
                ),
            )
            context.update(
                lines=outlook.lines,
                params=params,
                best_label=ExemptionKind(result.best).label if result.best else None,
                best_months=outlook.best_months,
                outlook_note=outlook.note,
                fiscal_year=form.cleaned_data["fiscal_year"],
            )
    return render(request, "cases/consultation.html", context)
