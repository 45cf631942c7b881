"""Drive an exemption case through its steps with the same calls the screens make."""

import datetime as dt

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.exemption_periods import fiscal_year_bounds, fiscal_year_of
from cases.services import exemption as svc
from cases.services.exemption_request import ExemptionRequest
from workflows import engine
from workflows.exemption import ExemptionFlow


def current_period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return fiscal_year_bounds(fiscal_year_of(today, student=False), student=False)


def open_task(case, node_name: str) -> Task:
    return Task.objects.get(
        process_id=case.process_id,
        flow_task=getattr(ExemptionFlow, node_name),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def start_case(*, clerk, resident, kinds=("full", "half")):
    start, end = current_period()
    case = svc.exemption_intake(
        actor=clerk,
        resident=resident,
        received_on=timezone.localdate(),
        request=ExemptionRequest(kinds=list(kinds), period_start=start, period_end=end),
    )
    ExemptionFlow.start.run(case=case)
    case.refresh_from_db()
    return case


def verify(case, clerk, documents=("mynumber_card",)):
    task = open_task(case, "verify_identity")
    engine.task_complete(
        task_id=task.pk,
        user=clerk,
        work=lambda c: svc.exemption_identity_record(case=c, actor=clerk, documents=list(documents)),
    )
    case.refresh_from_db()


def enter(case, clerk, spouse=None):
    task = open_task(case, "enter_data")
    if task.owner_id != clerk.pk:
        if task.owner_id:
            engine.task_release(task_id=task.pk, user=task.owner)
        engine.task_claim(task_id=task.pk, user=clerk)
    start, end = current_period()
    resident = case.resident

    def work(c):
        svc.exemption_input_save(
            case=c,
            actor=clerk,
            request=ExemptionRequest(kinds=list(c.exemption.kinds), period_start=start, period_end=end),
            declared={
                "declared_kana_name": resident.kana_name,
                "declared_kanji_name": resident.kanji_name,
                "declared_birth_date": resident.birth_date,
                "declared_address": resident.address,
            },
            spouse=spouse,
            householder=None,
            household_confirmed=True,
        )

    engine.task_complete(task_id=task.pk, user=clerk, work=work)
    case.refresh_from_db()


def cross_check(case, clerk, matches=True, reason=""):
    task = open_task(case, "cross_check")
    engine.task_claim(task_id=task.pk, user=clerk)

    engine.task_complete(
        task_id=task.pk,
        user=clerk,
        work=lambda c: svc.exemption_cross_check(case=c, actor=clerk, matches=matches, reason=reason),
    )
    case.refresh_from_db()


def approve(case, supervisor, approved=True, reason=""):
    task = open_task(case, "approve")
    engine.task_claim(task_id=task.pk, user=supervisor)

    engine.task_complete(
        task_id=task.pk,
        user=supervisor,
        work=lambda c: svc.exemption_approval(case=c, actor=supervisor, approved=approved, reason=reason),
    )
    case.refresh_from_db()
