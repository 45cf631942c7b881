"""What each case type brings to the city-year: the intake at the counter, what the clerk types at 入力,
and 機構's answer to it in the 処理結果一覧表 — the same services and data as the tests' helpers
(tests/workflows/helpers.py, tests/disability/helpers.py, tests/qualification/helpers.py) and the
browser day's answers (tests/browser/days.py)."""

import datetime as dt

from bench.city_year_world import Plan


def exemption_period(today: dt.date) -> tuple[dt.date, dt.date]:
    from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of

    return fiscal_year_bounds(fiscal_year_of(today, student=False), student=False)


def intake(plan: Plan, clerk, today: dt.date):
    """受付 at the counter: the type's intake service inside case_start (the flow starts, the 受付票 is
    requested), as the intake screens call it."""
    from cases.kernel.models import CaseType
    from cases.registry.models.residents import Resident
    from workflows.start import case_start

    resident = Resident.objects.select_related("pension").get(pk=plan.resident_id)
    if plan.case_type == "exemption":
        from cases.exemption import services as svc
        from cases.exemption.request import ExemptionRequest

        start, end = exemption_period(today)
        request = ExemptionRequest(kinds=["full", "half"], period_start=start, period_end=end)
        return case_start(
            case_type=CaseType.EXEMPTION,
            intake=lambda: svc.exemption_intake(
                actor=clerk, resident=resident, received_on=today, request=request
            ),
        )
    if plan.case_type == "disability":
        from cases.disability.intake import disability_intake
        from tests.disability.helpers import facts

        return case_start(
            case_type=CaseType.DISABILITY,
            intake=lambda: disability_intake(
                actor=clerk, resident=resident, received_on=today, facts=facts()
            ),
        )
    from cases.qualification import services as svc
    from cases.qualification.request import QualificationRequest

    # The commonest filing (tests/browser/days.py): employment ended five days ago, 第2号 → 第1号.
    request = QualificationRequest(
        kind="kind_change", event="leave_employee_pension", event_date=today - dt.timedelta(days=5)
    )
    return case_start(
        case_type=CaseType.QUALIFICATION,
        intake=lambda: svc.qualification_intake(
            actor=clerk, resident=resident, received_on=today, request=request
        ),
    )


def input_data(plan: Plan, clerk):
    """What 入力 saves for the case: the application as the registry has it (exemption), the claim's
    dates, 納付状況 and papers (障害基礎年金), nothing beyond the intake (資格届出)."""
    from cases.kernel.models import Case

    case = Case.objects.select_related("resident", "exemption", "disability").get(pk=plan.case_id)
    if plan.case_type == "exemption":
        from cases.exemption import services as svc
        from cases.exemption.request import ExemptionRequest

        app = case.exemption
        return svc.ExemptionInput(
            request=ExemptionRequest(
                kinds=list(app.kinds), period_start=app.period_start, period_end=app.period_end
            ),
            declared=svc.declared_from_registry(case.resident),
            household_confirmed=True,
        )
    if plan.case_type == "disability":
        from tests.disability.helpers import entered

        return entered(case)
    return None


def papers_after_input(plan: Plan, clerk) -> None:
    """A 資格届出 needs its 離職票 on the checklist before 照合: the clerk records it on the case page."""
    if plan.case_type != "qualification":
        return
    from cases.kernel.checklist import checklist_mark
    from cases.kernel.models import Case

    case = Case.objects.get(pk=plan.case_id)
    for item in case.checklist.filter(required=True, state__in=["missing", "requested"]):
        checklist_mark(case=case, code=item.code, state="received", actor=clerk)


def answers(plans: list[Plan], decided: dt.date) -> list[str]:
    """機構's line per case (docs/formats/results.md, with the 等級 column): 承認 of the exemption asked
    for (its 免除情報 period), 支給決定 2級, 承認 of the filing — or 返戻 once for a case planned to be
    returned, 却下 for an exemption planned to be refused."""
    from cases.kernel.models import Case
    from cases.registry.models.pension import Exemption

    numbers = dict(Case.objects.filter(pk__in=[p.case_id for p in plans]).values_list("pk", "number"))
    periods = {
        ref: (f"{start:%Y-%m}", f"{end:%Y-%m}")
        for ref, start, end in Exemption.objects.filter(reference_no__in=list(numbers.values())).values_list(
            "reference_no", "start_on", "end_on"
        )
    }
    on = decided.isoformat()
    lines = []
    for plan in sorted(plans, key=lambda p: numbers[p.case_id]):
        number = numbers[plan.case_id]
        if plan.event == "returned" and "returned" not in plan.done:
            lines.append(",".join([number, "", "返戻", on, "", "", "", "添付書類の不足", ""]))
        elif plan.event == "rejected":
            lines.append(",".join([number, "", "却下", on, "", "", "", "所得基準超過", ""]))
        elif plan.case_type == "exemption":
            start, end = periods[number]
            lines.append(",".join([number, "", "承認", on, "全額免除", start, end, "", ""]))
        elif plan.case_type == "disability":
            lines.append(",".join([number, "", "支給決定", on, "", "", "", "", "2級"]))
        else:
            lines.append(",".join([number, "", "承認", on, "", "", "", "", ""]))
    return lines
