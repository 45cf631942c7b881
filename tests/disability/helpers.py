"""Drive a 障害基礎年金 claim through its steps with the same calls the screens make."""

import datetime as dt
import io
import json

from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.codes import AcquisitionReason
from cases.common.dates import add_months, month_start
from cases.disability.assessment import ClaimFacts
from cases.disability.contribution import Period
from cases.disability.intake import disability_intake
from cases.disability.services import DisabilityInput
from cases.kernel.models import CaseType
from cases.registry.models.pension import Qualification
from tests.factories import PensionRecordFactory
from workflows import engine
from workflows import steps as actions
from workflows.flows.disability import DisabilityFlow
from workflows.start import case_start


def years_ago(years: int, *, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return add_months(month_start(today), -12 * years).replace(day=min(today.day, 28))


def facts(**changes) -> ClaimFacts:
    """A 第1号 claimant first seen two years ago (認定日 six months ago): a 認定日請求 the city takes."""
    values = {
        "first_visit_on": years_ago(2),
        "status_at_first_visit": "category1",
        "claim_basis": "recognition",
        "conditions": "うつ病",
        "first_clinic": "旭川こころのクリニック",
        "certificate_forms": ["120-4"],
    }
    return ClaimFacts(**{**values, **changes})


def start_claim(*, clerk, resident, received_on=None, counter=None, **changes):
    return case_start(
        case_type=CaseType.DISABILITY,
        intake=lambda: disability_intake(
            actor=clerk,
            resident=resident,
            received_on=received_on or timezone.localdate(),
            facts=facts(**changes),
            counter=counter,
        ),
    )


def routing_check(client, resident, **fields) -> str:
    """The intake screen's 「判定する」 for `resident` (nothing saved): the page, with `fields` over a 認定日請求
    of a 第1号 claimant first seen two years ago."""
    data = {
        "first_visit_on": years_ago(2).isoformat(),
        "first_clinic": "旭川クリニック",
        "status_at_first_visit": "category1",
        "resident_in_japan": "on",
        "conditions": "うつ病",
        "certificate_forms": ["120-4"],
        "claim_basis": "recognition",
        "children": "0",
        "received_on": timezone.localdate().isoformat(),
        "action": "check",
        **fields,
    }
    return client.post(f"/intake/disability/{resident.pk}/", data).content.decode()


def open_task(case, node_name: str) -> Task:
    return Task.objects.get(
        process_id=case.process_id,
        flow_task=getattr(DisabilityFlow, node_name),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def take(case, node_name: str, user) -> Task:
    task = open_task(case, node_name)
    if task.owner_id != user.pk:
        if task.owner_id:
            engine.task_release(task_id=task.pk, user=task.owner)
        engine.task_claim(task_id=task.pk, user=user)
    task.refresh_from_db()
    return task


def verify(case, clerk, documents=("mynumber_card",)):
    task = take(case, "verify_identity", clerk)
    actions.identity_record(task_id=task.pk, user=clerk, documents=list(documents))
    case.refresh_from_db()


def paid_since_20(case) -> list[Period]:
    """Every month from the 20歳到達 month to two months before the 初診日, paid in time."""
    claim = case.disability
    birth = case.resident.birth_date
    start = month_start(dt.date(birth.year + 20, birth.month, 1))
    end = add_months(month_start(claim.first_visit_on), -2)
    return [Period(start, end, "paid", settled_on=None)] if start <= end else []


def inside_windows(case) -> dict:
    """A 現症日 well inside each window the claim asks for."""
    days = {}
    for row in case.disability.assessment["certificates"]:
        first = dt.date.fromisoformat(row["first"])
        code = "certificate_recognition" if row["anchor"] == "recognition_date" else "certificate_claim"
        days[code] = first + dt.timedelta(days=10)
    return days


def entered(case, *, received=None, current_on=None, periods=None, **changes) -> DisabilityInput:
    claim = case.disability
    kept = ClaimFacts.of(claim)
    for name, value in changes.items():
        setattr(kept, name, value)
    pending = [item.code for item in case.checklist.all() if not item.settled]
    return DisabilityInput(
        facts=kept,
        current_on=inside_windows(case) if current_on is None else current_on,
        periods=paid_since_20(case) if periods is None else periods,
        insured_at_first_visit=claim.status_at_first_visit != "not_insured",
        contribution_confirmed=True,
        received=pending if received is None else received,
    )


def enter(case, clerk, **kwargs):
    task = take(case, "enter_data", clerk)
    actions.input_save(task_id=task.pk, user=clerk, data=entered(case, **kwargs))
    case.refresh_from_db()


def cross_check(case, clerk, matches=True, reason=""):
    task = take(case, "cross_check", clerk)
    actions.cross_check(task_id=task.pk, user=clerk, matches=matches, reason=reason)
    case.refresh_from_db()


def approve(case, supervisor, approved=True, reason=""):
    task = take(case, "approve", supervisor)
    actions.approval(task_id=task.pk, user=supervisor, approved=approved, reason=reason)
    case.refresh_from_db()


def ready_to_send(case, clerk, clerk2, supervisor):
    verify(case, clerk)
    enter(case, clerk)
    cross_check(case, clerk2)
    approve(case, supervisor)


def pension_rules_run(function: str, payload) -> dict:
    """`manage.py pension_rules FUNCTION` with one JSON object in, its JSON answer out."""
    out = io.StringIO()
    call_command("pension_rules", function, stdin=io.StringIO(json.dumps(payload)), stdout=out)
    return json.loads(out.getvalue())


def resident_with_qualifications(*rows, born: dt.date):
    """A resident born on `born` with a pension record whose 資格情報 are `rows`: (kind, acquired_on, lost_on)."""
    pension = PensionRecordFactory(resident__birth_date=born)
    for kind, acquired, lost in rows:
        Qualification.objects.create(
            pension=pension,
            insured_kind=kind,
            acquired_on=acquired,
            acquired_reason=AcquisitionReason.OTHER,
            lost_on=lost,
        )
    return pension.resident
