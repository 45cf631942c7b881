"""Benchmark: a city-year — every case type filed with 機構 (免除・納付猶予申請, 障害基礎年金 請求, 第1号
資格届出) from the counter to 完了, through 52 weekly bundles and 52 results imports (target: ≥ 50 cases/s
end to end).

    .venv/bin/python bench/bench_city_year.py [--cases 30000] [--workers 1] [--render-all] [--update-docs]

Uses its own database (``nenkin_bench_city_year`` unless BENCH_DATABASE_URL says otherwise; dropped and
recreated) and a temporary MEDIA_ROOT. The applicants and their records (住民記録, 基礎年金番号, 所得, 資格情報)
are bulk-created first and not timed: imports load them in a real installation. Then each week, every case
is driven by bench/city_year_drive.py through the services the screens and the Celery jobs call (no bulk
writes of case, flow or task rows): 受付 (case_start with the type's intake service), 本人確認, 書類不備
answered a week later, 入力, 照合, 決裁, 取下げ, the weekly bundle (build, seal, hand-over) and 機構's
results (one 係長 uploads, another applies; the flows complete in the jobs the import queues). The mix
(bench/city_year_world.py): 55% exemptions, 40% 資格届出, 5% 障害基礎年金 claims; 6% go through 書類不備,
4% are sent back at 照合 and 2% at 決裁, 2% are returned by 機構 (返戻) and sent again the next week,
3% of exemptions are refused (却下), 2% are withdrawn (at 書類不備 or at 入力).

Celery runs in-process (the test settings), so the jobs — income attachment, documents, flow
completions — are inside the stage that queues them. Documents: every document is requested,
snapshotted, sealed and stored as usual, but WeasyPrint renders each template once and its PDF is reused
for the other documents of that template (receipts, 届書 per type, 所得情報, the 送付書 and 送付一覧表), as
bench_bundle.py reuses real PDFs: rendering is measured by bench_documents.py (≈ 0.2 s CPU a page), and
rendering ~60,000 documents would hide everything else. ``--render-all`` renders every one.

``--workers N`` shares each person's stage (受付 … 決裁) among N forked processes, as N clerks work the desk
at once (bench/city_year_spread.py); the bundle and the results stay one 係長's job in the main process.

CPU per case counts the bench's processes (time.process_time and the joined children's getrusage: the
driver, Django, viewflow and the in-process jobs) and the PostgreSQL backends serving their connections (utime + stime of its /proc/<pid>/stat, the
database being on this machine); the seal's extra connections (threads) are in the process figure but
their backends are not. The floor: INSERT … SELECT of the rows the year left in the case, timeline,
process and task tables into temporary copies (same columns and indexes), rolled back. Exits 1 below
the target.
"""

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import database_prepare, django_setup, docs_section_write, machine_line, table_print  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_city_year"
SECTION = "## City-year"
TARGET_PER_SECOND = 50.0
FLOOR_TABLES = ("cases_case", "cases_caseevent", "viewflow_process", "viewflow_task")


EVENT_LABELS = {
    "": "straight through",
    "papers": "書類不備 then resumed",
    "cross_back": "差戻し at 照合",
    "approval_back": "差戻し at 決裁",
    "returned": "返戻 by 機構, sent again",
    "rejected": "却下 by 機構",
    "withdraw_papers": "取下げ at 書類不備",
    "withdraw_input": "取下げ at 入力",
}
HEADERS = [
    "stage",
    "cases",
    "seconds",
    "cases/s",
    "CPU per case (process + PostgreSQL)",
    "queries/case",
    "floor",
]


def stage_table(stats) -> tuple[list[str], list[list[str]]]:
    rows = []
    for stage, (count, wall, cpu, pg, queries) in stats.rows.items():
        per = f"{cpu / count * 1000:.1f} + {pg / count * 1000:.1f} ms" if count else ""
        asked = f"{queries / count:.1f}" if count else ""
        rate = f"{count / wall:.1f}" if wall and count else ""
        rows.append([stage, f"{count:,}", f"{wall:.1f}", rate, per, asked, ""])
    return HEADERS, rows


def insert_floor() -> tuple[dict[str, int], dict[str, float]]:
    """Rows per table and seconds to INSERT … SELECT them into a temporary copy (rolled back)."""
    from django.db import connection, transaction

    rows, seconds = {}, {}
    with transaction.atomic(), connection.cursor() as cursor:
        for table in FLOOR_TABLES:
            cursor.execute(
                f"CREATE TEMPORARY TABLE floor_{table} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES)"
            )
            began = time.perf_counter()
            cursor.execute(f"INSERT INTO floor_{table} SELECT * FROM {table}")
            seconds[table] = time.perf_counter() - began
            rows[table] = cursor.rowcount
        transaction.set_rollback(True)
    return rows, seconds


