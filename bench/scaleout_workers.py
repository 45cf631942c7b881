"""Real Celery workers for bench_scaleout.py (and its test): start one against a database and a Redis
db, send it jobs, wait until they are all done, read the CPU its processes and PostgreSQL spent.

One `celery worker --pool prefork --concurrency N` rather than N workers of concurrency 1: it is the
shape compose.yaml runs (`--concurrency=2`), and scaling out is more of those containers. The
parent only hands out messages (prefetch 1, acks late), so N children of one parent do the same work
as N separate workers, with one broker connection instead of N.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
# What a worker logs per job (INFO); a retry or an exception is a failed job for a benchmark.
RECEIVED = re.compile(rb"Task [\w.]+\[[0-9a-f-]+\] received")
SUCCEEDED = re.compile(rb"Task ([\w.]+)\[[0-9a-f-]+\] succeeded in")
FAILED = re.compile(rb"Task [\w.]+\[[0-9a-f-]+\] (raised|retry)|\bERROR/|Traceback")


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()
    except OSError:  # the process is gone
        return None


def cpu_seconds(pid: int, *, reaped: bool = False) -> float:
    """utime + stime of one process (and, with `reaped`, of its children it has waited for)."""
    fields = _stat(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if reaped else 0)
    return ticks / TICK


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) and int(fields[1]) == pid:
            found.append(int(entry))
    return found


class PostgresCpu:
    """CPU of the PostgreSQL backends serving one database, read from /proc every `every` seconds
    (the process title names the database). A backend that exits keeps its last reading, so a
    short-lived connection loses at most one interval; the bench's workers keep theirs (CONN_MAX_AGE)."""

    def __init__(self, database: str, *, every: float = 0.2) -> None:
        self.marker = f" {database} ".encode()
        self.every = every
        self.seen: dict[int, float] = {}
        self.exclude: set[int] = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="pg-cpu", daemon=True)

    def _scan(self) -> None:
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in self.exclude:
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    title = handle.read(200)
            except OSError:
                continue
            if title.startswith(b"postgres:") and self.marker in title:
                self.seen[int(entry)] = max(self.seen.get(int(entry), 0.0), cpu_seconds(int(entry)))

    def _run(self) -> None:
        while not self.stop.wait(self.every):
            self._scan()

    def __enter__(self) -> "PostgresCpu":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def mark(self) -> dict[int, float]:
        self._scan()
        return dict(self.seen)

    @staticmethod
    def spent(before: dict[int, float], after: dict[int, float]) -> float:
        return sum(value - before.get(pid, 0.0) for pid, value in after.items())


