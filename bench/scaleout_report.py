"""bench_scaleout.py's floors (bare writes of the same rows, rolled back), its table and its docs section."""

import os
import time

from benchlib import docs_section_write, table_print

SECTION = "## Scale-out"
LABELS = {
    "results": "results: 結果待ち → 完了 / 入力 (cases.results_flows_advance)",
    "documents": "documents at approval (case_documents + render)",
    "build": "bundle build (bundles.build_weekly)",
    "seal": "bundle seal (bundles.seal)",
}


def _rolled_back(work) -> float:
    from django.db import transaction

    with transaction.atomic():
        began = time.perf_counter()
        work()
        seconds = time.perf_counter() - began
        transaction.set_rollback(True)
    return seconds


def documents_floor(case_ids: list[int], per_case: int) -> float:
    """One bulk INSERT of as many finished document rows as the approvals make."""
    from django.utils import timezone

    from documents.models import Document

    kinds = [Document.Kind.FILING, Document.Kind.INCOME][:per_case]
    rows = [
        Document(kind=kind, case_id=case_id, template="floor", context={}, status=Document.Status.DONE,
                 sha256="0" * 64, context_sha256="0" * 64, rendered_at=timezone.now())
        for case_id in case_ids for kind in kinds
    ]  # fmt: skip
    return _rolled_back(lambda: Document.objects.bulk_create(rows, batch_size=5000))


def build_floor(case_ids: list[int]) -> float:
    """One bulk INSERT of the bundle's item rows and of the cases' timeline rows."""
    from django.utils import timezone

    from cases.kernel.models import CaseEvent
    from cases.submission.models import BundleItem, SubmissionBundle

    def work() -> None:
        bundle = SubmissionBundle.objects.create(number="FLOOR", cutoff_at=timezone.now())
        BundleItem.objects.bulk_create(
            [BundleItem(bundle=bundle, case_id=c) for c in case_ids], batch_size=5000
        )
        CaseEvent.objects.bulk_create(
            [CaseEvent(case_id=c, action=CaseEvent.Action.BUNDLED) for c in case_ids], batch_size=5000
        )

    return _rolled_back(work)


def _rows(rows: dict[str, list[dict]]) -> list[list[str]]:
    table = []
    for step, runs in rows.items():
        one = runs[0]["wall"] if runs[0]["workers"] == 1 else None
        for run in runs:
            busy = (run["worker_cpu"] + run["pg_cpu"]) / run["wall"]
            table.append([
                LABELS[step], str(run["workers"]), f"{run['jobs']:,}", f"{run['cases']:,}", f"{run['wall']:.2f}",
                f"{run['cases'] / run['wall']:,.0f}", f"{one / run['wall']:.2f}×" if one else "",
                f"{run['worker_cpu']:.2f}", f"{run['pg_cpu']:.2f}", f"{busy:.2f}",
                "" if run["floor"] is None else f"{run['floor']:.2f}",
            ])  # fmt: skip
    return table


HEADERS = ["step", "workers", "jobs", "cases", "wall s", "cases/s", "speed-up vs 1", "worker CPU s",
           "PostgreSQL CPU s", "CPUs busy", "floor s (raw SQL)"]  # fmt: skip


def report(rows: dict[str, list[dict]], *, machine: str, load: list, target: float) -> bool:
    """Prints the table; True when every run moved all its cases and 1 worker met the results target."""
    table_print(HEADERS, _rows(rows))
    ok = True
    for runs in rows.values():
        for run in runs:
            if run.get("expected") is not None and run["cases"] != run["expected"]:
                print(
                    f"FAIL: {run['step']} with {run['workers']} workers moved {run['cases']} of {run['expected']}"
                )
                ok = False
    for run in rows.get("results", []):
        if run["workers"] == 1:
            rate = run["cases"] / run["wall"]
            passed = rate >= target
            ok &= passed
            print(
                f"results with 1 worker: {rate:,.0f} cases/s, target ≥ {target:,.0f}: {'PASS' if passed else 'FAIL'}"
            )
    print(f"{machine}; load average (1/5/15 min) {_load(load[0])} before, {_load(load[-1])} after")
    return ok


def _load(values) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def docs_write(rows: dict[str, list[dict]], *, machine: str, load: list, args) -> None:
    table = _rows(rows)
    out = [
        SECTION,
        "",
        f"`bench/bench_scaleout.py --lines {args.lines} --cases {args.cases} --workers {args.workers}` — {machine}; "
        f"load average {_load(load[0])} before the run, {_load(load[-1])} after ({os.cpu_count()} CPUs).",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|---|" + "---:|" * (len(HEADERS) - 1),
        *[f"| {' | '.join(row)} |" for row in table],
        "",
    ]
    docs_section_write(SECTION, "\n".join(out) + "\n")
