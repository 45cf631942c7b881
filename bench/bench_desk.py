"""Benchmark: inbox, office queue and desk home with 50,000 open and 500,000 finished tasks.

    .venv/bin/python bench/bench_desk.py [--reload] [--requests 200] [--warmup 20]

Uses its own PostgreSQL database (``nenkin_bench_desk`` unless BENCH_DESK_DATABASE_URL says otherwise),
created and migrated when missing. The first run loads the volume with COPY (residents, pension records,
exemption cases over 8 offices, their viewflow processes and tasks written exactly as the engine writes
them), later runs reuse it; ``--reload`` drops and rebuilds the database.

Then the real views are requested through Django's test client with DEBUG off, round-robin over the
pages (a clerk of 本庁 and a supervisor who sees all offices): warm-up rounds, then N timed rounds (wall
clock around ``client.get``), counting queries. Targets (product brief §6, issue 15): the inbox and the
queue at most 8 queries, the same number on every request, p95 ≤ 50 ms; the desk home (counts and the
three warning lists) at most 10 queries, p95 ≤ 100 ms. The floor beside each figure is the page's own
SQL (the database time of the same queries), which no rendering can go under. Alongside, the CPU time of the request (this thread and its
PostgreSQL backend) and the time both waited for a CPU, so a run on a busy machine can be read. Prints a
table and the EXPLAIN ANALYZE of the queue and inbox SQL, and exits 1 when a target is missed.
"""

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field

import benchlib

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_desk"
DATA_VERSION = "desk-2"
OPEN_HUMAN_TASKS = 50_000
FINISHED_TASKS = 500_000
# page path → (most queries, p95 ms)
TARGETS = {"/desk/inbox/": (8, 50.0), "/desk/queue/": (8, 50.0), "/desk/": (10, 100.0)}
SEED = 20260401

FLOW = "workflows/flows.exemption.ExemptionFlow"
NODE_TYPES = {
    "start": "START",
    "verify_identity": "HUMAN",
    "check_identity": "EXCLUSIVE_GATEWAY",
    "await_documents": "HUMAN",
    "check_documents": "EXCLUSIVE_GATEWAY",
    "enter_data": "HUMAN",
    "attach_income": "FUNCTION",
    "cross_check": "HUMAN",
    "check_cross_check": "EXCLUSIVE_GATEWAY",
    "approve": "HUMAN",
    "check_approval": "EXCLUSIVE_GATEWAY",
    "await_dispatch": "FUNCTION",
    "await_result": "FUNCTION",
    "check_result": "EXCLUSIVE_GATEWAY",
    "closed": "END",
    "withdrawn": "END",
}
PERMISSIONS = {
    "verify_identity": "cases.verify_identity",
    "await_documents": "cases.verify_identity",
    "enter_data": "cases.enter_data",
    "cross_check": "cases.cross_check",
    "approve": "cases.approve_case",
}
# Who holds each human step of a case (the plan's attribute).
ACTORS = {
    "verify_identity": "received_by",
    "await_documents": "received_by",
    "enter_data": "enter_by",
    "cross_check": "check_by",
    "approve": "approve_by",
}

VERIFY = ["start", "verify_identity"]
HEAD = ["start", "verify_identity", "check_identity"]
DOCUMENTS = [*HEAD, "await_documents"]
INPUT = [*HEAD, "enter_data"]
CROSS = [*INPUT, "attach_income", "cross_check"]
APPROVE = [*CROSS, "check_cross_check", "approve"]
DISPATCH = [*APPROVE, "check_approval", "await_dispatch"]
RESULT = [*DISPATCH, "await_result"]
CLOSED = [*RESULT, "check_result", "closed"]
SENT_BACK_CLOSED = [*CROSS, "check_cross_check", "enter_data", "attach_income", *CLOSED[6:]]
WITHDRAWN = [*DOCUMENTS, "check_documents", "withdrawn"]

