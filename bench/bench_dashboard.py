"""Benchmark: the supervisor dashboard with 50,000 open and 500,000 finished tasks.

    .venv/bin/python bench/bench_dashboard.py [--reload] [--requests 100] [--warmup 10]

Uses its own PostgreSQL database (``nenkin_bench_dashboard`` unless BENCH_DASHBOARD_DATABASE_URL says
otherwise), loaded the way bench/bench_desk.py loads its own (the same cases, processes and tasks over
8 offices), plus the case timeline the dashboard counts: one row per finished step, 差戻し where a
case went round twice, 返戻 for one sent case in fifty. Later runs reuse it; ``--reload`` rebuilds.

The real views are requested through Django's test client with DEBUG off (a 係長 who sees all offices:
the whole city, one branch, one chart's CSV), warm-up rounds then N timed rounds. Beside each figure
its floor, measured in the same run: the same SQL statements the page ran, sent straight through a
cursor (no Django, no template, no SVG). Targets (issue 14): the same number of queries on every
request, at most 15, p95 ≤ 150 ms. Prints a table and exits 1 when a target is missed.
"""

import argparse
import datetime as dt
import os
import sys
import time
from dataclasses import dataclass, field

import bench_desk
import benchlib

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_dashboard"
MAX_QUERIES = 15
P95_TARGET_MS = 150.0

# The timeline rows each finished step leaves (workflows' steps and the seal/results), by node.
EVENT_OF_NODE = {
    "verify_identity": "identity_verified",
    "enter_data": "input_saved",
    "cross_check": "cross_check_ok",
    "approve": "approved",
    "await_dispatch": "sent",
    "await_result": "result",
}


def events_load() -> int:
    """The timeline, written from the tasks in a few statements (what the steps would have written)."""
    from django.db import connection, transaction

    nodes = ", ".join(f"('{bench_desk.FLOW}.{node}', '{action}')" for node, action in EVENT_OF_NODE.items())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO cases_caseevent (case_id, at, actor_id, office_id, action, from_stage, to_stage,
                                         text_code, text_params, comment)
            SELECT c.id, t.finished, t.owner_id, c.office_id,
                   CASE WHEN m.action = 'cross_check_ok' AND t.id <> last_check.id THEN 'sent_back'
                        ELSE m.action END,
                   '', '', '', '{{}}'::jsonb, ''
            FROM viewflow_task t
            JOIN (VALUES {nodes}) AS m(flow_task, action) ON m.flow_task = t.flow_task
            JOIN cases_case c ON c.process_id = t.process_id
            LEFT JOIN LATERAL (
                SELECT max(x.id) AS id FROM viewflow_task x
                WHERE x.process_id = t.process_id AND x.flow_task = t.flow_task AND x.status = 'DONE'
            ) last_check ON true
            WHERE t.status = 'DONE'
            """
        )
        written = cursor.rowcount
        # 機構 returned one sent case in fifty.
        cursor.execute(
            """
            INSERT INTO cases_caseevent (case_id, at, actor_id, office_id, action, from_stage, to_stage,
                                         text_code, text_params, comment)
            SELECT case_id, at + interval '20 days', NULL, NULL, 'returned', 'sent', 'input', '', '{}'::jsonb, ''
            FROM cases_caseevent WHERE action = 'sent' AND case_id % 50 = 0
            """
        )
        written += cursor.rowcount
        cursor.execute("INSERT INTO bench_desk_meta VALUES ('dashboard_events', %s)", [str(written)])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_caseevent")
    return written


def events_loaded() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM bench_desk_meta WHERE key = 'dashboard_events'")
        return cursor.fetchone() is not None


@dataclass
class Result:
    page: str
    queries: list[int] = field(default_factory=list)
    times_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (
            len(set(self.queries)) == 1
            and max(self.queries) <= MAX_QUERIES
            and benchlib.percentile(self.times_ms, 0.95) <= P95_TARGET_MS
        )


def _floor(statements: list[str]) -> float:
    """The page's SQL alone: each statement the page ran, straight through a cursor (ms)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def pages_measure(requests: int, warmup: int) -> list[Result]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cases.security.models.offices import Office
    from cases.security.models.users import User

    supervisor = User.objects.get(username=bench_desk.MEASURED_SUPERVISOR)
    branch = Office.objects.get(code="nagayama")
    pages = ["/desk/dashboard/", f"/desk/dashboard/?office={branch.pk}", "/desk/dashboard/csv/?chart=weekly"]
    client = Client()
    client.force_login(supervisor)
    results = [Result(page) for page in pages]
    for round_no in range(warmup + requests):
        for result in results:
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(result.page)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (result.page, response.status_code)
            # Only what the database must answer: no session write, no savepoints.
            statements = [
                q["sql"]
                for q in ctx.captured_queries
                if q["sql"].lstrip().upper().startswith(("SELECT", "("))
            ]
            floor = _floor(statements)
            if round_no >= warmup:
                result.queries.append(len(ctx.captured_queries))
                result.times_ms.append(elapsed)
                result.floor_ms.append(floor)
    return results


def results_print(results: list[Result], requests: int) -> None:
    rows = []
    for r in results:
        queries = benchlib.value_range(r.queries)
        rows.append([
            r.page, queries, f"{benchlib.percentile(r.times_ms, 0.50):.1f}",
            f"{benchlib.percentile(r.times_ms, 0.95):.1f}", f"{max(r.times_ms):.1f}",
            f"{benchlib.percentile(r.floor_ms, 0.50):.1f}", f"{benchlib.percentile(r.floor_ms, 0.95):.1f}",
            f"≤{MAX_QUERIES} q, same each time, p95 ≤{P95_TARGET_MS:.0f} ms", "PASS" if r.passed else "FAIL",
        ])  # fmt: skip
    print(f"\nServer time per request (ms, {requests} requests each after warm-up, load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):")  # fmt: skip
    benchlib.table_print(
        ["page", "queries", "p50", "p95", "max", "floor p50", "floor p95", "target", "result"], rows
    )
    print(
        "p50/p95/max: wall clock around client.get (the target). floor: the same SELECT statements the "
        "page ran, sent straight through a cursor in the same run (what the database alone needs)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reload", action="store_true", help="drop the bench database and load it again")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DASHBOARD_DATABASE_URL", DEFAULT_URL)
    benchlib.database_prepare(url, recreate=args.reload)
    benchlib.django_setup(url)
    print(benchlib.machine_line())
    version = bench_desk.data_loaded()
    if version not in (None, bench_desk.DATA_VERSION):
        print(f"bench data is {version}: run with --reload", file=sys.stderr)
        return 2
    if version is None:
        started = time.perf_counter()
        loaded = bench_desk.data_load(dt.datetime.now(dt.UTC))
        print(f"loaded {loaded['cases']:,} cases, {loaded['tasks']:,} tasks "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    if not events_loaded():
        started = time.perf_counter()
        print(f"wrote {events_load():,} timeline rows in {time.perf_counter() - started:.1f} s")
    bench_desk.volume_print()
    results = pages_measure(args.requests, args.warmup)
    results_print(results, args.requests)
    failed = [r for r in results if not r.passed]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
