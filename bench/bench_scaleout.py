"""Benchmark: the results and bundle jobs on real Celery workers, with 1, 2 and 4 worker processes.

    .venv/bin/python bench/bench_scaleout.py [--lines 10000] [--cases 1000] [--workers 1,2,4] [--update-docs]

Seeds once, with the seeding of bench_results.py and bench_bundle.py, into two databases
(``nenkin_bench_scaleout_results`` and ``_bundle``, from BENCH_DATABASE_URL), each kept as a template; every
run restores its database from the template (CREATE DATABASE … TEMPLATE) and a copy of the media directory,
so each does the same work. For each worker count it starts one `celery worker --pool prefork
--concurrency N` (scaleout_workers.py says why) against that database and a Redis db of its own
(BENCH_REDIS_URL, default db 10, emptied first), and times, until the database shows the work done and
every job the worker received has succeeded:

- results: the 処理結果一覧表 import (run here, not timed) queues its flow jobs (cases.results_flows_advance,
  200 cases each) as it commits; timed from that commit;
- bundle, documents at approval: one documents.case_documents job per case (as approval queues it), each
  queuing a documents.render job per PDF;
- bundle, build: bundles.build_weekly (the 送付書 and 送付一覧表 it requests are rendered by any free child);
- bundle, seal: the screen's seal request (bundles.seal).

CPU: the worker's processes and the PostgreSQL backends of the bench database, from /proc. Floors: raw
SQL of the same writes, rolled back (as bench_results.py and bench_bundle.py print them). Exits 1 if a job
fails or if the results with 1 worker run below 1,000 cases/s.
"""

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scaleout_report
from benchlib import autovacuum_stand_in, database_prepare, django_setup, machine_line
from scaleout_workers import JobFailed, PostgresCpu, Worker, measure

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_scaleout"
DEFAULT_BROKER = "redis://127.0.0.1:6379/10"
TARGET_FLOWS_PER_SECOND = 1_000  # bench_results.py's target, for one worker


class Bench:
    """One database kept as a seed template, restored before every run, and the run's measurements."""

    def __init__(self, url: str, broker: str, media: Path, timeout: float) -> None:
        self.url, self.broker, self.timeout = url, broker, timeout
        self.name = url.rsplit("/", 1)[1]
        self.seed, self.seed_media, self.media = f"{self.name}_seed", media / "seed", media / "run"
        self.media.mkdir(parents=True)
        import redis

        self.redis = redis.Redis.from_url(broker)

    def _admin(self, *statements: str) -> None:
        import psycopg
        from django.db import connections

        connections.close_all()  # CREATE DATABASE … TEMPLATE needs the source without connections
        with psycopg.connect(self.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def use(self) -> None:
        from django.db import connection

        connection.close()
        connection.settings_dict["NAME"] = self.name

    def keep_as_seed(self) -> None:
        self._admin(
            f'DROP DATABASE IF EXISTS "{self.seed}" WITH (FORCE)',
            f'CREATE DATABASE "{self.seed}" TEMPLATE "{self.name}"',
        )
        shutil.copytree(self.media, self.seed_media, dirs_exist_ok=True)

    def restore(self) -> None:
        self._admin(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}" TEMPLATE "{self.seed}"',
        )
        shutil.rmtree(self.media, ignore_errors=True)
        shutil.copytree(self.seed_media, self.media)
        self.use()

    def worker(self, n: int) -> Worker:
        self.redis.flushdb()  # no job of an earlier run or of anyone else
        return Worker(
            concurrency=n, database_url=self.url, broker_url=self.broker, media_root=self.media
        ).start()

    def timed(self, worker: Worker, pg: PostgresCpu, send, done) -> dict:
        return measure(
            worker,
            pg,
            send=send,
            done=done,
            queue_length=lambda: self.redis.llen("celery"),
            timeout=self.timeout,
        )


def results_seed(bench: Bench, lines: int):
    import bench_results
    from django.db import transaction

    with transaction.atomic():
        cases, _clerk, start, end = bench_results.cases_seed(lines + 25)  # 25 bundle cases get no line
    # The cases the file's lines match (file_build: one line in a hundred names no case).
    flows = [case.pk for i, case in enumerate(cases[:lines]) if i % 100 != 11]
    return bench_results.file_build(cases, start, end, lines), flows


