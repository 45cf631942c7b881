"""What the bundle screens ask for: a case taken out of a draft, this week's or an off-cycle bundle
built by the worker, a stopped job resumed, a draft's ZIP made again (a sealed one's refused).
cases.submission.bundles re-exports them."""

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.jobs import job_enqueue, job_send
from cases.kernel.models import Case, CaseEvent
from cases.kernel.services import case_event_record
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.bundle_collect import BundleNothingToSend, nothing_to_send, waiting_cases
from cases.submission.bundle_common import (
    BundleError,
    BundleSealedError,
    BundleStateError,
    State,
    audit_bundle,
    bundle_number_for,
    collected_check,
    locked_bundle,
    require,
    weekly_cutoff,
)
from cases.submission.models import BundleItem, SubmissionBundle
from cases.submission.storage import archive_remove

# --- remove a case before sealing -------------------------------------------------------------


def bundle_removal_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError unless cases may still be taken out of ``bundle`` (only while it is built:
    a sealed bundle is what was sent)."""
    if bundle.state != State.DRAFT:
        raise BundleStateError(
            _("送付 %(number)s は「%(state)s」です。案件を除外できるのは作成中の送付だけです。")
            % {"number": bundle.number, "state": bundle.get_state_display()}
        )


def bundle_remove_case(*, bundle: SubmissionBundle, case: Case, by: User, reason: str) -> BundleItem:
    """Takes a case out of a draft. It stays 送付待ち and goes into next week's bundle."""
    require(by, "cases.seal_bundle", _("送付から案件を除外できるのは係長のみです。"))
    reason = (reason or "").strip()
    if not reason:
        raise BundleError(_("除外の理由を入力してください。"))
    if len(reason) > 200:
        raise BundleError(
            _("除外の理由は200文字以内で入力してください (%(length)s文字)。") % {"length": len(reason)}
        )
    with transaction.atomic():
        locked = locked_bundle(bundle.pk)
        bundle_removal_check(locked)
        item = BundleItem.objects.select_for_update().filter(bundle=locked, case=case, live=True).first()
        if item is None:
            raise BundleError(_("案件 %(number)s はこの送付に含まれていません。") % {"number": case.number})
        item.live, item.removed_at, item.removed_by, item.removal_reason = False, timezone.now(), by, reason
        item.save(update_fields=["live", "removed_at", "removed_by", "removal_reason"])
        case_event_record(
            case=case,
            actor=by,
            action=CaseEvent.Action.UNBUNDLED,
            comment=reason,
            text=texts.UNBUNDLED(bundle=locked.number),
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            resident_id=case.resident_id,
            case_id=case.pk,
            target=f"bundle:{locked.number}",
            purpose="送付からの案件の除外",
            detail={"bundle": locked.number, "reason": reason},
        )
        # The stored ZIP still lists the case: withdraw it until the rebuild below lands. A draft whose
        # adding stopped gets its ZIP when the adding is resumed (its job stays as the page shows it).
        stale = locked.archive
        assemble = locked.collected_at is not None
        locked.archive, locked.archive_sha256, locked.manifest = "", "", None
        fields = ["archive", "archive_sha256", "manifest"]
        if assemble:
            locked.job, locked.job_total, locked.job_done = "assemble", 0, 0
            locked.job_beat_at = timezone.now()
            fields += ["job", "job_total", "job_done", "job_beat_at"]
        locked.save(update_fields=fields)
        transaction.on_commit(partial(_assemble_later, locked.pk, stale, assemble=assemble))
    return item


def _assemble_later(bundle_id: int, stale: str, *, assemble: bool = True) -> None:
    archive_remove(name=stale)
    if assemble:
        job_enqueue("bundles.assemble", bundle_id)


# --- what the screens ask for -----------------------------------------------------------------


