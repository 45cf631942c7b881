"""Load test: clerks and 係長 on gunicorn (3 workers) + Celery (2 worker processes) + PostgreSQL + Redis.

    .venv/bin/python bench/load/run.py [--minutes 5] [--levels 1,2,4] [--clerks 50] [--supervisors 5]
        [--cases 2000] [--update-docs]

One command, loopback only, bounded in time. Recreates its own database (BENCH_DATABASE_URL, default
nenkin_bench_load) and empties its Redis database (BENCH_REDIS_URL, default db 9); migrates; seeds the
offices, residents and income (seed_demo), the load users (TOTP for 係長) and a backlog of exemption
cases through the real services (seed.py); starts gunicorn and the Celery worker under
config.settings.load (production's settings on plain HTTP; fresh keys every run); then runs locust
headless: first one clerk and one 係長 alone (the floor beside each figure), then each level × the
users for --minutes each. Prints p95 per page, requests/s, errors and the CPU of each process group,
and says what saturates first. Exits 1 on any failed request, broken flow or worker error. Every
process it started is stopped at the end, also on Ctrl-C or a failure.
"""

import argparse
import datetime as dt
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402
import procs  # noqa: E402
import report  # noqa: E402
import stack  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
FLOOR_MINUTES = 1.0
BACKGROUND_SECONDS = 10.0


