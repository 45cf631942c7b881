"""The bundle ZIP: reading the cases once, the data file, the manifest, and the service that
(re)builds and stores it with progress."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.documents import documents
from cases.kernel.casetypes import casetype_spec, filing_form_of, related_paths
from cases.kernel.models import Case, CaseEvent
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
from cases.submission.datafile import DataFileError, DataFiles, data_files_build, spellable
from cases.submission.faults import fault_point
from cases.submission.fixed_length import ENCODING, RECORD_LENGTH, RecordValueError
from cases.submission.models import SubmissionBundle
from cases.submission.records import data_values, form_record_values, header_values
from cases.submission.storage import archive_name, archive_remove, archive_write

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Built:
    name: str
    sha256: str
    manifest: dict
    with_mynumber: int


def _cases(case_ids: list[int]) -> list[Case]:
    # The office too: the 送付一覧表's snapshot is taken from these (documents().bundle_files_request).
    return list(
        Case.objects.filter(pk__in=case_ids)
        .select_related("resident__pension", "office", *related_paths())
        .order_by("number")
    )


def _filed_values(cases: list[Case]) -> dict[int, dict]:
    """Each type's own columns of the data file (CaseTypeSpec.filing_values), one call per type."""
    by_type: dict[str, list[Case]] = {}
    for case in cases:
        by_type.setdefault(case.case_type, []).append(case)
    filed: dict[int, dict] = {}
    for case_type, of_type in by_type.items():
        spec = casetype_spec(case_type)
        if spec.filing_values is not None:
            filed.update(spec.filing_values(of_type))
    return filed


def _data_files(bundle: SubmissionBundle, cases: list[Case]) -> DataFiles:
    filed = _filed_values(cases)
    records, problems = [], []
    by_spelling = False
    for case in cases:
        try:
            values = data_values(case, filed.get(case.pk))
        except RecordValueError as exc:
            problems.append(str(exc))
            by_spelling |= spellable(exc)
            continue
        # The record the case's form adds (FilingForm.record; form 31's 資格届出レコード), if any.
        values["form_record"] = form_record_values(case, filed.get(case.pk))
        records.append({**values, "subject": f"整理番号 {case.number}"})
    header = header_values(
        lg_code=settings.NENKIN_LG_CODE,
        bundle_number=bundle.number,
        created_on=timezone.localdate(bundle.created_at),
        cutoff_on=timezone.localdate(bundle.cutoff_at),
    )
    try:
        files = data_files_build(header=header, records=records)
    except DataFileError as exc:
        problems.extend(exc.problems)
        by_spelling |= exc.spellable
    if problems:
        raise DataFileError(problems, spellable=by_spelling)
    return files


def validate_records(*, bundle: SubmissionBundle, case_ids: list[int]) -> None:
    """Raises DataFileError listing every case whose data does not fit the record layout."""
    _data_files(bundle, _cases(case_ids))


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _manifest(
    bundle: SubmissionBundle, cases: list[Case], *, documents: int, with_mynumber: int, data_path: str
) -> dict:
    by_form: dict[str, dict] = {}
    for case in cases:
        form = filing_form_of(case)
        by_form.setdefault(form.code, {"label": form.data_label, "count": 0})["count"] += 1
    latest = CaseEvent.objects.filter(case__in=cases, action=CaseEvent.Action.APPROVED).values("case_id")
    approvals = sorted(row["at"] for row in latest.annotate(at=Max("at")))
    sealed = None
    if bundle.sealed_at:
        sealed = {"at": _iso(bundle.sealed_at), "by": getattr(bundle.sealed_by, "username", "")}
    return {
        "bundle": {
            "id": bundle.pk,
            "number": bundle.number,
            "lg_code": settings.NENKIN_LG_CODE,
            "city": settings.NENKIN_CITY_NAME,
            "pension_office": settings.NENKIN_PENSION_OFFICE,
            "off_cycle": bundle.off_cycle,
        },
        "created": _iso(bundle.created_at),
        "period": {
            "cutoff_at": _iso(bundle.cutoff_at),
            "approved_from": _iso(approvals[0]) if approvals else None,
            "approved_to": _iso(approvals[-1]) if approvals else None,
        },
        "sealed": sealed,
        "counts": {
            "cases": len(cases),
            "by_form": by_form,
            "case_documents": documents,
            "documents_with_mynumber": with_mynumber,
        },
        "data_file": {
            "path": data_path,
            "encoding": ENCODING,
            "record_length": RECORD_LENGTH,
            "newline": "CRLF",
            "records": {"header": 1, "data": len(cases), "trailer": 1},
            "layout": "docs/formats/submission.md",
        },
    }


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
    cases = _cases(case_ids)
    if requested is None:
        requested = documents().bundle_files_request(bundle=bundle, by=by, cases=cases)
    bundle_files, problems = requested[0], list(requested[1])
    by_spelling = False
    try:
        files = _data_files(bundle, cases)
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
    manifest = _manifest(
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