def results_run(bench: Bench, n: int, data: bytes, flows: list[int]) -> dict:
    import bench_results
    from celery import current_app
    from django.db import transaction
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from cases.security.models.users import User
    from cases.submission.results import results_import
    from workflows.flows.exemption import ExemptionFlow

    bench.restore()
    waiting = Task.objects.filter(
        flow_task=ExemptionFlow.await_result, status__in=[STATUS.NEW, STATUS.STARTED]
    )
    left = waiting.count() - len(flows)  # the cases no line matches keep waiting
    floor = bench_results._update_floor(flows)
    current_app.conf.task_always_eager = False
    worker = bench.worker(n)
    failed = True
    try:
        with PostgresCpu(bench.name) as pg:

            def send(mark) -> None:
                # The import's own on-commit hooks queue the jobs; the clock starts at its commit.
                with transaction.atomic():
                    transaction.on_commit(mark)
                    results_import(
                        filename="kekka.csv", data=data, by=User.objects.get(username="bench-clerk")
                    )

            measured = bench.timed(worker, pg, send, done=lambda: waiting.count() == left)
        failed = False
    finally:
        worker.stop(keep_log=failed)
    done = Task.objects.filter(
        flow_task=ExemptionFlow.await_result, status=STATUS.DONE, process__case__in=flows
    )
    return {**measured, "cases": done.count(), "expected": len(flows), "floor": floor}


def bundle_seed(bench: Bench, cases: int):
    import bench_bundle

    template, _clerk, _supervisor = bench_bundle.template_case()
    bench_bundle.cases_seed(cases, template, with_documents=False)
    return template.pk


