"""The weekly bundle to 日本年金機構: 作成中 → 封緘 → 送付済 → 結果受領 / 一部返戻.

Every state change goes through TRANSITIONS (bundle_common); anything else is refused with a
Japanese message. The jobs (collect, assemble, seal) are written to be run again after a crash at
any point: they commit in small steps, re-check under row locks, and skip what is already done.
The partial unique index `bundleitem_one_live_bundle_per_case` is the last line of defence if two
builders ever race. Adding the cases lives in bundle_collect, sealing in bundle_seal, the ZIP in bundle_assembly; all are
re-exported.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.common.jobs import job_enqueue, job_send
from cases.kernel.models import Case, CaseEvent
from cases.kernel.services import case_event_record
from cases.registry.models.pension import Exemption
from cases.security.audit import audit_record, audit_record_each
from cases.security.audit_purposes import purpose_handed_over, purpose_results_received
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.bundle_assembly import bundle_assemble
from cases.submission.bundle_collect import (
    BundleNothingToSend,
    bundle_build,
    bundle_build_off_cycle,
    bundle_collect,
    bundle_collect_resume,
    bundle_for_cutoff,
    nothing_to_send,
    waiting_cases,
)
from cases.submission.bundle_common import (
    TRANSITIONS,
    BundleError,
    BundleSealedError,
    BundleStateError,
    State,
    audit_bundle,
    bundle_contents_mark,
    bundle_number_for,
    bundle_people,
    check_transition,
    collected_check,
    cutoff_on,
    live_case_ids,
    locked_bundle,
    next_cutoff,
    require,
    sent_late_before,
    timeline_add,
    transition,
    weekly_cutoff,
)
from cases.submission.bundle_seal import (
    BundleChanged,
    bundle_seal,
    bundle_seal_request,
    bundle_sealable_check,
    bundle_sealed_check,
    bundle_zip_check,
    pending_case_ids,
)
from cases.submission.hand_over import hand_over_check, hand_over_said
from cases.submission.models import BundleItem, SubmissionBundle
from cases.submission.storage import archive_remove

__all__ = [
    "TRANSITIONS",
    "BundleChanged",
    "BundleError",
    "BundleNothingToSend",
    "BundleSealedError",
    "BundleStateError",
    "bundle_archive_for_download",
    "bundle_assemble",
    "bundle_assemble_request",
    "bundle_build",
    "bundle_build_off_cycle",
    "bundle_build_request",
    "bundle_collect",
    "bundle_collect_resume",
    "bundle_contents_mark",
    "bundle_for_cutoff",
    "bundle_hand_over",
    "bundle_mark_result",
    "bundle_number_for",
    "bundle_off_cycle_request",
    "bundle_remove_case",
    "bundle_resume_request",
    "bundle_seal",
    "bundle_seal_request",
    "bundle_sealable_check",
    "bundle_sealed_check",
    "bundle_sent_check",
    "bundle_zip_check",
    "cutoff_on",
    "live_case_ids",
    "next_cutoff",
    "sent_late_before",
    "weekly_cutoff",
]
# --- remove a case before sealing -------------------------------------------------------------


def bundle_removal_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError unless cases may still be taken out of ``bundle`` (only while it is built:
    a sealed bundle is what was sent)."""
    if bundle.state != State.DRAFT:
        raise BundleStateError(
            _("送付 %(number)s は「%(state)s」です。案件を除外できるのは作成中の送付だけです。")
            % {"number": bundle.number, "state": bundle.get_state_display()}
        )