def outcome_check(year) -> list[str]:
    """Every case where its plan says it ends, its flow finished; returns what is not."""
    from viewflow.workflow.status import PROCESS

    from bench.city_year_drive import expected_stage
    from cases.kernel.models import Case

    found = {
        pk: (stage, status)
        for pk, stage, status in Case.objects.values_list("pk", "stage", "process__status")
    }
    wrong = []
    for plan in year.plans:
        stage, status = found.get(plan.case_id, (None, None))
        wanted = expected_stage(plan)
        # 取下げ at 書類不備 ends the flow at its 取下げ node; case_withdraw cancels it.
        done = PROCESS.CANCELED if plan.event == "withdraw_input" else PROCESS.DONE
        if stage != wanted or status != done:
            wrong.append(
                f"{plan.case_type} #{plan.index} ({plan.event or 'plain'}): {stage}/{status}, expected {wanted}/{done}"
            )
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=30_000)
    parser.add_argument(
        "--workers", type=int, default=1, help="processes sharing each person's stage (clerks at once)"
    )
    parser.add_argument("--render-all", action="store_true", help="WeasyPrint for every document")
    parser.add_argument(
        "--update-docs", action="store_true", help="write the results into docs/benchmarks.md"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    database_prepare(url, recreate=True)
    django_setup(url)
    logging.getLogger("celery").setLevel(logging.WARNING)  # a line per in-process job otherwise

    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from bench.city_year_drive import CityYear, rendering_once_per_template
    from bench.city_year_spread import children_cpu
    from bench.city_year_types import exemption_period
    from bench.city_year_world import WEEKS, residents_create, staff, year_plan
    from cases.reference import reference_data_ensure
    from cases.security.models.offices import Office

    with tempfile.TemporaryDirectory(prefix="nenkin-bench-city-year-") as media:
        settings.MEDIA_ROOT = Path(media)
        if not args.render_all:
            import documents.services

            documents.services.render_pdf = rendering_once_per_template(
                documents.services.render_pdf, keep=Path(media)
            )
        reference_data_ensure()
        clerks, supervisors = staff(Office.objects.get(code="honcho"))
        plans = year_plan(args.cases)
        began = time.perf_counter()
        with transaction.atomic():
            residents_create(plans, fiscal_start=exemption_period(timezone.localdate())[0])
        setup = time.perf_counter() - began
        print(f"{args.cases:,} applicants and their records in {setup:.1f} s (not timed below)", flush=True)

        year = CityYear(plans, clerks, supervisors, workers=args.workers)
        load_before = os.getloadavg()
        began, cpu = time.perf_counter(), time.process_time() + children_cpu()

        def progress(week: int) -> None:
            if week % 4 == 3 or week == WEEKS - 1:
                rate = sum(p.case_id > 0 for p in plans) / (time.perf_counter() - began)
                print(
                    f"  week {week + 1}/{WEEKS}: {rate:.1f} cases/s, load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
            if week % 13 == 12 and week < WEEKS - 1:  # each quarter: the figures so far
                table_print(*stage_table(year.stats))

        year.run(progress)
        total_wall = time.perf_counter() - began
        total_cpu = time.process_time() + children_cpu() - cpu
        load_after = os.getloadavg()
        wrong = outcome_check(year)
        floor_rows, floor_seconds = insert_floor()
        machine = machine_line()

    rate = args.cases / total_wall
    passed = rate >= TARGET_PER_SECOND and not wrong
    pg_total = sum(row[3] for row in year.stats.rows.values())
    headers, rows = stage_table(year.stats)
    rows[0][6] = f"INSERT of the {floor_rows['cases_case']:,} case rows: {floor_seconds['cases_case']:.2f} s"
    floor_all = sum(floor_seconds.values())
    rows.append([
        "end to end (52 weeks)", f"{args.cases:,}", f"{total_wall:.1f}", f"{rate:.1f}",
        f"{total_cpu / args.cases * 1000:.1f} + {pg_total / args.cases * 1000:.1f} ms",
        f"{sum(row[4] for row in year.stats.rows.values()) / args.cases:.1f}",
        f"INSERT of its {sum(floor_rows.values()):,} case, timeline, process, task rows: {floor_all:.2f} s",
    ])  # fmt: skip
    verdict = f"target ≥ {TARGET_PER_SECOND:.0f} cases/s: " + ("PASS" if passed else "FAIL")
    table_print(headers, rows)
    print(verdict)
    print(
        f"bundles {len(year.bundles)}, results imports {len(year.imports)}; cases not where planned: {len(wrong)}"
    )
    for line in wrong[:10]:
        print("  ", line)
    loadavg = Path("/proc/loadavg").read_text().strip()
    print(
        f"{machine}; load average {load_before[0]:.1f} → {load_after[0]:.1f} (1 min); /proc/loadavg {loadavg}"
    )

    if args.update_docs:
        events, types = {}, {}
        for plan in plans:
            events[EVENT_LABELS[plan.event]] = events.get(EVENT_LABELS[plan.event], 0) + 1
            types[plan.case_type] = types.get(plan.case_type, 0) + 1
        out = [
            SECTION,
            "",
            f"`bench/bench_city_year.py --cases {args.cases} --workers {args.workers}` — {machine}; "
            f"measured {timezone.localdate()}, "
            f"1-minute load average {load_before[0]:.1f} → {load_after[0]:.1f} on {os.cpu_count()} CPUs. "
            f"{args.cases:,} cases of the three types filed with 機構 from 受付 to 完了 through the services the "
            "screens and the jobs call, "
            + ("one process" if args.workers == 1 else f"{args.workers} processes sharing each person's stage")
            + " (Celery in-process), "
            f"{len(year.bundles)} weekly bundles and {len(year.imports)} results imports (uploaded by one 係長, "
            "applied by another). Types: " + ", ".join(f"{k} {v:,}" for k, v in types.items()) + "; on the way: "
            + ", ".join(f"{k} {v:,}" for k, v in events.items()) + ". "
            + ("Every document rendered by WeasyPrint." if args.render_all else
               "Documents are requested, snapshotted, sealed and stored for every case, but WeasyPrint renders "
               "each template once and the PDF is reused (bench_documents.py measures rendering).")
            + " CPU per case: the bench's processes + the PostgreSQL backends of their connections.",
            "",
            "| " + " | ".join(headers) + " |",
            "|---|---:|---:|---:|---:|---:|---|",
            *[f"| {' | '.join(row)} |" for row in rows],
            "",
            f"{verdict}; every case ended where its plan says: {'yes' if not wrong else f'no ({len(wrong)})'}.",
        ]  # fmt: skip
        docs_section_write(SECTION, "\n".join(out) + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