# (kind, path, status of the last task, stage, share of the open human tasks)
OPEN_MIX = [
    ("identity_at_counter", VERIFY, "ASSIGNED", "identity", 0.08),
    ("awaiting_documents", DOCUMENTS, "NEW", "awaiting_documents", 0.08),
    ("input_assigned", INPUT, "ASSIGNED", "input", 0.17),
    ("input_released", INPUT, "NEW", "input", 0.04),
    ("cross_check_queue", CROSS, "NEW", "cross_check", 0.25),
    ("cross_check_assigned", CROSS, "ASSIGNED", "cross_check", 0.06),
    ("approval_queue", APPROVE, "NEW", "approval", 0.24),
    ("approval_assigned", APPROVE, "ASSIGNED", "approval", 0.08),
]
# Open processes waiting on a Handle (no human task), then finished ones.
WAITING_MIX = [("ready_to_send", DISPATCH, "ready_to_send", 3_000), ("sent", RESULT, "sent", 2_000)]
FINISHED_MIX = [("closed", CLOSED, "closed", 0.85), ("closed_after_send_back", SENT_BACK_CLOSED, "closed", 0.07),
                ("withdrawn", WITHDRAWN, "withdrawn", 0.08)]  # fmt: skip
# Share of the cases per office: the main office (本庁) takes the most.
OFFICE_WEIGHTS = {"honcho": 0.30}
CLERKS_PER_OFFICE = {"honcho": 15}
SUPERVISORS_PER_OFFICE = {"honcho": 2}

MEASURED_CLERK = "bench_clerk"
MEASURED_SUPERVISOR = "bench_super"


@dataclass
class Plan:
    kind: str
    path: list[str]
    last_status: str  # DONE for finished cases
    stage: str
    office_id: int
    received_by: int
    enter_by: int | None = None
    check_by: int | None = None
    approve_by: int | None = None
    tasks: list[list] = field(
        default_factory=list
    )  # [flow_task, type, status, created, started, finished, owner]


# ---------------------------------------------------------------------------------------------- loading


def users_create() -> dict[int, dict[str, list[int]]]:
    """Clerks and supervisors of every office, including the two measured users (本庁)."""
    from django.contrib.auth.models import Group

    from cases.security.models.offices import Office
    from cases.security.models.users import User
    from cases.security.roles import ROLES_BY_CODE

    groups = {code: Group.objects.get(name=ROLES_BY_CODE[code].group) for code in ("clerk", "supervisor")}
    staff: dict[int, dict[str, list[int]]] = {}
    for office in Office.objects.order_by("sort_order"):
        staff[office.pk] = {"clerk": [], "supervisor": []}
        for role, per_office, default in (
            ("clerk", CLERKS_PER_OFFICE, 5),
            ("supervisor", SUPERVISORS_PER_OFFICE, 1),
        ):
            names = [
                f"bench_{office.code}_{role}{n}" for n in range(1, per_office.get(office.code, default) + 1)
            ]
            if office.code == "honcho":
                names.append(MEASURED_CLERK if role == "clerk" else MEASURED_SUPERVISOR)
            for name in names:
                user = User(username=name, office=office, display_name=name)
                user.set_unusable_password()
                user.save()
                user.groups.add(groups[role])
                staff[office.pk][role].append(user.pk)
    return staff


def plans_build(rng: random.Random, staff: dict[int, dict[str, list[int]]]) -> list[Plan]:
    from cases.security.models.offices import Office

    offices = list(Office.objects.order_by("sort_order").values_list("pk", "code"))
    rest = (1 - sum(OFFICE_WEIGHTS.values())) / (len(offices) - len(OFFICE_WEIGHTS))
    office_ids = [pk for pk, _code in offices]
    weights = [OFFICE_WEIGHTS.get(code, rest) for _pk, code in offices]

    def plan(kind, path, last_status, stage) -> Plan:
        office_id = rng.choices(office_ids, weights)[0]
        clerks, supervisors = staff[office_id]["clerk"], staff[office_id]["supervisor"]
        received_by = rng.choice(clerks)
        # The ID checker usually inputs too; the cross-check is always someone else (four eyes).
        enter_by = received_by if rng.random() < 0.7 else rng.choice(clerks)
        check_by = rng.choice([c for c in clerks if c != enter_by])
        return Plan(
            kind,
            path,
            last_status,
            stage,
            office_id,
            received_by,
            enter_by,
            check_by,
            rng.choice(supervisors),
        )

    plans = []
    counts = [round(OPEN_HUMAN_TASKS * share) for *_rest, share in OPEN_MIX]
    counts[0] += OPEN_HUMAN_TASKS - sum(counts)
    for (kind, path, status, stage, _share), count in zip(OPEN_MIX, counts, strict=True):
        plans += [plan(kind, path, status, stage) for _ in range(count)]
    for kind, path, stage, count in WAITING_MIX:
        plans += [plan(kind, path, "NEW", stage) for _ in range(count)]
    done = sum(len(p.path) - 1 for p in plans)
    kinds, shares = [m[:3] for m in FINISHED_MIX], [m[3] for m in FINISHED_MIX]
    while done < FINISHED_TASKS:
        kind, path, stage = rng.choices(kinds, shares)[0]
        plans.append(plan(kind, path, "DONE", stage))
        done += len(path)
    return plans


