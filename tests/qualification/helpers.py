"""Drive 資格届出 cases through their steps with the same calls the screens make."""

import datetime as dt

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.codes import AcquisitionReason, InsuredKind
from cases.kernel.checklist import checklist_mark
from cases.kernel.models import CaseType
from cases.qualification import services as svc
from cases.qualification.request import QualificationRequest
from cases.registry.models.pension import Qualification
from tests.factories import PensionRecordFactory
from workflows import engine
from workflows import steps as actions
from workflows.flows.qualification import QualificationFlow
from workflows.start import case_start


def person(*, birth=dt.date(1990, 6, 15), kind=InsuredKind.SECOND, since=dt.date(2013, 4, 1), **resident):
    """A resident with a 基礎年金番号 and one open 資格情報 period of `kind` (None: no period)."""
    pension = PensionRecordFactory(
        resident__birth_date=birth, **{f"resident__{k}": v for k, v in resident.items()}
    )
    if kind:
        Qualification.objects.create(
            pension=pension, insured_kind=kind, acquired_on=since, acquired_reason=AcquisitionReason.OTHER
        )
    return pension.resident


def intake(clerk, resident, received_on=None, **request):
    return case_start(
        case_type=CaseType.QUALIFICATION,
        intake=lambda: svc.qualification_intake(
            actor=clerk,
            resident=resident,
            received_on=received_on or timezone.localdate(),
            request=QualificationRequest(**request),
        ),
    )


def employment_left(clerk, *, days_ago: int = 4):
    """The commonest filing (tests/browser/days.py): employment ended `days_ago` days ago, 第2号 → 第1号."""
    return intake(
        clerk,
        person(),
        kind="kind_change",
        event="leave_employee_pension",
        event_date=timezone.localdate() - dt.timedelta(days=days_ago),
    )


def open_task(case, node_name: str) -> Task:
    return Task.objects.get(
        process_id=case.process_id,
        flow_task=getattr(QualificationFlow, node_name),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def take(case, node_name: str, user) -> Task:
    task = open_task(case, node_name)
    if task.owner_id != user.pk:
        if task.owner_id:
            engine.task_release(task_id=task.pk, user=task.owner)
        engine.task_claim(task_id=task.pk, user=user)
    return task


def papers_received(case, clerk) -> None:
    for item in case.checklist.filter(required=True):
        checklist_mark(case=case, code=item.code, state="received", actor=clerk)


def through_approval(case, clerk, clerk2, supervisor, *, data=None) -> None:
    """本人確認 → 入力 → (papers) → 照合 → 決裁, each by whom the duties allow."""
    actions.identity_record(
        task_id=take(case, "verify_identity", clerk).pk, user=clerk, documents=["mynumber_card"]
    )
    actions.input_save(task_id=take(case, "enter_data", clerk).pk, user=clerk, data=data)
    case.refresh_from_db()
    papers_received(case, clerk)
    actions.cross_check(task_id=take(case, "cross_check", clerk2).pk, user=clerk2, matches=True)
    actions.approval(task_id=take(case, "approve", supervisor).pk, user=supervisor, approved=True)
    case.refresh_from_db()
