"""The claim's own rules at each step: routing and referral at the counter, refusals that write nothing,
書類不備 from 本人確認 and from 入力, the 現症日 check at 照合, and 機構's three answers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.common.identifiers.wareki import format_wareki
from cases.kernel.checklist import checklist_mark
from cases.kernel.counter import Counter
from cases.kernel.models import Case, CaseEvent, ChecklistItem, Stage
from cases.kernel.services import case_transition
from cases.kernel.stages import WAIT_DISPATCH
from cases.submission.models import BundleItem, Discrepancy, SubmissionBundle
from cases.submission.results import results_import
from documents.models import Document
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory, ResidentFactory
from workflows import steps
from workflows.flows.disability import DisabilityFlow
from workflows.resume import flows_resume

pytestmark = pytest.mark.django_db
State = ChecklistItem.State


@pytest.fixture
def resident():
    return PensionRecordFactory().resident


def test_rei1no2_3_ha_a_category3_claim_is_referred_closed_at_once_with_its_slip(clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident, status_at_first_visit="category3")
    assert case.stage == Stage.CLOSED and case.disability.referred
    assert "第3号被保険者" in case.disability.route_reason
    assert list(case.documents.values_list("kind", flat=True)) == ["referral"]  # no 受付票
    case.process.refresh_from_db()
    assert case.process.status == PROCESS.DONE
    assert not Task.objects.filter(
        process_id=case.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).exists()
    assert case.events.get().text.startswith("年金事務所へ案内")
    assert not case.checklist.exists()


def test_ho30_1_a_claim_before_the_recognition_date_is_refused_and_nothing_is_written(clerk, resident):
    with pytest.raises(ValidationError, match="障害認定日以後に請求"):
        d.start_claim(
            clerk=clerk, resident=resident, first_visit_on=timezone.localdate() - dt.timedelta(days=200)
        )
    assert not Case.objects.exists()


def test_ho30no2_1_a_post_onset_claim_after_the_deadline_is_refused(clerk):
    # Born so that the 65歳到達日 was yesterday: the deadline (the day before it) has passed.
    today = timezone.localdate()
    resident = PensionRecordFactory(resident=ResidentFactory(birth_date=today.replace(year=today.year - 65)))
    with pytest.raises(ValidationError, match="65歳に達する日の前日まで"):
        d.start_claim(
            clerk=clerk,
            resident=resident.resident,
            claim_basis="post_onset",
            first_visit_on=today.replace(year=today.year - 10),
        )
    assert not Case.objects.exists()


def test_fusoku9no2no3_a_post_onset_claim_after_an_early_old_age_claim_is_refused(clerk):
    """法附則9条の2の3: no 事後重症 (法30条の2) for a 繰上げ 受給権者, though the 初診日 was as a 第1号 (30条1項1号)."""
    today = timezone.localdate()
    resident = PensionRecordFactory(resident=ResidentFactory(birth_date=d.years_ago(62))).resident
    claim = {"claim_basis": "post_onset", "first_visit_on": d.years_ago(10), "early_old_age_claimed": True}
    with pytest.raises(ValidationError) as refused:
        d.start_claim(clerk=clerk, resident=resident, **claim)
    assert "繰上げ" in refused.value.message_dict["early_old_age_claimed"][0]
    assert not Case.objects.exists()
    case = d.start_claim(clerk=clerk, resident=resident, **{**claim, "early_old_age_claimed": False})
    assert case.disability.claim_kind == "post_onset" and case.received_on == today


def test_a_claim_by_an_agent_needs_the_power_of_attorney(clerk, resident):
    counter = Counter.from_agent(agent_name="旭 花子", agent_relationship="妻", power_of_attorney=False)
    with pytest.raises(ValidationError, match="委任状"):
        d.start_claim(clerk=clerk, resident=resident, counter=counter)
    assert not Case.objects.exists()


def test_contradicting_dates_name_their_field(clerk, resident):
    with pytest.raises(ValidationError) as caught:
        d.start_claim(clerk=clerk, resident=resident, cured_on=d.years_ago(3))
    assert "cured_on" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        d.start_claim(clerk=clerk, resident=resident, special_event="pacemaker")
    assert "special_event_on" in caught.value.message_dict


def test_identity_papers_missing_wait_at_documents_and_resume_at_identity(clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk, documents=("drivers_licence",))
    assert case.stage == Stage.AWAITING_DOCUMENTS
    task = d.take(case, "await_documents", clerk)
    steps.documents_outcome(task_id=task.pk, user=clerk, received=True)
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY and d.open_task(case, "verify_identity")


def test_withdrawn_while_waiting_for_papers_ends_the_flow(clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    task = d.take(case, "enter_data", clerk)
    from cases.kernel.steps import stage_input_papers_request

    steps.type_step(
        task_id=task.pk, user=clerk, service=stage_input_papers_request, data=d.entered(case, received=[])
    )
    task = d.take(case, "await_documents", clerk)
    steps.documents_outcome(task_id=task.pk, user=clerk, received=False, comment="請求者から取下げの申出")
    case.refresh_from_db()
    case.process.refresh_from_db()
    assert case.stage == Stage.WITHDRAWN and case.process.status == PROCESS.DONE


def test_the_contribution_record_must_be_confirmed_for_an_insured_route(clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    data = d.entered(case)
    data.contribution_confirmed = False
    task = d.take(case, "enter_data", clerk)
    with pytest.raises(ValidationError) as caught:
        steps.input_save(task_id=task.pk, user=clerk, data=data)
    assert "contribution_confirmed" in caught.value.message_dict


def test_ho30no4_a_pre20_claim_has_no_contribution_test_and_shows_the_income_limits(clerk):
    today = timezone.localdate()
    birth = today.replace(year=today.year - 22, day=1)
    resident = PensionRecordFactory(resident=ResidentFactory(birth_date=birth)).resident
    case = d.start_claim(
        clerk=clerk,
        resident=resident,
        status_at_first_visit="not_insured",
        first_visit_on=birth.replace(year=birth.year + 15),
    )
    claim = case.disability
    assert (claim.route, claim.claim_kind, claim.recognition_basis) == ("pre20", "pre20_recognition", "age20")
    assert claim.assessment["income_notice"]["half"] == 3704000
    assert "pre20_income_figures" in claim.assessment["doubts"]
    d.verify(case, clerk)
    data = d.entered(case, periods=[])
    data.contribution_confirmed = False  # not asked for 20歳前傷病
    task = d.take(case, "enter_data", clerk)
    steps.input_save(task_id=task.pk, user=clerk, data=data)
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK and case.disability.contribution["applies"] is False


def test_a_current_on_day_outside_its_window_stops_the_cross_check_until_waived(
    clerk, clerk2, supervisor, resident
):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    recognition = case.disability.recognition_on
    d.enter(case, clerk, current_on={"certificate_recognition": recognition - dt.timedelta(days=30)})
    assert case.disability.certificates[0]["check"] == "outside"
    task = d.take(case, "cross_check", clerk2)
    # The day in 和暦, as every date of the Japanese screens (it was 2026-08-01 in the message).
    outside = format_wareki(recognition - dt.timedelta(days=30))
    with pytest.raises(ValidationError, match=f"現症日 {outside} が期間外"):
        steps.cross_check(task_id=task.pk, user=clerk2, matches=True)
    checklist_mark(
        case=case, code="certificate_recognition", state=State.WAIVED, actor=supervisor, note="機構に照会済"
    )
    steps.cross_check(task_id=task.pk, user=clerk2, matches=True)
    case.refresh_from_db()
    assert case.stage == Stage.APPROVAL


def test_a_late_claim_asks_for_two_certificates(clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident, first_visit_on=d.years_ago(4))
    codes = list(case.checklist.filter(code__startswith="certificate").values_list("code", flat=True))
    assert codes == ["certificate_recognition", "certificate_claim"] and case.disability.assessment["late"]


def test_a_cross_check_send_back_returns_to_the_inputter(clerk, clerk2, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    d.enter(case, clerk)
    d.cross_check(case, clerk2, matches=False, reason="初診日が受診状況等証明書と違う")
    assert case.stage == Stage.INPUT and d.open_task(case, "enter_data").owner == clerk


@pytest.fixture
def sent_claim(clerk, clerk2, supervisor, resident):
    def make():
        case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
        d.ready_to_send(case, clerk, clerk2, supervisor)
        bundle = SubmissionBundle.objects.create(
            number=f"S-{case.pk}",
            state=SubmissionBundle.State.SENT,
            cutoff_at=timezone.now(),
            sent_on=timezone.localdate(),
        )
        BundleItem.objects.create(bundle=bundle, case=case)
        case_transition(case=case, to_stage=Stage.SENT, actor=supervisor, action=CaseEvent.Action.SENT)
        assert flows_resume([case.pk], WAIT_DISPATCH)
        case.refresh_from_db()
        return case

    return make


HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級\n"


def _import(clerk, capture, lines: str):
    with capture(execute=True):
        return results_import(filename="r.csv", data=(HEADER + lines).encode(), by=clerk)


def test_a_return_reopens_input_for_the_inputter(clerk, sent_claim, django_capture_on_commit_callbacks):
    case = sent_claim()
    today = timezone.localdate().isoformat()
    _import(
        clerk, django_capture_on_commit_callbacks, f"{case.number},,返戻,{today},,,,診断書の現症日が期間外,\n"
    )
    case.refresh_from_db()
    assert case.stage == Stage.INPUT and case.disability.decision == "returned"
    assert (
        Task.objects.get(
            process_id=case.process_id, flow_task=DisabilityFlow.enter_data, status=STATUS.ASSIGNED
        ).owner
        == clerk
    )
    assert Discrepancy.objects.filter(case=case, kind=Discrepancy.Kind.RETURNED).exists()


def test_a_refusal_closes_the_claim(clerk, sent_claim, django_capture_on_commit_callbacks):
    case = sent_claim()
    today = timezone.localdate().isoformat()
    _import(
        clerk,
        django_capture_on_commit_callbacks,
        f"{case.number},,不支給,{today},,,,障害の程度が2級に該当しない,\n",
    )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and (case.disability.decision, case.disability.grade) == (
        "rejected",
        None,
    )


def test_ho30_2_a_grant_without_its_grade_waits_in_the_queue(
    clerk, sent_claim, django_capture_on_commit_callbacks
):
    case = sent_claim()
    today = timezone.localdate().isoformat()
    imported = _import(clerk, django_capture_on_commit_callbacks, f"{case.number},,支給決定,{today},,,,,\n")
    case.refresh_from_db()
    assert imported.matched == 0 and case.stage == Stage.SENT and not case.disability.decision
    queued = Discrepancy.objects.filter(kind=Discrepancy.Kind.UNMATCHED_LINE)
    assert any("障害等級" in item.text for item in queued)


def test_a_grade_on_a_refusal_line_or_a_third_grade_is_refused_with_the_file(clerk, sent_claim):
    from cases.registry.imports.errors import ImportRejected

    case = sent_claim()
    today = timezone.localdate().isoformat()
    for line in (
        f"{case.number},,不支給,{today},,,,理由,1級\n",
        f"{case.number},,支給決定,{today},,,,,3級\n",
    ):
        with pytest.raises(ImportRejected) as caught:
            results_import(filename="r.csv", data=(HEADER + line).encode(), by=clerk)
        assert [error.column for error in caught.value.errors] == ["等級"]
    case.refresh_from_db()
    assert case.stage == Stage.SENT


def test_the_filing_document_is_asked_for_at_approval_without_a_mynumber(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # No 基礎年金番号 on file: an exemption's 届書 would print the 個人番号; the 送付票 never does.
    resident = PensionRecordFactory(basic_pension_no=None).resident
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    d.enter(case, clerk)
    d.cross_check(case, clerk2)
    with django_capture_on_commit_callbacks(execute=True):
        d.approve(case, supervisor)
    filing = Document.objects.get(case=case, kind="filing", superseded_at__isnull=True)
    assert not filing.includes_mynumber and "mynumber" not in filing.context
    assert filing.template == "documents/pdf/filing_disability.html"


def test_the_referral_reason_is_kept_in_japanese_whatever_the_screen_language(clerk, resident):
    from django.utils import translation

    with translation.override("en"):
        case = d.start_claim(clerk=clerk, resident=resident, status_at_first_visit="category2")
        taken = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    assert case.disability.route_reason.startswith("初診日に第2号被保険者")
    assert "病歴・就労状況等申立書" in taken.checklist.values_list("label", flat=True)
    assert taken.checklist.get(code="claim_form").note_shown == "窓口で受領"
