"""The stage table: case_transition moves a case only along the kernel's edges, and only to stages its
type uses; the registry's answers for the built-in types."""

import pytest
from django.utils import timezone

from cases.kernel.casetypes import casetype_spec, filing_forms, related_paths
from cases.kernel.models import Case, CaseEvent, CaseType, Stage
from cases.kernel.services import StageTransitionRefused, case_open, case_transition
from cases.kernel.stages import FINAL_STAGES, TRANSITIONS
from tests.factories import PensionRecordFactory
from workflows.casetypes import FlowNotRegistered, flow_of
from workflows.start import case_start

pytestmark = pytest.mark.django_db


def _case(clerk, case_type=CaseType.EXEMPTION) -> Case:
    resident = PensionRecordFactory().resident
    return case_open(case_type=case_type, resident=resident, received_on=timezone.localdate(), actor=clerk)


def test_the_table_has_every_stage_and_final_stages_lead_nowhere():
    assert set(TRANSITIONS) == set(Stage)
    for stage in FINAL_STAGES:
        assert TRANSITIONS[stage] == frozenset()
    # 取下げ is open until the case is sent to 機構, never after.
    assert Stage.WITHDRAWN in TRANSITIONS[Stage.READY_TO_SEND]
    assert Stage.WITHDRAWN not in TRANSITIONS[Stage.SENT]


def test_a_move_outside_the_table_is_refused_and_writes_nothing(clerk):
    case = _case(clerk)
    with pytest.raises(StageTransitionRefused, match="「受付」から「決裁」へ進めません"):
        case_transition(case=case, to_stage=Stage.APPROVAL, actor=clerk, action=CaseEvent.Action.APPROVED)
    case.refresh_from_db()
    assert case.stage == Stage.INTAKE and not case.events.exists()


def test_no_case_opens_with_a_receipt_day_after_today(clerk):
    """則9条's 14 days run from 受理: a case of any type opened with a later 受付日 is refused."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    resident = PensionRecordFactory().resident
    with pytest.raises(ValidationError, match="今日以前の日付"):
        case_open(
            case_type=CaseType.QUALIFICATION,
            resident=resident,
            received_on=timezone.localdate() + dt.timedelta(days=1),
            actor=clerk,
        )
    assert not Case.objects.exists()


def test_a_stage_the_type_does_not_use_is_refused(clerk):
    case = _case(clerk)  # an exemption: 対応 is a stage of resident requests only
    with pytest.raises(StageTransitionRefused):
        case_transition(case=case, to_stage=Stage.RESPONSE, actor=clerk, action=CaseEvent.Action.RECEIVED)
    request = _case(clerk, CaseType.DISCLOSURE)  # and a request never goes to 本人確認
    with pytest.raises(StageTransitionRefused):
        case_transition(case=request, to_stage=Stage.IDENTITY, actor=clerk, action=CaseEvent.Action.RECEIVED)


def test_a_type_without_a_flow_is_refused_before_anything_is_written(clerk, settings):
    from cases.kernel.casetypes import casetype_register, casetype_unregister
    from cases.kernel.typespec import CaseTypeSpec

    casetype_register(CaseTypeSpec(code="flowless", label="フローなし"))
    try:
        with pytest.raises(FlowNotRegistered, match="案件種別「flowless」のフローが登録されていません"):
            case_start(case_type="flowless", intake=lambda: _case(clerk, "flowless"))
    finally:
        casetype_unregister("flowless")
    assert not Case.objects.filter(case_type="flowless").exists()


def test_the_built_in_types_are_registered_with_their_flows_and_forms():
    for code in CaseType.EXEMPTION, CaseType.DISCLOSURE, CaseType.CORRECTION, CaseType.SUSPENSION:
        assert casetype_spec(code).code == code and flow_of(code) is not None
    assert casetype_spec(CaseType.EXEMPTION).goes_to_kiko
    assert not casetype_spec(CaseType.DISCLOSURE).goes_to_kiko
    assert casetype_spec(CaseType.DISCLOSURE).after_approval == Stage.ANSWER
    # one table of 機構 forms, in data-code order, each with its data code and its PDF template
    assert [form.code for form in filing_forms()][:4] == ["11", "12", "13", "14"]
    assert all(form.template.startswith("documents/pdf/") for form in filing_forms()[:4])


def test_a_branch_supervisor_sees_but_does_not_decide_another_offices_case(
    clerk, clerk2, supervisor, other_office, django_capture_on_commit_callbacks
):
    """Seeing is not acting (cases/security/scope.py): 決裁 of a 本庁 case by a 神居 係長 is refused."""
    from django.core.exceptions import PermissionDenied

    from cases.kernel.steps import stage_approval
    from tests.conftest import make_user
    from tests.factories import applicant_with_household
    from tests.workflows import helpers as h

    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    branch = make_user("super-kamui", "supervisor", other_office)
    with pytest.raises(PermissionDenied, match="他の事務所の案件"):
        stage_approval(case=case, actor=branch, approved=True)
    case.refresh_from_db()
    assert case.stage == Stage.APPROVAL
    stage_approval(case=case, actor=supervisor, approved=True)  # the 本庁's 係長 acts city-wide
    assert case.stage == Stage.READY_TO_SEND


def test_one_types_related_paths_are_its_application_and_related_rows_only():
    """A case whose type is known is loaded with its own application's joins, not every type's (the
    決裁's documents: 13 joins with every type's)."""
    assert related_paths(CaseType.EXEMPTION) == ("exemption", "exemption__spouse", "exemption__householder")
    assert related_paths(CaseType.QUALIFICATION) == ("qualification",)
    every = related_paths()
    for code in (CaseType.EXEMPTION, CaseType.DISABILITY, CaseType.QUALIFICATION):
        assert set(related_paths(code)) < set(every)