@dataclass
class Worker:
    """One worker process with `concurrency` prefork children, its log in `workdir`."""

    concurrency: int
    database_url: str
    broker_url: str
    media_root: Path
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="nenkin-scaleout-")))
    process: subprocess.Popen | None = None
    _tail: list = field(default_factory=lambda: [None])  # since, read up to, received, succeeded, failures
    by_name: dict[str, int] = field(default_factory=dict)  # jobs succeeded since `since`, per task name

    @property
    def log(self) -> Path:
        return self.workdir / f"worker-{self.concurrency}.log"

    def start(self, *, timeout: float = 90) -> "Worker":
        # The worker reads the bench's database and media directory, both chosen at run time.
        (self.workdir / "scaleout_worker_settings.py").write_text(
            f"from config.settings.test import *  # noqa\nMEDIA_ROOT = {str(self.media_root)!r}\n",
            encoding="utf-8",
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "scaleout_worker_settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # Each child keeps its connection between jobs, so its backend's CPU can still be read
            # when the jobs are done (and no job pays a new connection).
            "DATABASE_CONN_MAX_AGE": "600",
            "PYTHONPATH": f"{self.workdir}{os.pathsep}{ROOT}",
        }
        command = [
            str(Path(sys.executable).parent / "celery"), "-A", "tasks.celery", "worker", "--loglevel=INFO",
            "--pool=prefork", f"--concurrency={self.concurrency}", "--without-gossip", "--without-mingle",
            "--without-heartbeat", f"--hostname=scaleout{self.concurrency}-{os.getpid()}@%h",
        ]  # fmt: skip
        with open(self.log, "ab") as log:  # appending: the children's lines never overwrite each other
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while b" ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self._stop()  # a worker half started must not stay behind
                raise RuntimeError(f"worker did not start:\n{self.output()[-3000:]}")
            time.sleep(0.2)
        return self

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def pids(self) -> list[int]:
        return [self.process.pid, *children(self.process.pid)]

    def cpu(self) -> float:
        """Seconds of CPU of the parent (with children it reaped) and its live children."""
        return cpu_seconds(self.process.pid, reaped=True) + sum(
            cpu_seconds(c) for c in children(self.process.pid)
        )

    def counts(self, since: int) -> tuple[int, int, list[str]]:
        """(jobs received, jobs succeeded, failure lines) in the log after byte `since`. Reads only what
        was added since the last call (complete lines): polled ten times a second on a log of megabytes,
        rereading it all would cost the CPU the workers are being measured on."""
        if self._tail[0] != since:
            self._tail, self.by_name = [since, since, 0, 0, []], {}
        _start, position, received, succeeded, failures = self._tail
        with open(self.log, "rb") as handle:
            handle.seek(position)
            text = handle.read()
        text = text[: text.rfind(b"\n") + 1]  # a line still being written waits for the next call
        received += len(RECEIVED.findall(text))
        names = SUCCEEDED.findall(text)
        succeeded += len(names)
        for name in names:
            self.by_name[name.decode()] = self.by_name.get(name.decode(), 0) + 1
        failures += [line.decode(errors="replace") for line in text.splitlines() if FAILED.search(line)]
        self._tail = [since, position + len(text), received, succeeded, failures]
        return received, succeeded, list(failures)

    def stop(self, *, keep_log: bool = False) -> None:
        """SIGTERM to the whole process group (warm shutdown), SIGKILL if it is still there after 30 s;
        the log is kept when asked (a failed run), else its directory goes."""
        self._stop()
        if not keep_log and not os.environ.get("BENCH_SCALEOUT_KEEP_LOGS"):
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue


class JobFailed(RuntimeError):
    pass


def wait_done(worker: Worker, *, since: int, done, queue_length, timeout: float, settle: float = 0.5):
    """Waits until `done()` holds, the queue is empty and every job the worker received has succeeded
    (jobs that queue more jobs are counted with them). The worker's log can lag the database by a
    line or two, so all of it must hold again `settle` seconds later with the same counts. Returns
    (jobs, time.perf_counter() when it first held); raises JobFailed."""
    deadline = time.monotonic() + timeout
    held = None
    while True:
        received, succeeded, failures = worker.counts(since)
        if failures:
            raise JobFailed(f"a job failed (log: {worker.log}):\n" + "\n".join(failures[:10]))
        if received and received == succeeded and queue_length() == 0 and done():
            if held and held[0] == succeeded:
                return succeeded, held[1]
            held = held if held and held[0] == succeeded else (succeeded, time.perf_counter())
            time.sleep(settle)
            continue
        held = None
        if time.monotonic() > deadline:
            raise JobFailed(
                f"not done after {timeout:.0f} s: {succeeded}/{received} jobs, queue {queue_length()} (log: {worker.log})"
            )
        time.sleep(0.1)


def measure(worker: Worker, pg: PostgresCpu, *, send, done, queue_length, timeout: float) -> dict:
    """Sends jobs (`send(mark)` calls `mark()` when they start: the clock and the CPU readings), waits
    for them (wait_done) and returns jobs, wall seconds and the CPU seconds of the worker and of PostgreSQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pg.exclude.add(cursor.fetchone()[0])  # this process's polling is not the workers' work
    since, start = worker.log.stat().st_size, {}

    def mark() -> None:
        start.update(wall=time.perf_counter(), cpu=worker.cpu(), pg=pg.mark())

    send(mark)
    jobs, finished = wait_done(worker, since=since, done=done, queue_length=queue_length, timeout=timeout)
    return {
        "jobs": jobs,
        "jobs_by_name": dict(worker.by_name),
        "wall": finished - start["wall"],
        "worker_cpu": worker.cpu() - start["cpu"],
        "pg_cpu": pg.spent(start["pg"], pg.mark()),
    }
