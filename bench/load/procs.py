"""The load test's processes: started in their own process groups, always stopped, CPU sampled.

CPU per group is read with psutil every SAMPLE_SECONDS: the user + system time of every live process
of the group plus what its root has reaped (psutil's children_* times). The root reaping is what
makes short-lived processes count: PostgreSQL forks a backend per connection (production opens a new
connection per request) and the postmaster reaps it. The PostgreSQL group is the whole server, other
databases' work included, which is why the machine's own busy share is printed beside it.
"""

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import psutil

SAMPLE_SECONDS = 2.0


class Processes:
    """Every process the run starts; `stop_all` ends them (TERM to the group, KILL after a wait)."""

    def __init__(self) -> None:
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, label: str, command: list[str], *, env: dict, cwd: Path, log: Path) -> subprocess.Popen:
        handle = log.open("ab")
        # A session of its own: Ctrl-C in the terminal reaches only run.py, which stops these in order.
        proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
        handle.close()
        self.started.append((label, proc))
        return proc

    def stop(self, proc: subprocess.Popen, *, wait: float = 15.0) -> None:
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=wait)
        except ProcessLookupError:
            pass

    def stop_all(self) -> None:
        for _label, proc in reversed(self.started):
            self.stop(proc)


def _tree(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _group_seconds(root: psutil.Process) -> float:
    total = 0.0
    for index, proc in enumerate(_tree(root)):
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
        if index == 0:
            total += times.children_user + times.children_system
    return total


def postmaster() -> psutil.Process | None:
    for proc in psutil.process_iter(["name", "ppid"]):
        if proc.info["name"] in ("postgres", "postmaster"):
            try:
                if psutil.Process(proc.info["ppid"]).name() not in ("postgres", "postmaster"):
                    return proc
            except psutil.NoSuchProcess:
                continue
    return None


def redis_server() -> psutil.Process | None:
    return next((p for p in psutil.process_iter(["name"]) if p.info["name"] == "redis-server"), None)


def _busy(times) -> float:
    # guest time is already inside user on Linux; idle and iowait are not work.
    return times.user + times.nice + times.system + times.irq + times.softirq + times.steal


class CpuSampler(threading.Thread):
    """CPU cores used per group, sampled while a stage runs: the mean and the busiest sample."""

    def __init__(self, groups: dict[str, psutil.Process]) -> None:
        super().__init__(daemon=True)
        self.groups = groups
        self.samples: dict[str, list[float]] = {name: [] for name in [*groups, "machine"]}
        self.totals: dict[str, float] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        last = {name: _group_seconds(root) for name, root in self.groups.items()}
        first = dict(last)
        machine = psutil.cpu_times()
        machine_first, started = machine, time.monotonic()
        clock = started
        while not self._halt.wait(SAMPLE_SECONDS):
            now = time.monotonic()
            span = now - clock
            for name, root in self.groups.items():
                value = _group_seconds(root)
                self.samples[name].append(max(value - last[name], 0.0) / span)
                last[name] = value
            current = psutil.cpu_times()
            busy = _busy(current) - _busy(machine)
            self.samples["machine"].append(max(busy, 0.0) / span)
            machine, clock = current, now
        elapsed = max(time.monotonic() - started, 1e-9)
        self.totals = {name: (last[name] - first[name]) / elapsed for name in self.groups}
        self.totals["machine"] = (_busy(machine) - _busy(machine_first)) / elapsed

    def stop(self) -> dict[str, tuple[float, float]]:
        """{group: (mean cores, busiest 2-s sample)}."""
        self._halt.set()
        self.join()
        return {
            name: (self.totals.get(name, 0.0), max(values, default=0.0))
            for name, values in self.samples.items()
        }
