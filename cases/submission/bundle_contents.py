"""What goes into the bundle ZIP besides the documents: the cases read once, the data file and the
manifest. bundle_assembly.py writes the ZIP from them and stores it with progress."""

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from cases.kernel.casetypes import casetype_spec, filing_form_of, related_paths
from cases.kernel.models import Case, CaseEvent
from cases.submission.datafile import DataFileError, DataFiles, data_files_build, spellable
from cases.submission.fixed_length import ENCODING, RECORD_LENGTH, RecordValueError
from cases.submission.models import SubmissionBundle
from cases.submission.records import data_values, form_record_values, header_values


def bundle_cases(case_ids: list[int]) -> list[Case]:
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


def data_files(bundle: SubmissionBundle, cases: list[Case]) -> DataFiles:
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
    data_files(bundle, bundle_cases(case_ids))


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def manifest_build(
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