def _duration(rng: random.Random, node: str) -> dt.timedelta:
    kind = NODE_TYPES[node]
    if kind == "HUMAN":
        return dt.timedelta(minutes=min(rng.expovariate(1 / 600), 5 * 24 * 60) + 3)
    if node == "await_dispatch":
        return dt.timedelta(days=rng.uniform(1, 10))
    if node == "await_result":
        return dt.timedelta(days=rng.uniform(20, 60))
    if node == "attach_income":
        return dt.timedelta(seconds=rng.uniform(0.3, 5))
    return dt.timedelta(milliseconds=rng.uniform(5, 20))


def timeline_build(rng: random.Random, plan: Plan, now: dt.datetime) -> None:
    """Timestamps as the engine leaves them: humans start when claimed, gateways never 'start'."""
    durations = [_duration(rng, node) for node in plan.path]
    gap = dt.timedelta(milliseconds=3)
    if plan.last_status == "DONE":
        total = sum(durations, dt.timedelta()) + gap * len(durations)
        latest = now - total - dt.timedelta(days=1)
        created = now - dt.timedelta(days=365) + (latest - (now - dt.timedelta(days=365))) * rng.random()
    else:
        # Open work is recent: most of it arrived within the last weeks.
        waiting = dt.timedelta(days=min(rng.expovariate(1 / 6), 90))
        created = now - waiting - sum(durations[:-1], dt.timedelta()) - gap * (len(durations) - 1)
    for index, (node, duration) in enumerate(zip(plan.path, durations, strict=True)):
        kind = NODE_TYPES[node]
        owner = getattr(plan, ACTORS[node]) if kind == "HUMAN" else None
        is_last = index == len(plan.path) - 1
        if is_last and plan.last_status != "DONE":
            status = plan.last_status
            owner = owner if status == "ASSIGNED" else None
            plan.tasks.append([node, kind, status, created, None, None, owner])
            break
        finished = created + duration
        if kind == "HUMAN":
            started = finished - min(duration, dt.timedelta(minutes=rng.uniform(2, 30)))
        elif kind == "EXCLUSIVE_GATEWAY":
            started = None
        else:
            started = finished - dt.timedelta(microseconds=80) if kind == "FUNCTION" else created
        plan.tasks.append([node, kind, "DONE", created, started, finished, owner])
        created = finished + gap