def stage_run(stage: report.Stage, *, host: str, env: dict, var_dir: Path, groups: dict,
              running: procs.Processes, pool: str, offsets: dict) -> None:  # fmt: skip
    prefix = var_dir / f"stage-{stage.label}"
    ramp = min(60.0, stage.seconds / 4)
    command = [str(VENV_BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--host", host,
               "-u", str(stage.users), "-r", f"{max(stage.users / ramp, 1):.2f}", "--run-time", f"{stage.seconds:.0f}s",
               "--stop-timeout", "30", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]  # fmt: skip
    # Locust runs the user classes named last: the floor's go through every page in turn.
    command += ["TourClerk", "TourSupervisor"] if stage.label == "floor" else ["Clerk", "Supervisor"]
    locust_env = {**env, "NENKIN_LOAD_USERS": str(var_dir / "users.json"),
                  "NENKIN_LOAD_SUPERVISORS": str(stage.supervisors), "NENKIN_LOAD_POOL": pool}  # fmt: skip
    stage.loadavg = os.getloadavg()
    print(f"\n== {stage.label}: {stage.clerks} clerks + {stage.supervisors} 係長, {stage.seconds:.0f} s "
          f"(load average at start {' '.join(f'{x:.2f}' for x in stage.loadavg)})", flush=True)  # fmt: skip
    locust = running.start(
        "locust", command, env=locust_env, cwd=HERE, log=var_dir / f"locust-{stage.label}.log"
    )
    sampler = procs.CpuSampler({**groups, "locust": procs.psutil.Process(locust.pid)})
    sampler.start()
    try:
        locust.wait(timeout=stage.seconds + 120)
    finally:
        stage.cpu = sampler.stop()
        running.stop(locust)
    report.stage_read(stage, prefix)
    stage.worker_errors = stack.worker_errors(var_dir, offsets)
    if locust.returncode not in (0, 1):  # 1: locust saw failures, which the CSV counts
        stage.exceptions += 1
        print((var_dir / f"locust-{stage.label}.log").read_text(errors="replace")[-3000:])


def docs_write(
    background: report.Stage, floor: report.Stage, stages: list[report.Stage], args, finding: str
) -> None:
    headers, rows = report.page_rows(floor, stages)
    s_headers, s_rows = report.summary_rows([background, floor, *stages])
    text = f"""## Load test

`bench/load/run.py` — {benchlib.machine_line()}. gunicorn (3 workers), one Celery worker with 2 processes,
PostgreSQL and Redis on the same machine, all on 127.0.0.1, under `config.settings.load` (production's
settings on plain HTTP: PBKDF2 logins, TOTP for 係長, a new database connection per request). Locust
(headless, same machine) logs each clerk and 係長 in as their own account, then works their real pages
with a 5–15 s pause between actions: clerks their inbox (本人確認 → 入力 straight on), 照合 claimed from
the queue, the desk, case search and case pages, and now and then a new intake at the counter;
係長 the desk, the dashboard and 決裁 claimed from the approval queue (each approval renders its PDFs
on the Celery worker). Backlog at the start: {args.cases:,} exemption cases through the real services
(本人確認 20%, 入力 25%, 照合 30%, 決裁 25%) and the demo's {args.residents:,} residents. {args.minutes:g} minutes
per level, one after the other on the same data; "floor" is one clerk and one 係長 alone for
{min(FLOOR_MINUTES, args.minutes):g} minute(s), each going through every page of theirs in turn with a 1–2 s
pause, its median beside each p95. CPU is in cores (mean over the run / busiest
2-s sample) per process group; the postgres group is the whole server; "idle" is {BACKGROUND_SECONDS:.0f} s with the
services up and no users, what the shared machine was doing anyway. Measured {dt.datetime.now(dt.UTC).date().isoformat()}.

{report.markdown_table(headers, rows)}

{report.markdown_table(s_headers, s_rows)}

**What saturates first:** {finding}
"""
    benchlib.docs_section_write("## Load test", text)


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="per level (0.5 for development)")
    parser.add_argument("--levels", type=lambda v: [int(x) for x in v.split(",")], default=[1, 2, 4])
    parser.add_argument("--clerks", type=int, default=50)
    parser.add_argument("--supervisors", type=int, default=5)
    parser.add_argument("--cases", type=int, default=2000, help="backlog of exemption cases")
    parser.add_argument("--residents", type=int, default=20000)
    parser.add_argument("--pool", type=int, default=900, help="residents kept for intakes during the run")
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    if args.minutes < 0.5:
        parser.error("--minutes must be at least 0.5 (a 係長's TOTP code is single-use per 30 s)")
    # SIGTERM ends the run like Ctrl-C: through the finally below.
    # SIGINT too: a shell that starts run.py in the background ignores it, and Python then keeps that.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _interrupted)
    var_dir = Path(tempfile.mkdtemp(prefix="nenkin-load-"))
    env = stack.environment(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL), os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS), var_dir)  # fmt: skip
    running = procs.Processes()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs", flush=True)  # fmt: skip
    try:
        stack.prepare(args, env, var_dir)
        host, groups = stack.services_start(running, env, var_dir)
        offsets: dict[str, int] = {}
        stack.worker_errors(var_dir, offsets)  # start-up lines are not the run's
        # What the machine does without our users (other work on a shared machine, idle services).
        sampler = procs.CpuSampler(groups)
        sampler.start()
        time.sleep(BACKGROUND_SECONDS)
        background = report.Stage(
            "idle", 0, 0, BACKGROUND_SECONDS, cpu=sampler.stop(), loadavg=os.getloadavg()
        )
        seconds = args.minutes * 60
        floor = report.Stage("floor", 1, 1, min(FLOOR_MINUTES, args.minutes) * 60)
        stages = [report.Stage(f"{k}×", args.clerks * k, args.supervisors * k, seconds) for k in args.levels]
        share = args.pool // (1 + sum(args.levels) * 2)  # the floor: one intake a round, ≈ 20 a minute
        bounds, start = [], 0
        for weight in [1, *(2 * k for k in args.levels)]:
            bounds.append(f"{start}:{start + share * weight}")
            start += share * weight
        for stage, pool in zip([floor, *stages], bounds, strict=True):
            stage_run(stage, host=host, env=env, var_dir=var_dir, groups=groups, running=running,
                      pool=pool, offsets=offsets)  # fmt: skip
        print()
        benchlib.table_print(*report.page_rows(floor, stages))
        print()
        benchlib.table_print(*report.summary_rows([background, floor, *stages]))
        finding = report.saturation(background, stages, os.cpu_count() or 1)
        print(f"\n{finding}")
        errors = sum(stage.errors for stage in [floor, *stages])
        if args.update_docs:
            os.environ.update(
                {"DATABASE_URL": env["DATABASE_URL"], "DJANGO_SETTINGS_MODULE": "config.settings.test"}
            )
            benchlib.django_setup(env["DATABASE_URL"], migrate=False)
            docs_write(background, floor, stages, args, finding)
            print("docs/benchmarks.md: ## Load test written")
        print(f"\n{'PASS' if errors == 0 else 'FAIL'}: {errors} errors")
        return 0 if errors == 0 else 1
    except KeyboardInterrupt:
        print("\ninterrupted: stopping everything this run started", flush=True)
        return 130
    finally:
        running.stop_all()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
