"""A type on the kernel's filed path without `filing_forms` (決裁 → 完了, docs/architecture.md step 0), wired as
step 4 says: `FiledCaseFlow` with the gate after 決裁 replaced. Found by writing a toy type from the guide
(2026-12-08): with the kernel's gate alone, which knows 送付待ち or 入力, the case stood at 完了 with a new 入力
task open. The flow below is the guide's."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.status import PROCESS

from cases.kernel.casetypes import casetype_register, casetype_unregister
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_open, case_transition
from cases.kernel.typespec import CaseTypeSpec
from tests.factories import PensionRecordFactory
from workflows import engine, steps
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register, flow_unregister
from workflows.flows.filed import FiledCaseFlow
from workflows.selectors import open_tasks_of_case
from workflows.start import case_start

pytestmark = pytest.mark.django_db

CODE = "kernel_unfiled"


class GuideFlow(FiledCaseFlow, flow.Flow):
    """docs/architecture.md step 4, for a type without filing_forms."""

    lock_impl = lock.select_for_update_lock

    start = desk.start().Next(this.verify_identity)
    enter_data = desk.enter_data(assign=this.input_owner).Next(this.cross_check)
    check_approval = desk.stage_gate(Stage.CLOSED).Then(this.closed).Else(this.enter_data)


@pytest.fixture
def unfiled_type():
    casetype_register(CaseTypeSpec(code=CODE, label="決裁で完了する試験用の届出", receipt=False))
    flow_register(FlowType(case_types=(CODE,), flow=GuideFlow))
    yield
    casetype_unregister(CODE)
    flow_unregister(CODE)


def _intake(*, actor, resident):
    case = case_open(case_type=CODE, resident=resident, received_on=timezone.localdate(), actor=actor)
    counter_record_save(case=case, counter=Counter())
    case_transition(case=case, to_stage=Stage.IDENTITY, actor=actor, action=CaseEvent.Action.RECEIVED)
    return case


def _drive_to_approval(clerk, clerk2, supervisor) -> Case:
    resident = PensionRecordFactory().resident
    case = case_start(case_type=CODE, intake=lambda: _intake(actor=clerk, resident=resident))
    for user, step, kwargs in (
        (clerk, steps.identity_record, {"documents": ["mynumber_card"]}),
        (clerk, steps.input_save, {"data": None}),
        (clerk2, steps.cross_check, {"matches": True}),
        (supervisor, steps.approval, {"approved": True}),
    ):
        task = open_tasks_of_case(process_id=case.process_id).get()
        if task.owner_id != user.pk:
            engine.task_claim(task_id=task.pk, user=user)
        step(task_id=task.pk, user=user, **kwargs)
    case.refresh_from_db()
    case.process.refresh_from_db()
    return case


def test_a_type_without_filing_forms_wired_as_the_guide_says_ends_its_flow_at_approval(
    unfiled_type, clerk, clerk2, supervisor
):
    case = _drive_to_approval(clerk, clerk2, supervisor)
    assert case.stage == Stage.CLOSED
    assert case.process.status == PROCESS.DONE
    assert not open_tasks_of_case(process_id=case.process_id).exists()


class SharedGateFlow(FiledCaseFlow, flow.Flow):
    """The same type with step 4's gate left out: the kernel's gate knows 送付待ち or 入力 only."""

    lock_impl = lock.select_for_update_lock

    start = desk.start().Next(this.verify_identity)
    enter_data = desk.enter_data(assign=this.input_owner).Next(this.cross_check)


def test_registering_a_type_without_filing_forms_on_the_shared_gate_is_refused_naming_step_4():
    """Skipping step 4 would leave every approved case at 完了 with an 入力 task open: refused when the flow is
    registered, not found on the first approved case."""
    casetype_register(CaseTypeSpec(code=CODE, label="決裁で完了する試験用の届出", receipt=False))
    try:
        with pytest.raises(ImproperlyConfigured, match="check_approval"):
            flow_register(FlowType(case_types=(CODE,), flow=SharedGateFlow))
    finally:
        casetype_unregister(CODE)
        flow_unregister(CODE)