def data_load(now: dt.datetime) -> dict:
    from django.db import connection, transaction

    from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of

    clock = time.perf_counter()
    rng = random.Random(SEED)
    tokyo = dt.timezone(dt.timedelta(hours=9))
    with transaction.atomic():
        with connection.cursor() as cursor:
            # No per-row FK triggers: the rows are consistent by construction, integrity_check() proves it.
            cursor.execute("SET LOCAL session_replication_role = replica")
        staff = users_create()
        plans = plans_build(rng, staff)
        for plan in plans:
            timeline_build(rng, plan, now)
        plans.sort(key=lambda p: p.tasks[0][3])  # case and process ids in order of receipt
        print(f"  planned {len(plans):,} cases ({time.perf_counter() - clock:.1f} s)", flush=True)

        # Residents: every applicant has a pension record; 40% bring a spouse; plus other residents.
        residents, pensions, people = [], [], {}
        next_resident = 1
        for case_id in range(1, len(plans) + 1):
            sex = rng.choice("12")
            born = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randrange(365 * 38))
            residents.append(benchlib.resident_row(next_resident, rng, now, household=case_id, relationship="世帯主", sex=sex, born=born))  # fmt: skip
            pensions.append(benchlib.pension_row(next_resident, now))
            applicant, spouse = next_resident, None
            next_resident += 1
            if rng.random() < 0.4:
                other = "2" if sex == "1" else "1"
                residents.append(benchlib.resident_row(next_resident, rng, now, household=case_id, relationship="妻" if other == "2" else "夫", sex=other, born=born + dt.timedelta(days=rng.randrange(-1500, 1500))))  # fmt: skip
                spouse = next_resident
                next_resident += 1
            people[case_id] = (applicant, spouse)
        for extra in range(30_000):
            household = len(plans) + 1 + extra
            born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 80))
            residents.append(benchlib.resident_row(next_resident, rng, now, household=household, relationship="世帯主", sex=rng.choice("12"), born=born))  # fmt: skip
            next_resident += 1
        deferred = benchlib.indexes_deferred(
            "cases_resident", "cases_pensionrecord", "cases_case", "cases_exemptionapplication",
            "viewflow_process", "viewflow_task", "viewflow_task_previous",
        )  # fmt: skip
        deferred.__enter__()
        benchlib.copy_rows("cases_resident", benchlib.RESIDENT_COLUMNS, residents)
        benchlib.copy_rows("cases_pensionrecord", benchlib.PENSION_COLUMNS, pensions)

        processes, cases, applications, counters, tasks = [], [], [], [], []
        numbers: dict[int, int] = {}
        for case_id, plan in enumerate(plans, start=1):
            first, last = plan.tasks[0], plan.tasks[-1]
            done = plan.last_status == "DONE"
            processes.append(
                (case_id, FLOW, "DONE" if done else "NEW", first[3], last[5] if done else None, "{}")
            )
            received = first[3].astimezone(tokyo).date()
            numbers[received.year] = numbers.get(received.year, 0) + 1
            nodes = [t[0] for t in plan.tasks]
            node_finished = {t[0]: t[5] for t in plan.tasks if t[2] == "DONE"}
            inputter = plan.enter_by if "enter_data" in node_finished else None
            cross_checker = plan.check_by if "check_cross_check" in nodes else None
            approver = plan.approve_by if "check_approval" in nodes else None
            stage_since = last[5] if done else last[3]
            documents_due = None
            if "await_documents" in nodes:
                documents_due = last[3].astimezone(tokyo).date() + dt.timedelta(days=14)
            escalated = None
            if plan.stage == "approval" and now - last[3] > dt.timedelta(days=5):
                escalated = last[3] + dt.timedelta(days=5)
            sent_on = (
                node_finished["await_dispatch"].astimezone(tokyo).date()
                if "await_dispatch" in node_finished
                else None
            )
            closed_at = last[5] if plan.stage == "closed" else None
            cases.append((
                case_id, first[3], stage_since, f"{received.year}-{numbers[received.year]:06d}", "exemption",
                plan.stage, stage_since, plan.office_id, people[case_id][0], received, plan.received_by, inputter,
                cross_checker, approver, case_id, documents_due, escalated, sent_on, closed_at,
                received + dt.timedelta(days=14),  # 送付期限 (則9条), as case_open stores it
            ))  # fmt: skip
            fiscal_year = fiscal_year_of(received, student=False)
            period_start, period_end = fiscal_year_bounds(fiscal_year, student=False)
            applicant, spouse = people[case_id]
            input_done = inputter is not None
            attachment = None
            if "attach_income" in node_finished:
                attachment = {"tax_year": fiscal_year, "people": [], "income_test": True, "special_ground": "", "job_loss_person": ""}  # fmt: skip
            applications.append((
                case_id, first[3], stage_since, case_id, fiscal_year, '["full","half"]', period_start, period_end,
                spouse if input_done else None, input_done, benchlib.as_json(attachment),
                node_finished["attach_income"] if attachment else None,
            ))  # fmt: skip
            # What happened at the counter is kept once per case (cases.kernel.counter).
            counters.append((
                case_id, first[3], stage_since, case_id, "self", "", "", False,
                '["mynumber_card"]' if "check_identity" in nodes else "[]", "",
            ))  # fmt: skip
            for task in plan.tasks:
                tasks.append((task, case_id))
        benchlib.copy_rows(
            "viewflow_process", ["id", "flow_class", "status", "created", "finished", "data"], processes
        )
        benchlib.copy_rows(
            "cases_case",
            ["id", "created_at", "updated_at", "number", "case_type", "stage", "stage_since", "office_id",
             "resident_id", "received_on", "received_by_id", "inputter_id", "cross_checker_id", "approver_id",
             "process_id", "documents_due_on", "approval_escalated_at", "sent_on", "closed_at", "send_due_on",
             "sent_kana_name", "sent_kanji_name", "sent_address"],
            ((*case, "", "", "") for case in cases),  # the data file's own spellings: none (as recorded)
        )  # fmt: skip
        benchlib.copy_rows(
            "cases_exemptionapplication",
            [
                "id", "created_at", "updated_at", "case_id", "fiscal_year", "kinds", "period_start", "period_end",
                "spouse_id", "household_confirmed", "income_attachment", "income_attached_at", "is_student",
                "school_name", "special_ground", "job_loss_person", "job_loss_evidence", "statutory_ground",
                "multiple_birth", "declared_kana_name", "declared_kanji_name", "declared_address", "remarks",
            ],
            ((*row, False, "", "", "", "", "", False, "", "", "", "") for row in applications),
        )  # fmt: skip
        benchlib.copy_rows(
            "cases_counterrecord",
            ["id", "created_at", "updated_at", "case_id", "requester", "agent_name", "agent_relationship",
             "power_of_attorney", "identity_documents", "identity_note"],
            counters,
        )  # fmt: skip

        # Task ids follow creation time across all processes, as they do in production.
        tasks.sort(key=lambda item: item[0][3])
        task_rows, previous, last_of_process = [], [], {}
        for task_id, (task, process_id) in enumerate(tasks, start=1):
            node, kind, status, created, started, finished, owner = task
            task_rows.append((
                task_id, f"{FLOW}.{node}", kind, status, created, started, finished, "start",
                PERMISSIONS.get(node) if kind == "HUMAN" else None, owner, process_id, "{}",
            ))  # fmt: skip
            if process_id in last_of_process:
                previous.append((task_id, last_of_process[process_id]))
            last_of_process[process_id] = task_id
        benchlib.copy_rows(
            "viewflow_task",
            ["id", "flow_task", "flow_task_type", "status", "created", "started", "finished", "token",
             "owner_permission", "owner_id", "process_id", "data"],
            task_rows,
        )  # fmt: skip
        benchlib.copy_rows("viewflow_task_previous", ["from_task_id", "to_task_id"], previous)
        print(f"  copied ({time.perf_counter() - clock:.1f} s)", flush=True)
        deferred.__exit__(None, None, None)
        with connection.cursor() as cursor:
            for year, last in numbers.items():
                cursor.execute(
                    "INSERT INTO cases_casenumbersequence (year, last) VALUES (%s, %s) "
                    "ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last",
                    [year, last],
                )
        benchlib.sequences_reset(
            "cases_resident", "cases_pensionrecord", "viewflow_process", "cases_case",
            "cases_exemptionapplication", "cases_counterrecord", "viewflow_task",
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_desk_meta (key text PRIMARY KEY, value text NOT NULL)")
            cursor.executemany(
                "INSERT INTO bench_desk_meta VALUES (%s, %s)",
                [("version", DATA_VERSION), ("loaded_at", now.isoformat())],
            )
    print(f"  indexed ({time.perf_counter() - clock:.1f} s)", flush=True)
    integrity_check()
    with connection.cursor() as cursor:
        # What autovacuum leaves in a running system: statistics and visibility maps.
        cursor.execute("VACUUM ANALYZE")
    return {"cases": len(plans), "residents": len(residents), "tasks": len(task_rows)}


def integrity_check() -> None:
    """The foreign keys the load did not check row by row."""
    from django.db import connection

    checks = {
        "task without process": "SELECT count(*) FROM viewflow_task t LEFT JOIN viewflow_process p ON p.id = t.process_id WHERE p.id IS NULL",
        "task with unknown owner": "SELECT count(*) FROM viewflow_task t LEFT JOIN cases_user u ON u.id = t.owner_id WHERE t.owner_id IS NOT NULL AND u.id IS NULL",
        "case without process": "SELECT count(*) FROM cases_case c LEFT JOIN viewflow_process p ON p.id = c.process_id WHERE p.id IS NULL",
        "case without resident": "SELECT count(*) FROM cases_case c LEFT JOIN cases_resident r ON r.id = c.resident_id WHERE r.id IS NULL",
        "broken task chain": "SELECT count(*) FROM viewflow_task_previous v LEFT JOIN viewflow_task t ON t.id = v.to_task_id WHERE t.id IS NULL",
    }  # fmt: skip
    with connection.cursor() as cursor:
        for label, sql in checks.items():
            cursor.execute(sql)
            if cursor.fetchone()[0]:
                raise RuntimeError(f"bench data is inconsistent: {label}")


def data_loaded() -> str | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_desk_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT value FROM bench_desk_meta WHERE key = 'version'")
        row = cursor.fetchone()
        return row[0] if row else None


def volume_print() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, flow_task_type = 'HUMAN' AS human, count(*), min(created), max(created) "
            "FROM viewflow_task GROUP BY 1, 2 ORDER BY 1, 2"
        )
        print("viewflow_task volume (status, human, rows, oldest, newest):")
        for status, human, count, oldest, newest in cursor.fetchall():
            print(
                f"  {status:<9} {'HUMAN' if human else 'other':<6} {count:>8,}  {oldest:%Y-%m-%d} .. {newest:%Y-%m-%d}"
            )
        cursor.execute("SELECT count(*) FROM cases_case")
        cases = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM cases_resident")
        print(f"  cases {cases:,}, residents {cursor.fetchone()[0]:,}")