def bundle_run(bench: Bench, n: int, template_id: int) -> list[dict]:
    import bench_bundle
    from celery import current_app
    from django.utils import timezone

    from cases.common.jobs import job_enqueue
    from cases.kernel.models import Case, Stage
    from cases.security.models.users import User
    from cases.submission.bundle_seal import bundle_seal_request
    from cases.submission.models import SubmissionBundle
    from documents.models import Document

    bench.restore()
    approved = list(
        Case.objects.filter(stage=Stage.READY_TO_SEND).exclude(pk=template_id).values_list("pk", flat=True)
    )
    per_case = Document.objects.filter(
        case_id=template_id, kind__in=[Document.Kind.FILING, Document.Kind.INCOME]
    ).count()
    # Every document but the template case's belongs to these cases (short queries: polled ten times a second).
    pending = Document.objects.exclude(case_id=template_id).exclude(status=Document.Status.DONE)
    rendered = Document.objects.exclude(case_id=template_id).filter(
        case__isnull=False, status=Document.Status.DONE
    )
    doc_floor = scaleout_report.documents_floor(approved, per_case)
    build_floor = scaleout_report.build_floor([*approved, template_id])
    seal_floor = bench_bundle.flow_floor([*approved, template_id])
    current_app.conf.task_always_eager = False
    total = len(approved) + 1
    worker = bench.worker(n)
    failed = True
    try:
        with PostgresCpu(bench.name) as pg:

            def approvals(mark) -> None:
                mark()
                for case_id in approved:  # what each case's approval queues (cases/kernel/steps.py)
                    job_enqueue("documents.case_documents", case_id)

            documents = bench.timed(
                worker,
                pg,
                approvals,
                done=lambda: rendered.count() == per_case * len(approved) and not pending.exists(),
            )
            bundle = SubmissionBundle.objects.all()  # the restored database has none

            def build(mark) -> None:
                mark()
                job_enqueue("bundles.build_weekly", timezone.now().isoformat())

            built = bench.timed(
                worker, pg, build, done=lambda: bundle.filter(archive__gt="", job="").exists()
            )
            draft = bundle.get()
            supervisor = User.objects.get(username="bench-sv")

            def seal(mark) -> None:
                mark()
                bundle_seal_request(bundle=draft, by=supervisor)

            def sealed() -> bool:
                draft.refresh_from_db()
                return draft.state == "sealed" and not draft.job and draft.job_done == total

            sealing = bench.timed(worker, pg, seal, done=sealed)
        failed = False
    finally:
        worker.stop(keep_log=failed)
    return [
        {
            **documents,
            "step": "documents",
            "cases": rendered.count() // per_case,
            "expected": len(approved),
            "floor": doc_floor,
        },
        {**built, "step": "build", "cases": draft.items.count(), "expected": total, "floor": build_floor},
        {**sealing, "step": "seal", "cases": draft.job_done, "expected": total, "floor": seal_floor},
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--lines", type=int, default=10_000, help="処理結果一覧表 lines (as bench_results.py)"
    )
    parser.add_argument("--cases", type=int, default=1000, help="bundle cases (as bench_bundle.py)")
    parser.add_argument("--workers", default="1,2,4", help="worker processes per run, comma-separated")
    parser.add_argument("--only", choices=["results", "bundle"], help="one of the two benchmarks")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds a step may take before it counts as failed"
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the results into docs/benchmarks.md"
    )
    parser.add_argument("--save", type=Path, help="also write the measured figures to this JSON file")
    parser.add_argument(
        "--docs-from", type=Path, help="write docs/benchmarks.md from a file --save wrote, without measuring"
    )
    parser.add_argument("--note", default="", help="for the docs: what else ran on the machine meanwhile")
    args = parser.parse_args()
    if args.docs_from:
        saved = json.loads(args.docs_from.read_text(encoding="utf-8"))
        given = argparse.Namespace(**saved["args"])
        scaleout_report.docs_write(
            saved["rows"],
            machine=saved["machine"],
            load=saved["load"],
            args=given,
            settings=saved["settings"],
            note=args.note,
        )
        return 0
    # `kill` of the benchmark runs the finally blocks that stop the workers (they have their own session).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    counts = [int(n) for n in args.workers.split(",")]
    base = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    broker = os.environ.get("BENCH_REDIS_URL", DEFAULT_BROKER)
    os.environ["REDIS_URL"] = broker
    media = Path(tempfile.mkdtemp(prefix="nenkin-bench-scaleout-"))
    results = Bench(f"{base}_results", broker, media / "results", args.timeout)
    bundle = Bench(f"{base}_bundle", broker, media / "bundle", args.timeout)
    load = [os.getloadavg()]
    rows: dict[str, list[dict]] = {}
    failure = ""
    try:
        database_prepare(results.url, recreate=True)
        django_setup(results.url)  # migrates; the bundle database is a copy of the migrated one
        from django.conf import settings

        bundle._admin(
            f'DROP DATABASE IF EXISTS "{bundle.name}" WITH (FORCE)',
            f'CREATE DATABASE "{bundle.name}" TEMPLATE "{results.name}"',
        )
        if args.only != "bundle":
            settings.MEDIA_ROOT = results.media
            print(f"seeding {args.lines + 25:,} cases at 結果待ち and the 処理結果一覧表 …", flush=True)
            data, flows = results_seed(results, args.lines)
            autovacuum_stand_in()
            results.keep_as_seed()
        if args.only != "results":
            bundle.use()
            settings.MEDIA_ROOT = bundle.media
            print(f"seeding {args.cases:,} approved cases without their documents …", flush=True)
            template_id = bundle_seed(bundle, args.cases)
            autovacuum_stand_in()
            bundle.keep_as_seed()
        for n in counts:
            if args.only != "bundle":
                settings.MEDIA_ROOT = results.media
                print(f"results with {n} worker process(es) …", flush=True)
                rows.setdefault("results", []).append(
                    {**results_run(results, n, data, flows), "workers": n, "step": "results"}
                )
            if args.only != "results":
                settings.MEDIA_ROOT = bundle.media
                print(f"bundle with {n} worker process(es) …", flush=True)
                for row in bundle_run(bundle, n, template_id):
                    rows.setdefault(row["step"], []).append({**row, "workers": n})
        load.append(os.getloadavg())
        machine = machine_line()
        deployment = scaleout_report.deployment()
    except JobFailed as exc:
        failure = str(exc)
        machine = ""
    finally:
        shutil.rmtree(media, ignore_errors=True)
    if failure:
        print(f"FAIL: {failure}")
        return 1
    if args.save:
        saved = {"rows": rows, "machine": machine, "load": load, "settings": deployment,
                 "args": {"lines": args.lines, "cases": args.cases, "workers": args.workers}}  # fmt: skip
        args.save.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    verdict = scaleout_report.report(
        rows,
        machine=machine,
        load=load,
        target=TARGET_FLOWS_PER_SECOND,
        concurrency=deployment["worker_concurrency"],
    )
    if args.update_docs:
        scaleout_report.docs_write(
            rows, machine=machine, load=load, args=args, settings=deployment, note=args.note
        )
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
