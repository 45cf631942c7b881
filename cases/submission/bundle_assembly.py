"""The bundle ZIP: the service that (re)builds and stores it with progress. What goes in it besides the
documents (the cases read once, the data file, the manifest) is bundle_contents.py."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.documents import documents
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission.archive import Entry, archive_build, sha256_hex
from cases.submission.bundle_common import (
    PROGRESS_EVERY,
    BundleError,
    BundleStateError,
    Progress,
    State,
    audit_bundle,
    collected_check,
    job_update,
    live_case_ids,
    locked_bundle,
    say,
)
from cases.submission.bundle_contents import bundle_cases, data_files, manifest_build
from cases.submission.datafile import DataFileError
from cases.submission.faults import fault_point
from cases.submission.models import SubmissionBundle
from cases.submission.storage import archive_name, archive_remove, archive_write

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Built:
    name: str
    sha256: str
    manifest: dict
    with_mynumber: int


def assemble_archive(
    *,
    bundle: SubmissionBundle,
    case_ids: list[int],
    by: User | None,
    on_case: Callable[[int], None],
    requested: tuple[list, list[str]] | None = None,
) -> Built:
    """Writes the encrypted ZIP and returns where it is. Raises DataFileError with every problem
    (data that does not fit, documents that cannot be produced) rather than a partial bundle.
    `requested`: the 送付書 and 送付一覧表 as the caller already requested them for this bundle as it stands."""
    cases = bundle_cases(case_ids)
    if requested is None:
        requested = documents().bundle_files_request(bundle=bundle, by=by, cases=cases)
    bundle_files, problems = requested[0], list(requested[1])
    by_spelling = False
    try:
        files = data_files(bundle, cases)
    except DataFileError as exc:
        problems.extend(exc.problems)
        by_spelling = exc.spellable
        files = None
    case_entries, document_problems, with_mynumber = documents().case_entries(cases, by=by, on_case=on_case)
    bundle_entries, bundle_problems = documents().bundle_file_entries(bundle_files)
    problems += document_problems + bundle_problems
    if problems:
        raise DataFileError(problems, spellable=by_spelling)
    data_path = f"data/{bundle.number}.dat"
    entries = [
        Entry(data_path, files.dat),
        Entry(f"data/{bundle.number}.csv", files.csv),
        *bundle_entries,
        *case_entries,
    ]
    manifest = manifest_build(
        bundle, cases, documents=len(case_entries), with_mynumber=with_mynumber, data_path=data_path
    )
    stamp = timezone.localtime(bundle.cutoff_at).replace(tzinfo=None)
    data, manifest = archive_build(entries=entries, manifest=manifest, stamp=stamp)
    digest = sha256_hex(data)
    name = archive_name(number=bundle.number, sha256=digest)
    archive_write(name=name, plain=data, number=bundle.number)
    return Built(name=name, sha256=digest, manifest=manifest, with_mynumber=with_mynumber)


def bundle_assemble(
    *,
    bundle_id: int,
    by: User | None = None,
    progress: Progress | None = None,
    requested: tuple[list, list[str]] | None = None,
) -> SubmissionBundle:
    """(Re)builds the ZIP from the live items. Stores it only if nothing changed meanwhile (a case
    removed during the build queues another build, which wins). Deterministic: same state, same bytes.
    `requested`: documents().bundle_files_request's answer for the bundle as it stands (the seal's)."""
    bundle = SubmissionBundle.objects.get(pk=bundle_id)
    if bundle.state not in (State.DRAFT, State.SEALED):
        raise BundleStateError(
            _("送付 %(number)s は「%(state)s」です。送付した ZIP は作り直せません。")
            % {"number": bundle.number, "state": bundle.get_state_display()}
        )
    try:
        collected_check(bundle)
    except BundleStateError as exc:
        job_update(bundle.pk, job="", job_error=str(exc))
        raise
    case_ids = live_case_ids(bundle)
    job_update(bundle.pk, job="assemble", job_total=len(case_ids), job_done=0, job_error="")

    def on_case(n: int) -> None:
        fault_point("bundle.assemble", n)
        if n % PROGRESS_EVERY == 0 or n == len(case_ids):
            job_update(bundle.pk, job_done=n)
            say(progress, "assemble", n, len(case_ids))

    try:
        built = assemble_archive(
            bundle=bundle, case_ids=case_ids, by=by, on_case=on_case, requested=requested
        )
    except DataFileError as exc:
        job_update(bundle.pk, job="", job_error=str(exc))
        raise BundleError(str(exc)) from exc
    except Exception as exc:
        job_update(bundle.pk, job="", job_error=f"ZIP の作成が止まりました。再作成してください: {exc}"[:2000])
        raise
    with transaction.atomic():
        locked = locked_bundle(bundle.pk)
        if locked.state != bundle.state or live_case_ids(locked) != case_ids:
            logger.info("bundle %s changed while it was assembled; this build is discarded", bundle.number)
            return locked
        previous = locked.archive
        locked.archive, locked.archive_sha256, locked.manifest = built.name, built.sha256, built.manifest
        locked.job, locked.job_error = "", ""
        locked.save(update_fields=["archive", "archive_sha256", "manifest", "job", "job_error"])
        audit_bundle(
            bundle=locked,
            by=by,
            action=AuditAction.CHANGE,
            purpose="送付データ (ZIP) の作成",
            sha256=built.sha256,
            cases=len(case_ids),
            with_mynumber=built.with_mynumber,
        )
        if previous and previous != built.name:
            transaction.on_commit(partial(archive_remove, name=previous))
    return locked
