"""The 障害基礎年金 screens: 受付 with the routing check (and the referral to the 年金事務所), and the steps
whose content is the claim's (入力 with the 納付状況 and the papers, 照合, 決裁). 本人確認 is the
kernel's screen (workflows/views/stages.py); 書類不備 is its screen with this type's wording."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.common.date_display import series_separator
from cases.disability import rules
from cases.disability.assessment import Assessment
from cases.disability.intake import disability_assess, disability_intake
from cases.disability.models import ClaimBasis, DisabilityClaim
from cases.disability.period_records import records_changed_since_input
from cases.disability.present import (
    BASES,
    CONTRIBUTION_RULES,
    KINDS,
    REASONS,
    ROUTES,
    WHY_NOT,
    WINDOWS,
    claim_display,
    doubt_texts,
    note_texts,
)
from cases.disability.services import DisabilityInput
from cases.kernel.models import CaseType
from workflows.forms.disability import DisabilityDocumentsOutcomeForm, InputForm, IntakeForm, PeriodFormSet
from workflows.views.intake import intake_guard, intake_screen
from workflows.views.stages import approval_screen, cross_check_screen, documents_outcome_screen, input_exit


def routing_view(found: Assessment, *, standard: bool = False) -> dict:
    """The routing check's answer on the intake screen, before anything is saved. For a 基準障害
    (`standard`) the day before the 65歳到達日 bounds the grading, not the claim (法30条の3第1項)."""
    return {
        "standard": standard,
        "city": found.city_takes_it,
        "route": ROUTES[found.office.route],
        "reason": REASONS[found.office.reason],
        "recognition": found.recognition.date,
        "basis": BASES[found.recognition.basis],
        "kind": KINDS[found.kind.kind],
        "why_not": WHY_NOT.get(found.kind.why_not, ""),
        "certificates": [
            {"label": WINDOWS[(w.anchor, w.window)], "first": w.first, "last": w.last} for w in found.windows
        ],
        "payment_start": found.payment_start,
        "post_onset_deadline": found.post_onset_deadline,
        "income_notice": found.income_notice,
        "doubts": doubt_texts(found.doubts, found.rule_values),
        "notes": note_texts(found.notes),
    }


def _referred(request: HttpRequest, case) -> HttpResponse | None:
    """A claim referred to the 年金事務所 goes to its case page, which offers the 案内票 to print."""
    if not case.disability.referred:
        return None
    text = _("整理番号 %(number)s で記録しました。年金事務所への案内票を印刷してお渡しください。")
    messages.success(request, text % {"number": case.number})
    return redirect("case_detail", case_id=case.pk)


@intake_guard
def intake_disability(request: HttpRequest, resident_id: int) -> HttpResponse:
    def intake(form, resident):
        return disability_intake(
            actor=request.user,
            resident=resident,
            received_on=form.cleaned_data["received_on"],
            facts=form.to_facts(birth_date=resident.birth_date),
            counter=form.to_counter(),
        )

    def routing(form, resident) -> dict:
        """The routing check (「判定する」): where the claim is taken, nothing saved."""
        facts = form.to_facts(birth_date=resident.birth_date)
        found = disability_assess(
            resident=resident, facts=facts, received_on=form.cleaned_data["received_on"]
        )
        return {"routing": routing_view(found, standard=facts.claim_basis == ClaimBasis.STANDARD)}

    return intake_screen(
        request,
        resident_id,
        case_type=CaseType.DISABILITY,
        form_class=IntakeForm,
        intake=intake,
        template="workflows/disability/intake.html",
        checks={"check": routing},
        context={"routing": None},
        answer=lambda case: _referred(request, case),
    )


def _pending_papers(case) -> list[tuple[str, str]]:
    return [(item.code, item.label_shown) for item in case.checklist.all() if not item.settled]


def _periods_initial(claim) -> list[dict]:
    record = claim.contribution or {}
    initial = []
    for period in record.get("periods", []):
        settled = period["settled_on"]
        initial.append(
            {
                "start": dt.date.fromisoformat(f"{period['from']}-01"),
                "end": dt.date.fromisoformat(f"{period['to']}-01"),
                "status": period["status"],
                "settled_on": dt.date.fromisoformat(settled) if settled else None,
                "category3": period.get("category3", False),
            }
        )
    return initial


def _input_done(task) -> str:
    """Saved and on to 照合; a 現症日 outside its window is said now (照合 stops on it until the right
    診断書 comes or a 係長 marks the paper 不要), not first found by the second clerk."""
    claim = DisabilityClaim.objects.get(case_id=task.process.case.pk)
    outside = [row["label"] for row in claim_display(claim)["certificates"] if row["check"] == rules.OUTSIDE]
    done = _("入力を保存しました。照合に回します。")
    if outside:
        done += " " + _(
            "注意: %(papers)s の現症日が期間外です。正しい診断書が届くか係長が不要とするまで照合は進みません。"
        ) % {"papers": series_separator().join(str(label) for label in outside)}  # 「、」 or ", "
    return done


def enter_data(request: HttpRequest, task, case) -> HttpResponse:
    claim = case.disability
    display = claim_display(claim)
    windows = [(row["code"], row["label"]) for row in display["certificates"]]
    initial = InputForm.initial_from(claim)
    initial["insured_at_first_visit"] = (claim.contribution or {}).get(
        "insured_at_first_visit", claim.status_at_first_visit != "not_insured"
    )
    # Back from 書類不備 (or 差戻し): the periods below are the ones the clerk copied and confirmed.
    initial["contribution_confirmed"] = claim.contribution_checked_at is not None
    for row in display["certificates"]:
        day = row["current_on"]
        initial[f"current_on_{row['code']}"] = dt.date.fromisoformat(day) if day else None
    form = InputForm(request.POST or None, initial=initial, windows=windows, pending=_pending_papers(case))
    periods = PeriodFormSet(request.POST or None, initial=_periods_initial(claim), prefix="periods")
    periods_valid = periods.is_valid() if request.method == "POST" else False
    if request.method == "POST" and form.is_valid() and not periods_valid:
        form.add_error(None, _("納付状況の期間に誤りがあります。表の各行を確認してください。"))
    if request.method == "POST" and form.is_valid() and periods_valid:
        data = form.cleaned_data
        entered = DisabilityInput(
            facts=form.to_facts(birth_date=case.resident.birth_date),
            current_on=form.current_on(),
            periods=[p for p in (f.to_period() for f in periods.forms) if p is not None],
            insured_at_first_visit=data["insured_at_first_visit"],
            contribution_confirmed=data["contribution_confirmed"],
            received=data["received"],
            counter=form.to_counter(),
        )
        response = input_exit(request, task, form, entered, done=_input_done)
        if response:
            return response
    context = {
        "task": task,
        "case": case,
        "form": form,
        "periods": periods,
        "claim": claim,
        "display": display,
        "checklist_items": case.checklist.all(),
    }
    return render(request, "workflows/disability/enter_data.html", context)


def await_documents(request: HttpRequest, task, case) -> HttpResponse:
    """書類不備 with the claim's own papers: the 請求書類 still asked for are listed."""
    return documents_outcome_screen(
        request,
        task,
        case,
        form_class=DisabilityDocumentsOutcomeForm,
        template="workflows/disability/await_documents.html",
        context=lambda: {
            "requested": [item for item in case.checklist.all() if item.state == item.State.REQUESTED]
        },
    )


def _shown(case) -> dict:
    """照合 and 決裁: the claim as 入力 left it, and whether the records have changed since (period_records)."""
    return {
        "claim": case.disability,
        "display": claim_display(case.disability),
        "records_changed": records_changed_since_input(case.disability),
        "checklist_items": case.checklist.all(),
        "rule_labels": CONTRIBUTION_RULES,
    }


def cross_check(request: HttpRequest, task, case) -> HttpResponse:
    return cross_check_screen(
        request, task, case, template="workflows/disability/cross_check.html", extra=_shown(case)
    )


def approve(request: HttpRequest, task, case) -> HttpResponse:
    extra = {**_shown(case), "events": case.events.select_related("actor", "office")}
    return approval_screen(request, task, case, template="workflows/disability/approve.html", extra=extra)


STEPS = {
    "await_documents": await_documents,
    "enter_data": enter_data,
    "cross_check": cross_check,
    "approve": approve,
}


def case_panel(request: HttpRequest, case) -> dict:
    """The case page's part for a claim: what was declared, and what the rules computed from it."""
    return {"claim": case.disability, "display": claim_display(case.disability)}
