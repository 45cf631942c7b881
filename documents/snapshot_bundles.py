"""The snapshots of a weekly bundle's documents: the 送付書 (transmittal) and the 送付一覧表."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

from cases.common.identifiers.pension_no import pension_no_display
from cases.kernel.casetypes import related_paths
from cases.kernel.models import Case
from cases.submission.models import SubmissionBundle
from documents.filing import case_summary, iso
from documents.snapshot_parts import SNAPSHOT_VERSION, Snapshot, _city, form_for_listing

# (bundle id, its live cases) while both documents are requested: reading 1,000 cases with their resident,
# records and applications costs about 0.2 s, and the two snapshots (and the ZIP's data file) need the same.
_given: ContextVar[tuple[int, list[Case]] | None] = ContextVar("bundle_cases", default=None)


@contextmanager
def bundle_cases_given(bundle: SubmissionBundle, cases: list[Case] | None = None) -> Iterator[None]:
    """Within it, the bundle's snapshots use `cases` (its live cases in 整理番号 order, with the resident's
    records, the office and the applications loaded), read here once if not handed in."""
    token = _given.set((bundle.pk, _bundle_cases_read(bundle) if cases is None else cases))
    try:
        yield
    finally:
        _given.reset(token)


def _bundle_cases(bundle: SubmissionBundle) -> list[Case]:
    given = _given.get()
    if given is not None and given[0] == bundle.pk:
        return given[1]
    return _bundle_cases_read(bundle)


def _bundle_cases_read(bundle: SubmissionBundle) -> list[Case]:
    return [
        item.case
        for item in bundle.items.filter(live=True)
        .select_related("case__resident__pension", "case__office", *(f"case__{p}" for p in related_paths()))
        .order_by("case__number")
    ]


def _bundle_date(bundle: SubmissionBundle) -> str:
    moment = bundle.sealed_at or bundle.cutoff_at
    return iso(bundle.sent_on or timezone.localdate(moment))


def transmittal_snapshot(*, bundle: SubmissionBundle) -> Snapshot:
    counts: dict[str, dict] = {}
    for case in _bundle_cases(bundle):
        form = form_for_listing(case)
        line = counts.setdefault(form.code, {"code": form.code, "label": form.label, "count": 0})
        line["count"] += 1
        if case_summary(case).get("originals_separate"):
            line["originals_separate"] = True  # the paper originals travel separately
    lines = sorted(counts.values(), key=lambda line: line["code"])  # the data file's form-code order
    head = {"id": bundle.pk, "number": bundle.number, "date": _bundle_date(bundle)}
    if bundle.off_cycle:
        head["off_cycle"] = True  # 臨時送付 (施行規則9条の14日のため)
    context = {
        "version": SNAPSHOT_VERSION,
        "bundle": head,
        "city": _city(),
        "lines": lines,
        "total": sum(line["count"] for line in lines),
    }
    return Snapshot("documents/pdf/transmittal.html", context)


def bundle_list_snapshot(*, bundle: SubmissionBundle) -> Snapshot:
    rows, sections = [], {}
    for case in _bundle_cases(bundle):
        pension = getattr(case.resident, "pension", None)
        form = form_for_listing(case)
        summary = case_summary(case)
        row = {
            "number": case.number,
            "basic_pension_no": pension_no_display(pension.basic_pension_no if pension else ""),
            "name": case.resident.kanji_name,
            "kana": case.resident.kana_name,
            "form": form.short,
            "kinds": [kind["label"] for kind in summary["kinds"]],
            "received_on": iso(case.received_on),
            "office": case.office.name,
        }
        if summary.get("originals_separate"):
            row["originals_separate"] = True
        rows.append(row)
        # Each case type is a section of its own (免除・納付猶予, 障害基礎年金 …), in 届書種別 order.
        section = sections.setdefault(
            case.case_type, {"label": case.type_label, "code": form.code, "rows": []}
        )
        section["code"] = min(section["code"], form.code)
        section["rows"].append(row)
    ordered = sorted(sections.values(), key=lambda section: section["code"])
    context = {
        "version": SNAPSHOT_VERSION,
        "bundle": {"id": bundle.pk, "number": bundle.number, "date": _bundle_date(bundle)},
        "city": _city(),
        "rows": rows,
        "sections": ordered if len(ordered) > 1 else [],
    }
    return Snapshot("documents/pdf/bundle_list.html", context)
