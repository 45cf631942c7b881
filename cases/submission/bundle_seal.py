"""Sealing a bundle: every included case's 送付待ち task and stage (exactly once), then the final ZIP.

Safe to run again after a crash at any point: cases are re-checked under their row locks and
only those still waiting are done; the state and the ZIP are checked before being redone.
"""

import threading
from collections import deque
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.documents import documents
from cases.common.jobs import job_enqueue
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.stages import WAIT_DISPATCH
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.bundle_assembly import bundle_assemble
from cases.submission.bundle_common import (
    BundleError,
    Progress,
    State,
    audit_bundle,
    check_transition,
    job_update,
    live_case_ids,
    locked_bundle,
    require,
    say,
    timeline_add,
    transition,
)
from cases.submission.bundle_seal_checks import (  # noqa: F401  (BundleChanged: re-exported)
    BundleChanged,
    _reviewed_check,
    _seal_precheck,
    bundle_sealable_check,
    bundle_sealed_check,
    bundle_zip_check,
    pending_case_ids,
)
from cases.submission.faults import fault_point
from cases.submission.models import SubmissionBundle

# resume(case ids, the Handle node they wait in) → how many flows moved on
Resume = Callable[[list[int], str], int]

# Cases per transaction (a crash undoes one batch) and connections used at once. The flows move
# set-based (workflows/bulk.py: a handful of statements per batch), so a large batch keeps the task and
# process writes under one statement per 100 cases; settings may lower it (the worker fault tests do).
SEAL_BATCH = getattr(settings, "NENKIN_SEAL_BATCH", 1000)
SEAL_THREADS = 2


def bundle_seal_request(
    *, bundle: SubmissionBundle, by: User, reviewed: str | None = None
) -> SubmissionBundle:
    """The screen's button: checks what can be checked now; the worker does the sealing. ``reviewed``:
    the seal page's bundle_contents_mark of the cases it showed (None from a command, which shows none)."""
    require(by, "cases.seal_bundle", _("送付を封緘できるのは係長のみです。"))
    with transaction.atomic():
        locked = locked_bundle(bundle.pk)
        if locked.state == State.DRAFT:
            bundle_sealable_check(locked)  # before "changed since shown": that is not what is wrong
            bundle_zip_check(locked)
            if reviewed is not None:
                _reviewed_check(locked, reviewed)
            _seal_precheck(locked)
        elif locked.state == State.SEALED:
            bundle_sealed_check(locked)
        else:
            check_transition(locked, State.SEALED)
        locked.job, locked.job_done, locked.job_error = "seal", 0, ""
        locked.job_beat_at = timezone.now()  # queued: the clock for "stopped" starts now
        locked.save(update_fields=["job", "job_done", "job_error", "job_beat_at"])
        transaction.on_commit(partial(_seal_later, locked.pk, by.pk))
    return locked


def _seal_later(bundle_id: int, user_id: int) -> None:
    job_enqueue("bundles.seal", bundle_id, user_id)


def _dispatch_batch(
    *, case_ids: list[int], bundle: SubmissionBundle, by: User, counted: int, resume: Resume
) -> int:
    """A batch of cases in one transaction: their 送付待ち tasks complete and they move to 送付済,
    or (after a crash) none of the batch did. Cases are re-checked under their row locks, so a
    re-run does exactly those still waiting. Batches only save commits; nothing depends on their size."""
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update().filter(pk__in=case_ids, stage=Stage.READY_TO_SEND).order_by("pk")
        )
        resume([case.pk for case in cases], WAIT_DISPATCH)  # the whole batch, set-based
        for n in range(counted + 1, counted + len(cases) + 1):
            fault_point("bundle.seal", n)
        timeline_add(
            cases,
            actor=by,
            action=CaseEvent.Action.SENT,
            text=texts.SEALED(bundle=bundle.number),
            to_stage=Stage.SENT,
        )
    return len(cases)


