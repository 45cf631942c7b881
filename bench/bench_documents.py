"""Benchmark: document rendering throughput of one worker process (pages/s and documents/s).

    .venv/bin/python bench/bench_documents.py [--cases 100] [--list-rows 1000] [--update-docs]
                                              [--no-harfbuzz-subset]

Uses its own database (``nenkin_bench_docs`` unless BENCH_DATABASE_URL says otherwise; dropped and
recreated), creates ``--cases`` exemption cases with spouse and income, and then, in this one
process as a Celery worker would: snapshots every case's 届書 and 所得情報 (2 documents a case),
renders and stores each one (encrypted) from its snapshot, and renders one 送付一覧表 of
``--list-rows`` cases (the weekly bundle's longest document). ``--no-harfbuzz-subset`` shows what
a machine without libharfbuzz-subset0 gets (WeasyPrint falls back to fontTools).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import database_prepare, django_setup, docs_section_write, machine_line, percentile, table_print  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_docs"
SECTION = "## Document rendering"


def cases_create(count: int) -> list[int]:
    from django.utils import timezone

    from cases.exemption.income_attachment import exemption_income_attach
    from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
    from cases.exemption.request import ExemptionRequest
    from cases.exemption.services import exemption_intake
    from cases.reference import reference_data_ensure
    from cases.registry.models.income import IncomeRecord
    from cases.registry.models.pension import PensionRecord
    from cases.registry.models.residents import Resident
    from cases.security.models.offices import Office
    from cases.security.models.users import User

    reference_data_ensure()
    office = Office.objects.get(code="honcho")
    clerk = User.objects.create_user(username="bench-clerk", password="bench-only-password-1", office=office)
    today = timezone.localdate()
    fiscal_year = fiscal_year_of(today, student=False)
    start, end = fiscal_year_bounds(fiscal_year, student=False)
    case_ids = []
    for n in range(count):
        applicant = Resident.objects.create(
            atena_no=f"B{n:08d}",
            kana_name="アサヒ タロウ",
            kanji_name=f"旭川 太郎{n}",
            kana_search="アサヒタロウ",
            kanji_search=f"旭川太郎{n}",
            birth_date=date(1990, 1, 1),
            sex="1",
            household_no=f"H{n:08d}",
            is_householder=True,
            address=f"北海道旭川市神居{n % 9 + 1}条{n % 20 + 1}丁目",
        )
        spouse = Resident.objects.create(
            atena_no=f"S{n:08d}",
            kana_name="アサヒ ハナコ",
            kanji_name=f"旭川 花子{n}",
            kana_search="アサヒハナコ",
            kanji_search=f"旭川花子{n}",
            birth_date=date(1991, 2, 2),
            sex="2",
            household_no=f"H{n:08d}",
            relationship="妻",
        )
        PensionRecord.objects.create(resident=applicant, basic_pension_no=f"{5_000_000_000 + n}")
        for person, income in ((applicant, 800_000 + n), (spouse, 300_000)):
            IncomeRecord.objects.create(
                personal_code=person.atena_no,
                tax_year=fiscal_year,
                total_income=income,
                social_insurance_deduction=150_000,
                medical_deduction=20_000,
            )
        case = exemption_intake(
            actor=clerk,
            resident=applicant,
            received_on=today,
            request=ExemptionRequest(kinds=["full", "half"], period_start=start, period_end=end),
        )
        application = case.exemption
        application.spouse, application.household_confirmed = spouse, True
        application.declared_kanji_name, application.declared_kana_name = (
            applicant.kanji_name,
            "アサヒ タロウ",
        )
        application.save()
        case_ids.append(case.pk)
    exemption_income_attach(case_ids=case_ids)
    return case_ids


def timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process). On a shared machine the CPU time is the better
    measure of what one worker can do; both are reported."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cases", type=int, default=100, help="cases; each has a 届書 and a 所得情報 (default 100)"
    )
    parser.add_argument("--list-rows", type=int, default=1000, help="rows of the 送付一覧表 (default 1000)")
    parser.add_argument(
        "--no-harfbuzz-subset", action="store_true", help="force WeasyPrint's fontTools fallback"
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the results into docs/benchmarks.md"
    )
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    database_prepare(url, recreate=True)
    django_setup(url)
    from unittest import mock

    from django.conf import settings
    from django.utils import timezone

    from cases.kernel.models import Case
    from documents import services
    from documents.fonts import harfbuzz_subset_available
    from documents.models import Document
    from documents.rendering import render_pdf

    if args.no_harfbuzz_subset:
        import weasyprint.pdf.fonts

        weasyprint.pdf.fonts.harfbuzz_subset = None
    subset_engine = "HarfBuzz" if harfbuzz_subset_available() and not args.no_harfbuzz_subset else "fontTools"

    with tempfile.TemporaryDirectory(prefix="nenkin-bench-docs-") as media:
        settings.MEDIA_ROOT = Path(media)
        print(f"creating {args.cases} cases …", flush=True)
        case_ids = cases_create(args.cases)
        cases = list(
            Case.objects.filter(pk__in=case_ids).select_related("resident__pension", "office", "exemption")
        )

        # Warm-up: fonts are loaded and the templates compiled once per worker process.
        services.document_render(document_id=services.document_request(kind="receipt", case=cases[0]).pk)

        # Step 1, at the request: snapshots only (rendering is what the worker does next).
        documents = []
        with mock.patch.object(services, "_schedule"):
            snapshot_wall, snapshot_cpu = timed(
                lambda: documents.extend(
                    services.document_request(kind=kind, case=case)
                    for case in cases
                    for kind in (Document.Kind.FILING, Document.Kind.INCOME)
                )
            )

        # Step 2, the worker: render, encrypt and store each document from its snapshot.
        load_before = os.getloadavg()[0]
        per_document = [
            timed(lambda d=document: services.document_render(document_id=d.pk)) for document in documents
        ]
        render_wall = sum(wall for wall, _cpu in per_document)
        render_cpu = sum(cpu for _wall, cpu in per_document)
        rendered = list(Document.objects.filter(pk__in=[d.pk for d in documents]))
        failed = [d.pk for d in rendered if d.status != Document.Status.DONE]
        pages = sum(d.pages for d in rendered)

        # The weekly bundle's 送付一覧表 with --list-rows rows.
        today = timezone.localdate().isoformat()
        row = {
            "number": "2026-000001",
            "basic_pension_no": "5000-000001",
            "name": "旭川 太郎",
            "kana": "アサヒ タロウ",
            "form": "免除・納付猶予申請書",
            "kinds": ["全額免除", "半額免除"],
            "received_on": today,
            "office": "市民課 (本庁)",
        }
        context = {
            "bundle": {"number": "BENCH", "date": today},
            "city": {"name": "旭川市", "section": "市民課", "pension_office": "旭川年金事務所"},
            "rows": [{**row, "number": f"2026-{n:06d}"} for n in range(1, args.list_rows + 1)],
            "doc": {"id": 0, "kind_label": "送付一覧表", "requested_on": today},
        }
        list_result = {}
        list_wall, list_cpu = timed(
            lambda: list_result.update(
                pdf=render_pdf(template="documents/pdf/bundle_list.html", context=context)
            )
        )
        list_pages = list_result["pdf"].pages
        load_after = os.getloadavg()[0]
        machine = machine_line()

    count = len(documents)

    def line(step, docs, pages_, wall, cpu):
        rate = f"{docs / wall:.2f} / {docs / cpu:.2f}" if docs > 1 else ""
        page_rate = f"{pages_ / wall:.2f} / {pages_ / cpu:.2f}" if pages_ else ""
        return [step, str(docs), str(pages_ or ""), f"{wall:.2f} / {cpu:.2f}", rate, page_rate]

    rows = [
        line("snapshot (at the request)", count, 0, snapshot_wall, snapshot_cpu),
        line("render + seal + store (worker)", count, pages, render_wall, render_cpu),
        line(f"送付一覧表, {args.list_rows} rows", 1, list_pages, list_wall, list_cpu),
    ]
    headers = [
        "step",
        "documents",
        "pages",
        "seconds wall / CPU",
        "documents/s wall / CPU",
        "pages/s wall / CPU",
    ]
    table_print(headers, rows)
    walls = [wall for wall, _cpu in per_document]
    cpus = [cpu for _wall, cpu in per_document]
    summary = (
        f"per case document: wall mean {statistics.mean(walls) * 1000:.0f} ms, p95 "
        f"{percentile(walls, 0.95) * 1000:.0f} ms; CPU mean {statistics.mean(cpus) * 1000:.0f} ms, p95 "
        f"{percentile(cpus, 0.95) * 1000:.0f} ms; font subsetting: {subset_engine}; "
        f"1-min load average {load_before:.1f} → {load_after:.1f} on {os.cpu_count()} CPUs"
    )
    print(summary)
    if failed:
        print(f"FAILED documents: {failed}")

    out = [
        SECTION,
        "",
        f"`bench/bench_documents.py --cases {args.cases} --list-rows {args.list_rows}` — one process, as one "
        f"Celery worker; {machine}; font subsetting by {subset_engine}.",
        f"{args.cases} exemption cases, each with its 届書 (1 page) and 所得情報 (本人・配偶者, 1 page): the "
        "snapshot is taken at the request, then each document is rendered from it, sealed (AES-256-GCM) and "
        "written under MEDIA_ROOT; times include the database work. Wall time is what the run took; CPU "
        "time is this process's own, the better measure of one worker when the machine is shared "
        f"(1-minute load average {load_before:.1f} → {load_after:.1f} during the run).",
        "",
        "| step | documents | pages | seconds (wall / CPU) | documents/s (wall / CPU) | pages/s (wall / CPU) |",
        "|---|---:|---:|---:|---:|---:|",
        *[f"| {' | '.join(r)} |" for r in rows],
        "",
        summary[0].upper() + summary[1:] + ".",
        "",
        "Case documents are rendered in the background as each case is approved, so the weekly job only "
        "assembles stored PDFs; the 送付一覧表 is the one document it renders itself.",
    ]
    if args.update_docs:
        docs_section_write(SECTION, "\n".join(out) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