def bundle_build_request(*, by: User) -> dt.datetime:
    """The list screen's button: this week's bundle, built by the worker as the beat would. Refused at
    once when that cut-off has no bundle and nothing waits for it (e.g. on a Thursday, for last Friday)."""
    require(by, "cases.seal_bundle", _("送付の作成は係長のみ行えます。"))
    cutoff_at = weekly_cutoff()
    exists = SubmissionBundle.objects.filter(number=bundle_number_for(cutoff_at)).exists()
    if not exists and not waiting_cases(cutoff_at=cutoff_at).exists():
        raise nothing_to_send(cutoff_at)

    with transaction.atomic():
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            target=f"bundle:{bundle_number_for(cutoff_at)}",
            purpose="週次送付の作成を依頼",
        )
        job_send("bundles.build_weekly", cutoff_at.isoformat())
    return cutoff_at


def bundle_off_cycle_request(*, by: User) -> dt.datetime:
    """The screen's 臨時送付 button: every case approved by this moment, built by the worker."""
    require(by, "cases.seal_bundle", _("臨時送付の作成は係長のみ行えます。"))
    cutoff_at = timezone.now()
    if not waiting_cases(cutoff_at=cutoff_at).exists():
        raise BundleNothingToSend(_("決裁済みで送付待ちの案件はありません。臨時送付は作成しませんでした。"))
    with transaction.atomic():
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            target=f"bundle:{bundle_number_for(cutoff_at, off_cycle=True)}",
            purpose="臨時送付の作成を依頼",
        )
        job_send("bundles.build_off_cycle", cutoff_at.isoformat(), by.pk)
    return cutoff_at


def bundle_resume_request(*, bundle: SubmissionBundle, by: User) -> str:
    """The bundle page's button after a stopped or failed job: runs again the step that did not finish
    and what follows it, skipping what is done. A draft whose adding of cases never finished resumes
    the adding, then its ZIP (the job ``bundles.collect``); any other draft has its ZIP made again. A
    sealed bundle is refused (bundle_assemble_request). Returns the job started ("collect" or
    "assemble")."""
    require(by, "cases.seal_bundle", _("ZIP の再作成は係長のみ行えます。"))
    with transaction.atomic():
        locked = locked_bundle(bundle.pk)
        if locked.state != State.DRAFT or locked.collected_at is not None:
            bundle_assemble_request(bundle=locked, by=by)
            return "assemble"
        locked.job, locked.job_done, locked.job_error = "collect", 0, ""
        locked.job_beat_at = timezone.now()  # queued: the clock for "stopped" starts now
        locked.save(update_fields=["job", "job_done", "job_error", "job_beat_at"])
        audit_bundle(bundle=locked, by=by, action=AuditAction.CHANGE, purpose="送付の作成の再開 (案件の追加)")
        job_send("bundles.collect", locked.pk, by.pk)
    return "collect"


def bundle_assemble_request(*, bundle: SubmissionBundle, by: User) -> None:
    """ZIP の再作成 of a draft: e.g. after a document was regenerated or a job was cut short. Refused for a
    draft whose adding of cases never finished (bundle_resume_request resumes that first), and once
    sealed: the sealed ZIP and its SHA-256 are the record of what goes to 機構, and a rebuild from
    today's documents and data could differ from it (the seal job itself makes the final ZIP, and
    「封緘処理を再実行」 finishes a seal cut short)."""
    require(by, "cases.seal_bundle", _("ZIP の再作成は係長のみ行えます。"))
    with transaction.atomic():
        locked = locked_bundle(bundle.pk)
        if locked.state != State.DRAFT:
            raise BundleSealedError(sealed_rebuild_refusal(locked))
        collected_check(locked)
        locked.job, locked.job_total, locked.job_done, locked.job_error = "assemble", 0, 0, ""
        locked.job_beat_at = timezone.now()  # queued: the clock for "stopped" starts now
        locked.save(update_fields=["job", "job_total", "job_done", "job_error", "job_beat_at"])
        transaction.on_commit(partial(_assemble_later, locked.pk, ""))


def sealed_rebuild_refusal(bundle: SubmissionBundle) -> str:
    return _("送付 %(number)s は「%(state)s」です。封緘した ZIP は確定しているため作り直せません。") % {
        "number": bundle.number,
        "state": bundle.get_state_display(),
    }