# ----------------------------------------------------------------------------------------- measuring


@dataclass
class Result:
    page: str
    user: str
    rows: int | None
    queries: list[int] = field(default_factory=list)
    times_ms: list[float] = field(default_factory=list)
    db_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    wait_ms: list[float] = field(default_factory=list)
    sql: list[str] = field(default_factory=list)

    @property
    def target(self) -> tuple[int, float]:
        return TARGETS[self.page.split("?")[0]]

    @property
    def passed(self) -> bool:
        most, p95 = self.target
        return (
            len(set(self.queries)) == 1
            and max(self.queries) <= most
            and benchlib.percentile(self.times_ms, 0.95) <= p95
        )


def _schedstat(path: str) -> tuple[int, int]:
    """(ns on a CPU, ns waiting for one) of a thread, from the Linux scheduler."""
    try:
        with open(path) as f:
            on_cpu, waiting, _slices = f.read().split()
    except OSError:
        return 0, 0
    return int(on_cpu), int(waiting)


def page_measure(client, url: str) -> tuple[int, float, float, float, float, list[str]]:
    """One request: queries, wall ms, database ms, CPU ms and run-queue wait ms (this thread and the
    PostgreSQL backend serving it), and the SQL."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    backend = f"/proc/{connection.connection.info.backend_pid}/schedstat" if connection.connection else None
    reset_queries()  # the query log keeps 9,000 entries; CaptureQueriesContext indexes into it
    with CaptureQueriesContext(connection) as ctx:
        own = _schedstat("/proc/thread-self/schedstat")
        server = _schedstat(backend) if backend else (0, 0)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        own_after = _schedstat("/proc/thread-self/schedstat")
        server_after = _schedstat(backend) if backend else (0, 0)
    assert response.status_code == 200, (url, response.status_code)
    db_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    cpu_ms = (own_after[0] - own[0] + server_after[0] - server[0]) / 1e6
    wait_ms = (own_after[1] - own[1] + server_after[1] - server[1]) / 1e6
    return (
        len(ctx.captured_queries),
        elapsed * 1000,
        db_ms,
        cpu_ms,
        wait_ms,
        [q["sql"] for q in ctx.captured_queries],
    )


def pages_measure(requests: int, warmup: int) -> list[Result]:
    """Round-robin over the pages, so a burst of load from elsewhere on the machine hits all alike."""
    from django.test import Client

    from cases.security.models.offices import Office
    from cases.security.models.users import User
    from workflows.selectors import inbox_for, queue_for

    clerk = User.objects.get(username=MEASURED_CLERK)
    supervisor = User.objects.get(username=MEASURED_SUPERVISOR)
    branch = Office.objects.get(code="nagayama")
    pages = [
        ("/desk/inbox/", clerk, inbox_for(user=clerk).count()),
        ("/desk/queue/", clerk, queue_for(user=clerk).count()),
        ("/desk/", clerk, None),
        ("/desk/inbox/", supervisor, inbox_for(user=supervisor).count()),
        ("/desk/queue/", supervisor, queue_for(user=supervisor).count()),
        (f"/desk/queue/?office={branch.pk}", supervisor, queue_for(user=supervisor, office_id=branch.pk).count()),
        ("/desk/", supervisor, None),
    ]  # fmt: skip
    clients = {}
    for user in (clerk, supervisor):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    results = [Result(url, user.username, rows) for url, user, rows in pages]
    for round_no in range(warmup + requests):
        for (url, user, _rows), result in zip(pages, results, strict=True):
            queries, elapsed, db_ms, cpu_ms, wait_ms, sql = page_measure(clients[user.pk], url)
            if round_no >= warmup:
                result.queries.append(queries)
                result.times_ms.append(elapsed)
                result.db_ms.append(db_ms)
                result.cpu_ms.append(cpu_ms)
                result.wait_ms.append(wait_ms)
                result.sql = sql
        if round_no and round_no % 50 == 0:
            print(f"  {round_no} rounds, load average {os.getloadavg()[0]:.1f}", flush=True)
    return results


def results_print(results: list[Result], requests: int) -> None:
    rows = []
    for r in results:
        queries = benchlib.value_range(r.queries)
        rows.append([
            r.page, r.user, "" if r.rows is None else f"{r.rows:,}", queries,
            f"{benchlib.percentile(r.times_ms, 0.50):.1f}", f"{benchlib.percentile(r.times_ms, 0.95):.1f}",
            f"{max(r.times_ms):.1f}", f"{benchlib.percentile(r.db_ms, 0.50):.1f}",
            f"{benchlib.percentile(r.cpu_ms, 0.50):.1f}", f"{benchlib.percentile(r.cpu_ms, 0.95):.1f}",
            f"{sum(r.wait_ms) / len(r.wait_ms):.1f}",
            f"≤{r.target[0]} q, p95 ≤{r.target[1]:.0f} ms", "PASS" if r.passed else "FAIL",
        ])  # fmt: skip
    print(f"\nServer time per request (ms, {requests} requests each after warm-up, load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):")  # fmt: skip
    benchlib.table_print(
        ["page", "user", "tasks", "queries", "p50", "p95", "max", "SQL floor p50", "cpu p50", "cpu p95", "cpu wait",
         "target", "result"],
        rows,
    )  # fmt: skip
    print(
        "p50/p95/max: wall clock around client.get (the target). SQL floor: time in the page's own SQL as "
        "Django saw it. "
        "cpu: time on a CPU of this thread plus the PostgreSQL backend serving it; cpu wait: mean time "
        "both spent ready but waiting for a CPU (other work on the machine)."
    )


def plans_explain(results: list[Result]) -> None:
    """EXPLAIN ANALYZE of the exact task-table SQL the inbox and queue pages ran."""
    from django.db import connection

    for r in results:
        if r.page == "/desk/":
            continue
        for sql in r.sql:
            if "viewflow_task" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            used = sorted({m for line in plan for m in re.findall(r"\bnd_\w+_idx\b", line)}) or [
                "none of ours"
            ]
            label = "count" if "COUNT(*)" in sql else "page"
            total = next((line for line in plan if line.startswith("Execution Time")), "")
            print(f"\n=== {r.page} as {r.user} ({label} query): indexes used: {', '.join(used)}; {total}")
            for line in plan:
                print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reload", action="store_true", help="drop the bench database and load it again")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--no-explain", action="store_true")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DESK_DATABASE_URL", DEFAULT_URL)
    benchlib.database_prepare(url, recreate=args.reload)
    benchlib.django_setup(url)
    print(benchlib.machine_line())
    version = data_loaded()
    if version not in (None, DATA_VERSION):
        print(
            f"bench data is {version}, this script writes {DATA_VERSION}: run with --reload", file=sys.stderr
        )
        return 2
    if version is None:
        started = time.perf_counter()
        loaded = data_load(dt.datetime.now(dt.UTC))
        print(f"loaded {loaded['cases']:,} cases, {loaded['residents']:,} residents, {loaded['tasks']:,} tasks "
              f"in {time.perf_counter() - started:.1f} s (COPY, indexes, VACUUM ANALYZE)")  # fmt: skip
    else:
        print("reusing the loaded bench data (--reload to rebuild)")
    volume_print()
    results = pages_measure(args.requests, args.warmup)
    results_print(results, args.requests)
    if not args.no_explain:
        plans_explain(results)
    failed = [r for r in results if not r.passed]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
