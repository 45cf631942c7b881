"""The weekly bundle's first step: adding the cases of a cut-off to its draft in committed chunks (a crash
keeps what was added and a re-run adds the rest), then its ZIP (bundle_assembly). bundles.py re-exports it."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.kernel.models import Case, CaseEvent, Stage
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.bundle_assembly import bundle_assemble
from cases.submission.bundle_common import (
    BundleError,
    Progress,
    State,
    audit_bundle,
    bundle_number_for,
    job_update,
    locked_bundle,
    next_cutoff,
    require,
    say,
    timeline_add,
)
from cases.submission.faults import fault_point
from cases.submission.models import BundleItem, SubmissionBundle

# Cases per transaction when adding: fewer commits, and a crash undoes one chunk.
CHUNK = 10


class BundleNothingToSend(BundleError):
    """No case is waiting for this cut-off: no bundle is made (an empty 送付 would only be paper)."""


# --- build: collect the week's cases, then assemble ------------------------------------------


def bundle_for_cutoff(
    *, cutoff_at: dt.datetime, by: User | None = None, off_cycle: bool = False
) -> SubmissionBundle:
    bundle, _created = SubmissionBundle.objects.get_or_create(
        number=bundle_number_for(cutoff_at, off_cycle=off_cycle),
        defaults={"cutoff_at": cutoff_at, "created_by": by, "off_cycle": off_cycle},
    )
    return bundle


def waiting_cases(*, cutoff_at: dt.datetime):
    """送付待ち, approved by the cut-off, in no live bundle: what a bundle of that cut-off would take."""
    return Case.objects.filter(stage=Stage.READY_TO_SEND, stage_since__lte=cutoff_at).exclude(
        bundle_items__live=True
    )


def _candidates(bundle: SubmissionBundle) -> list[int]:
    """送付待ち, approved by the cut-off, in no live bundle, and not removed from this one."""
    return list(
        waiting_cases(cutoff_at=bundle.cutoff_at)
        .exclude(bundle_items__bundle=bundle)
        .order_by("number")
        .values_list("pk", flat=True)
    )


def nothing_to_send(cutoff_at: dt.datetime) -> BundleNothingToSend:
    return BundleNothingToSend(
        _(
            "締切 %(cutoff)s までに決裁された送付待ちの案件はありません。送付は作成しませんでした"
            " (次の定期の締切: %(next)s)。"
        )
        % {"cutoff": date_show(cutoff_at), "next": date_show(next_cutoff())}
    )


def _collect_chunk(bundle_id: int, case_ids: list[int], by: User | None, done: int) -> int | None:
    """Adds one chunk in one transaction. None when the bundle stopped being a draft meanwhile."""
    with transaction.atomic():
        bundle = locked_bundle(bundle_id)
        if bundle.state != State.DRAFT:
            return None
        # Locking the case rows in id order serialises builders without deadlocks; the filter
        # re-checks under the lock what the candidate query saw.
        cases = list(
            Case.objects.select_for_update()
            .filter(pk__in=case_ids, stage=Stage.READY_TO_SEND)
            .exclude(bundle_items__live=True)
            .exclude(bundle_items__bundle=bundle)  # removed from this draft meanwhile
            .order_by("pk")
        )
        BundleItem.objects.bulk_create([BundleItem(bundle=bundle, case=case) for case in cases])
        for n in range(done + 1, done + len(cases) + 1):
            fault_point("bundle.collect", n)
        said = texts.BUNDLED(bundle=bundle.number, cutoff=timezone.localtime(bundle.cutoff_at))
        timeline_add(cases, actor=by, action=CaseEvent.Action.BUNDLED, text=said)
        return len(cases)


def bundle_collect(
    *, bundle: SubmissionBundle, by: User | None = None, progress: Progress | None = None
) -> int:
    """Adds the week's cases to a draft in chunks (each committed, so a crash keeps what was
    done and a re-run adds the rest). Returns how many were added. `collected_at` is set when the
    adding runs to its end: until it first has, the draft is neither zipped nor sealed. A later re-run
    cut short leaves it set (the first adding took every case then waiting; what the re-run did not add
    goes into the next bundle), so that a re-run never makes a whole draft unsealable halfway."""
    candidates = _candidates(bundle)
    job_update(bundle.pk, job="collect", job_total=len(candidates), job_done=0, job_error="")
    added, finished = 0, True
    try:
        for start in range(0, len(candidates), CHUNK):
            count = _collect_chunk(bundle.pk, candidates[start : start + CHUNK], by, added)
            if count is None:
                finished = False  # no longer a draft: nothing more to add
                break
            added += count
            processed = min(start + CHUNK, len(candidates))
            job_update(bundle.pk, job_done=processed)
            say(progress, "collect", processed, len(candidates))
    except Exception as exc:
        message = (
            f"案件の追加が途中で止まりました ({added} 件追加済)。「案件の追加を再開」を押してください: {exc}"
        )
        job_update(bundle.pk, job="", job_error=message[:2000])
        raise
    if finished:
        job_update(bundle.pk, job="", collected_at=timezone.now())
    else:
        job_update(bundle.pk, job="")
    if added:
        with transaction.atomic():
            audit_bundle(
                bundle=bundle,
                by=by,
                action=AuditAction.CHANGE,
                purpose="週次送付の作成 (案件の追加)",
                added=added,
            )
    return added


def bundle_build(
    *,
    cutoff_at: dt.datetime,
    by: User | None = None,
    progress: Progress | None = None,
    assemble: bool = True,
) -> SubmissionBundle:
    """The week's bundle: the draft of this cut-off (reused if it exists) with every case approved
    by then that is in no other live bundle, and its ZIP. A bundle already sealed is returned as is."""
    if by is not None:
        require(by, "cases.seal_bundle", _("送付の作成は係長のみ行えます。"))
    if cutoff_at > timezone.now():
        raise BundleError(
            _(
                "締切日時 %(cutoff)s はまだ来ていません。"
                "締切後の案件が混ざらないよう、未来の締切では作成できません。"
            )
            % {"cutoff": date_show(cutoff_at)}
        )
    # The number names the minute, so the cut-off is that minute (15:00:00, not 15:00:02).
    minute = cutoff_at.replace(second=0, microsecond=0)
    existing = SubmissionBundle.objects.filter(number=bundle_number_for(minute)).first()
    if existing is None and not waiting_cases(cutoff_at=minute).exists():
        raise nothing_to_send(minute)  # a past cut-off with nothing in it never becomes a bundle
    bundle = existing or bundle_for_cutoff(cutoff_at=minute, by=by)
    return _build(bundle, by=by, progress=progress, assemble=assemble)


def _build(bundle: SubmissionBundle, *, by, progress, assemble: bool) -> SubmissionBundle:
    if bundle.state != State.DRAFT:
        return bundle
    bundle_collect(bundle=bundle, by=by, progress=progress)
    if assemble:
        bundle_assemble(bundle_id=bundle.pk, by=by, progress=progress)
    bundle.refresh_from_db()
    return bundle


def bundle_build_off_cycle(
    *,
    by: User,
    cutoff_at: dt.datetime | None = None,
    progress: Progress | None = None,
    assemble: bool = True,
) -> SubmissionBundle:
    """臨時送付: a bundle of every case approved by now (or by `cutoff_at`, the moment a 係長 asked for
    it), on any day, e.g. so that 則9条's 14 days are kept. The same guarantees as the weekly bundle
    (one live bundle per case, re-runnable jobs, the same seal); the next Friday bundle takes only what
    was approved after it. Asked again within the same minute, it is the same bundle."""
    require(by, "cases.seal_bundle", _("臨時送付の作成は係長のみ行えます。"))
    cutoff_at = cutoff_at or timezone.now()
    if cutoff_at > timezone.now():
        raise BundleError(_("臨時送付の締切に未来の日時は指定できません。"))
    existing = SubmissionBundle.objects.filter(number=bundle_number_for(cutoff_at, off_cycle=True)).first()
    if existing is None and not waiting_cases(cutoff_at=cutoff_at).exists():
        raise BundleNothingToSend(_("決裁済みで送付待ちの案件はありません。臨時送付は作成しませんでした。"))
    bundle = existing or bundle_for_cutoff(cutoff_at=cutoff_at, by=by, off_cycle=True)
    return _build(bundle, by=by, progress=progress, assemble=assemble)


def bundle_collect_resume(*, bundle_id: int, by: User | None = None) -> SubmissionBundle:
    """The job of 「案件の追加を再開」: the adding of a draft's cases, then its ZIP, as the build does.
    Safe to run twice: the cases already added are skipped and the ZIP is the same."""
    return _build(SubmissionBundle.objects.get(pk=bundle_id), by=by, progress=None, assemble=True)