def bundle_sent_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError once the 送付日 is recorded: nothing is left to seal or hand over, and
    the message says when it went (a bookmarked page, a second click). So after 機構's results too."""
    if bundle.state in (State.SENT, State.RESULT_RECEIVED, State.PARTIALLY_RETURNED):
        raise BundleStateError(
            _("送付 %(number)s は送付日を記録済みです (送付日 %(sent_on)s)。")
            % {"number": bundle.number, "sent_on": date_show(bundle.sent_on)}
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


# --- hand over and results -------------------------------------------------------------------


@transaction.atomic
def bundle_hand_over(
    *, bundle: SubmissionBundle, by: User, sent_on: dt.date, medium: str, received_by: str
) -> SubmissionBundle:
    """封緘 → 送付済: records the 送付日 on every case and its 免除情報, and on the bundle the 媒体 and who
    at 機構 received it (SubmissionBundle.Medium: no flash memory)."""
    require(by, "cases.seal_bundle", _("送付日を記録できるのは係長のみです。"))
    received_by = hand_over_check(medium, received_by)
    locked = locked_bundle(bundle.pk)
    bundle_sent_check(locked)
    check_transition(locked, State.SENT)
    pending = pending_case_ids(locked)
    if pending or locked.job or not (locked.manifest or {}).get("sealed"):
        raise BundleError(
            _(
                "送付 %(number)s の封緘処理が完了していません (未処理 %(pending)s 件)。"
                "封緘を再実行してから送付日を記録してください。"
            )
            % {"number": locked.number, "pending": len(pending)}
        )
    if sent_on > timezone.localdate():
        raise BundleError(_("送付日に未来の日付は指定できません。"))
    if sent_on < timezone.localdate(locked.sealed_at):
        raise BundleError(_("送付日は封緘日以降の日付にしてください。"))
    transition(locked, State.SENT)
    locked.sent_on, locked.handed_over_by = sent_on, by
    locked.handed_over_medium, locked.received_by = medium, received_by
    locked.save(update_fields=["state", "sent_on", "handed_over_by", "handed_over_medium", "received_by"])
    case_ids = live_case_ids(locked)
    cases = list(Case.objects.filter(pk__in=case_ids).order_by("number"))
    Case.objects.filter(pk__in=case_ids).update(sent_on=sent_on, updated_at=timezone.now())
    numbers = [case.number for case in cases]
    Exemption.objects.filter(Q(case_id__in=case_ids) | Q(reference_no__in=numbers)).update(
        sent_on=sent_on, updated_at=timezone.now()
    )
    medium_label = SubmissionBundle.Medium(medium).label
    said = texts.HANDED_OVER_VIA(
        bundle=locked.number,
        sent_on=sent_on,
        office=settings.NENKIN_PENSION_OFFICE,
        medium=medium_label,
        received_by=received_by,
    )
    timeline_add(cases, actor=by, action=CaseEvent.Action.HANDED_OVER, text=said)
    audit_bundle(
        bundle=locked,
        by=by,
        action=AuditAction.EXPORT,
        purpose=purpose_handed_over(settings.NENKIN_PENSION_OFFICE),
        sent_on=sent_on.isoformat(),
        cases=len(case_ids),
        sha256=locked.archive_sha256,
        medium=medium,
        received_by=received_by,
        reason=hand_over_said(medium_label, received_by),
    )
    return locked


@transaction.atomic
def bundle_mark_result(*, bundle: SubmissionBundle, partially_returned: bool) -> SubmissionBundle:
    """送付済 → 結果受領, or → 一部返戻 when 機構 returned some cases. Called by the results import."""
    locked = locked_bundle(bundle.pk)
    target = State.PARTIALLY_RETURNED if partially_returned else State.RESULT_RECEIVED
    transition(locked, target)
    locked.save(update_fields=["state"])
    audit_bundle(
        bundle=locked,
        by=None,
        action=AuditAction.CHANGE,
        # The state's label in the log's words, not the applying 係長's screen language.
        purpose=purpose_results_received(State(locked.state).label),
    )
    bundle.state = locked.state
    return locked


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


def bundle_archive_for_download(*, bundle: SubmissionBundle, by: User, request=None) -> bytes:
    """The decrypted ZIP, checked against the recorded SHA-256, and the download logged (EXPORT)."""
    from cases.submission.archive import sha256_hex
    from cases.submission.storage import BundleFileError, archive_read

    require(by, "cases.download_bundle", _("送付データをダウンロードする権限がありません。"))
    if not bundle.archive:
        raise BundleError(_("送付 %(number)s の ZIP はまだ作成されていません。") % {"number": bundle.number})
    # A draft's ZIP is made again (「ZIP を再作成」); a sealed one is not (bundle_assemble_request), so
    # its lost or changed file comes back from the backup of the media files (operations.md).
    sealed = bundle.state != State.DRAFT
    try:
        data = archive_read(name=bundle.archive, number=bundle.number)
    except BundleFileError as exc:
        if sealed and exc.missing:
            raise BundleFileError(
                _(
                    "送付データのファイルが見つかりません。封緘した ZIP は作り直せません。バックアップから戻してください。"
                ),
                missing=True,
            ) from exc
        raise
    if sha256_hex(data) != bundle.archive_sha256:
        raise BundleError(
            _(
                "ZIP が作成時の内容と一致しません (SHA-256 不一致)。封緘した ZIP は作り直せません。"
                "バックアップから戻してください。"
            )
            if sealed
            else _("ZIP が作成時の内容と一致しません (SHA-256 不一致)。ZIP を再作成してください。")
        )
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        actor=by,
        target=f"bundle:{bundle.number}",
        purpose="送付データ (ZIP) のダウンロード",
        detail={
            "bundle": bundle.number,
            "state": bundle.state,
            "sha256": bundle.archive_sha256,
            "cases": (bundle.manifest or {}).get("counts", {}).get("cases"),
        },
    )
    # And under each person the ZIP holds, so that the auditor's filter by 宛名番号 finds the download.
    audit_record_each(
        people=bundle_people(bundle.pk),
        action=AuditAction.EXPORT,
        request=request,
        actor=by,
        target=f"bundle:{bundle.number}",
        purpose="送付データ (ZIP) のダウンロード",
        detail={"bundle": bundle.number, "sha256": bundle.archive_sha256},
    )
    return data
