"""Removing before sealing, sealing (each case's 送付待ち completed once), and the hand-over."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.kernel.models import Case, CaseEvent, Stage
from cases.registry.models.pension import Exemption
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle
from tests.bundles.conftest import live_items
from workflows.flows.exemption import ExemptionFlow
from workflows.submission import bundle_seal as seal

pytestmark = pytest.mark.django_db


def dispatch_tasks(case: Case, status=STATUS.DONE) -> int:
    return Task.objects.filter(
        process_id=case.process_id, flow_task=ExemptionFlow.await_dispatch, status=status
    ).count()


def sent_events(case: Case) -> int:
    return CaseEvent.objects.filter(case=case, action=CaseEvent.Action.SENT).count()


@pytest.fixture
def draft(make_ready):
    cases = make_ready(3)  # approved an hour ago
    return svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=10)), cases


def test_sealing_completes_every_case_once_and_moves_it_to_sent(draft, supervisor):
    bundle, cases = draft
    sealed = seal(bundle=bundle, by=supervisor)
    assert sealed.state == SubmissionBundle.State.SEALED and sealed.sealed_by == supervisor
    assert sealed.manifest["sealed"]["by"] == supervisor.username
    assert sealed.job == "" and sealed.job_done == sealed.job_total == 3
    for case in cases:
        case.refresh_from_db()
        assert case.stage == Stage.SENT
        assert dispatch_tasks(case) == 1
        assert Task.objects.filter(process_id=case.process_id, flow_task=ExemptionFlow.await_result).exists()
        event = CaseEvent.objects.get(case=case, action=CaseEvent.Action.SENT)
        assert (event.from_stage, event.to_stage, event.actor) == (
            Stage.READY_TO_SEND,
            Stage.SENT,
            supervisor,
        )
        assert bundle.number in event.text

    seal(bundle=sealed, by=supervisor)  # a second run (e.g. a redelivered job) repeats nothing
    for case in cases:
        assert sent_events(case) == 1 and dispatch_tasks(case) == 1
    assert AuditEntry.objects.filter(purpose="送付の封緘", target=f"bundle:{bundle.number}").count() == 1


def test_the_sealed_zip_is_final_and_differs_from_the_draft_only_by_the_seal(draft, supervisor):
    bundle, _cases = draft
    sealed = seal(bundle=bundle, by=supervisor)
    assert sealed.archive_sha256 != bundle.archive_sha256
    assert {k: v for k, v in sealed.manifest.items() if k not in ("sealed", "files")} == {
        k: v for k, v in bundle.manifest.items() if k not in ("sealed", "files")
    }
    assert svc.bundle_assemble(bundle_id=sealed.pk).archive_sha256 == sealed.archive_sha256


def test_removing_a_case_before_sealing_keeps_it_for_next_week(draft, supervisor):
    bundle, (kept, removed, other) = draft
    with pytest.raises(svc.BundleError, match="除外の理由を入力してください"):
        svc.bundle_remove_case(bundle=bundle, case=removed, by=supervisor, reason="  ")
    with pytest.raises(svc.BundleError, match="200文字以内"):
        svc.bundle_remove_case(bundle=bundle, case=removed, by=supervisor, reason="あ" * 201)

    item = svc.bundle_remove_case(bundle=bundle, case=removed, by=supervisor, reason="住所変更の確認待ち")
    assert (
        item.live is False and item.removed_by == supervisor and item.removal_reason == "住所変更の確認待ち"
    )
    removed.refresh_from_db()
    assert removed.stage == Stage.READY_TO_SEND
    event = CaseEvent.objects.get(case=removed, action=CaseEvent.Action.UNBUNDLED)
    assert "住所変更の確認待ち" in event.text and bundle.number in event.text
    bundle.refresh_from_db()
    assert bundle.archive == "" and bundle.job == "assemble"  # the stale ZIP is withdrawn
    with pytest.raises(svc.BundleError, match="含まれていません"):
        svc.bundle_remove_case(bundle=bundle, case=removed, by=supervisor, reason="二度目")

    # Building this cut-off again does not put it back; sealing leaves it waiting.
    svc.bundle_build(cutoff_at=bundle.cutoff_at)
    assert live_items(bundle) == sorted([kept.number, other.number])
    seal(bundle=bundle, by=supervisor)
    removed.refresh_from_db()
    assert removed.stage == Stage.READY_TO_SEND and dispatch_tasks(removed, STATUS.NEW) == 1

    next_week = svc.bundle_build(cutoff_at=timezone.now())
    assert live_items(next_week) == [removed.number]


def test_only_a_supervisor_may_seal_remove_or_hand_over(draft, clerk):
    bundle, cases = draft
    with pytest.raises(PermissionDenied):
        seal(bundle=bundle, by=clerk)
    with pytest.raises(PermissionDenied):
        svc.bundle_seal_request(bundle=bundle, by=clerk)
    with pytest.raises(PermissionDenied):
        svc.bundle_remove_case(bundle=bundle, case=cases[0], by=clerk, reason="理由")
    with pytest.raises(PermissionDenied):
        svc.bundle_hand_over(
            bundle=bundle,
            by=clerk,
            sent_on=timezone.localdate(),
            medium="cd_r",
            received_by="旭川年金事務所 国民年金課",
        )
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT and len(live_items(bundle)) == 3


def test_an_empty_bundle_cannot_be_sealed(supervisor):
    # bundle_build no longer makes an empty bundle; one left empty (every case removed) is refused too.
    bundle = SubmissionBundle.objects.create(
        number="S20260305-1500", cutoff_at=timezone.now(), collected_at=timezone.now()
    )
    with pytest.raises(svc.BundleError, match="空の送付は封緘できません"):
        svc.bundle_seal_request(bundle=bundle, by=supervisor)


def test_hand_over_records_the_sent_date_on_every_case_and_its_exemption(draft, supervisor):
    bundle, cases = draft
    sealed = seal(bundle=bundle, by=supervisor)
    with pytest.raises(svc.BundleError, match="未来の日付"):
        svc.bundle_hand_over(
            bundle=sealed,
            by=supervisor,
            sent_on=timezone.localdate() + dt.timedelta(days=1),
            medium="cd_r",
            received_by="旭川年金事務所 国民年金課",
        )
    with pytest.raises(svc.BundleError, match="封緘日以降"):
        svc.bundle_hand_over(
            bundle=sealed,
            by=supervisor,
            sent_on=timezone.localdate() - dt.timedelta(days=1),
            medium="cd_r",
            received_by="旭川年金事務所 国民年金課",
        )

    today = timezone.localdate()
    sent = svc.bundle_hand_over(
        bundle=sealed, by=supervisor, sent_on=today, medium="cd_r", received_by="旭川年金事務所 国民年金課"
    )
    assert sent.state == SubmissionBundle.State.SENT and sent.sent_on == today
    assert sent.handed_over_by == supervisor
    for case in cases:
        case.refresh_from_db()
        assert case.sent_on == today
        assert Exemption.objects.get(reference_no=case.number).sent_on == today
        assert CaseEvent.objects.filter(case=case, action=CaseEvent.Action.HANDED_OVER).count() == 1
    audit = AuditEntry.objects.get(action=AuditAction.EXPORT, target=f"bundle:{bundle.number}")
    assert audit.detail["sent_on"] == today.isoformat() and audit.detail["cases"] == 3
    assert audit.detail["sha256"] == sent.archive_sha256


def test_hand_over_waits_until_every_case_is_sealed(draft, supervisor):
    bundle, cases = draft
    sealed = seal(bundle=bundle, by=supervisor)
    Case.objects.filter(pk=cases[0].pk).update(stage=Stage.READY_TO_SEND)  # as if the job stopped there
    with pytest.raises(svc.BundleError, match="封緘処理が完了していません \\(未処理 1 件\\)"):
        svc.bundle_hand_over(
            bundle=sealed,
            by=supervisor,
            sent_on=timezone.localdate(),
            medium="cd_r",
            received_by="旭川年金事務所 国民年金課",
        )
    assert Case.objects.filter(sent_on__isnull=False).count() == 0