def _dispatch_all(
    pending: list[int],
    *,
    bundle: SubmissionBundle,
    by: User,
    resume: Resume,
    on_batch: Callable[[int], None],
) -> None:
    """Batches run on SEAL_THREADS connections at once (the timeline and stage writes of one batch
    overlap the flow writes of another). Inside an outer transaction (tests) other connections could
    not see its rows, so it runs on this one."""
    size = -(-len(pending) // max(1, -(-len(pending) // SEAL_BATCH)))  # even batches of ≤ SEAL_BATCH
    jobs = deque(
        {
            "case_ids": pending[start : start + size],
            "bundle": bundle,
            "by": by,
            "counted": start,
            "resume": resume,
        }
        for start in range(0, len(pending), max(1, size))
    )
    if connection.in_atomic_block or SEAL_THREADS < 2 or len(jobs) < 2:
        for job in jobs:
            on_batch(_dispatch_batch(**job))
        return
    lock, errors = threading.Lock(), []

    def work() -> None:
        try:
            while True:
                with lock:
                    if errors or not jobs:
                        return
                    job = jobs.popleft()
                count = _dispatch_batch(**job)
                with lock:
                    on_batch(count)
        except BaseException as exc:  # handed to the calling thread, which raises it
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=work, name=f"bundle-seal-{n}") for n in range(SEAL_THREADS)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except BaseException as exc:  # e.g. Celery's soft time limit: stop taking batches, let these end
        with lock:
            errors.append(exc)
        for thread in threads:
            thread.join()
        raise
    if errors:
        raise errors[0]


def _seal_state(bundle: SubmissionBundle, by: User) -> SubmissionBundle:
    """作成中 → 封緘 after the record check (a sealed bundle is left as it is, to finish its cases)."""
    with transaction.atomic():
        locked = locked_bundle(bundle.pk)
        if locked.state == State.DRAFT:
            _seal_precheck(locked)
            transition(locked, State.SEALED)
            locked.sealed_at, locked.sealed_by = timezone.now(), by
            locked.save(update_fields=["state", "sealed_at", "sealed_by"])
            audit_bundle(bundle=locked, by=by, action=AuditAction.CHANGE, purpose="送付の封緘")
        elif locked.state != State.SEALED:
            check_transition(locked, State.SEALED)
    return locked


def bundle_seal(
    *, bundle: SubmissionBundle, by: User, resume: Resume, progress: Progress | None = None
) -> SubmissionBundle:
    """作成中 → 封緘: every included case's 送付待ち task and stage, then the final ZIP.

    `resume(case_ids, node)` completes the flows' 送付待ち (workflows.resume.flows_resume, handed in by
    the caller: this package never imports the flows). Each case's type filed it with 機構, whatever
    the type; the flow of each case is found from the case.

    Safe to run again: a sealed bundle whose job was cut short finishes the cases still waiting,
    and never does a case twice (each is re-checked under its row lock)."""
    require(by, "cases.seal_bundle", _("送付を封緘できるのは係長のみです。"))
    try:
        locked = _seal_state(bundle, by)
    except BundleError as exc:
        # Recorded as the other jobs record theirs: the bundle page shows why and offers the way on;
        # left at job="seal", the bundle would only be seen as stalled much later.
        job_update(bundle.pk, job="", job_error=str(exc)[:2000])
        raise
    final = bool((locked.manifest or {}).get("sealed"))
    requested = None
    if not final:
        # Snapshotted with the seal's date: a free worker renders them while the cases move (their
        # stages are not in them), and the final ZIP takes these (each snapshot of 1,000 cases ≈ 0.4 s).
        requested = documents().bundle_files_request(bundle=locked, by=by)
    pending = pending_case_ids(locked)
    total = len(live_case_ids(locked))
    done = total - len(pending)
    job_update(locked.pk, job="seal", job_total=total, job_done=done, job_error="")

    def on_batch(count: int) -> None:
        nonlocal done
        done += count
        job_update(locked.pk, job_done=done)
        say(progress, "seal", done, total)

    try:
        _dispatch_all(pending, bundle=locked, by=by, resume=resume, on_batch=on_batch)
    except Exception as exc:
        message = f"封緘処理が途中で止まりました ({done}/{total} 件済)。再実行してください: {exc}"
        job_update(locked.pk, job="", job_error=message[:2000])
        raise
    if not final:
        # The ZIP does not depend on the cases' stages, so it can be made final after them.
        bundle_assemble(bundle_id=locked.pk, by=by, progress=progress, requested=requested)
    job_update(locked.pk, job="", job_done=total)
    locked.refresh_from_db()
    return locked
