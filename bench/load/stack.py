"""The stack under test: its environment, its data, and gunicorn + Celery started and checked.

Everything runs from the project's own virtualenv on 127.0.0.1; the data and keys are made for each
run (bench/load/run.py removes its directory at the end).
"""

import base64
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import benchlib
import procs

HERE = Path(__file__).resolve().parent
ROOT = benchlib.ROOT
VENV_BIN = Path(sys.executable).parent
# An error line in our logging format, gunicorn's, Celery's own, or a traceback.
ERROR_MARKS = (
    " ERROR ",
    "[ERROR]",
    ": ERROR/",
    " CRITICAL ",
    "[CRITICAL]",
    "Traceback (most recent call last)",
)


def _key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _env_example(name: str) -> str:
    """The value compose's .env.example gives `name` (what a deployment starts from)."""
    found = re.search(rf"^{name}=(.*)$", (HERE.parent.parent / ".env.example").read_text(), re.M)
    return found.group(1).strip() if found else ""


def environment(url: str, redis_url: str, var_dir: Path) -> dict[str, str]:
    """Production's variables with keys made for this run only (the data dies with the run); kept
    connections as .env.example sets them unless this shell says otherwise."""
    return {
        "DATABASE_CONN_MAX_AGE": _env_example("DATABASE_CONN_MAX_AGE"),
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.load",
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "NENKIN_VAR_DIR": str(var_dir),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "NENKIN_MYNUMBER_KEYS": f"k1:{_key()}",
        "NENKIN_MYNUMBER_HASH_KEY": _key(),
        "NENKIN_AUDIT_KEYS": f"a1:{_key()}",
        "NENKIN_LOAD_PASSWORD": f"Load-{secrets.token_urlsafe(12)}",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def prepare(args, env: dict[str, str], var_dir: Path) -> Path:
    import redis

    benchlib.database_prepare(env["DATABASE_URL"], recreate=True)
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    # Seeding runs its jobs (income attachment, the demo's documents) in-process, so the workers start
    # with an empty queue and the run measures only what the users cause.
    seed_env = {**env, "CELERY_TASK_ALWAYS_EAGER": "true"}
    users_file = var_dir / "users.json"
    steps = [
        ["manage.py", "migrate", "-v0"],
        ["manage.py", "collectstatic", "--noinput", "-v0"],
        ["manage.py", "seed_demo", "--residents", str(args.residents)],
        # At least two clerks per office: 照合 is always another clerk of the same office.
        [str(HERE / "seed.py"), "--users-file", str(users_file), "--cases", str(args.cases),
         "--clerks", str(max(args.clerks * max(args.levels), 20)), "--supervisors", str(args.supervisors * max(args.levels)),
         "--pool", str(args.pool)],
    ]  # fmt: skip
    for step in steps:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, *step], cwd=ROOT, env=seed_env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(step[:2])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        last = (done.stdout.strip().splitlines() or [""])[-1]
        print(f"  {Path(step[0]).name} {step[1] if len(step) > 1 else ''}: {time.perf_counter() - started:.0f} s  {last[:150]}", flush=True)  # fmt: skip
    if benchlib.autovacuum_stand_in(env["DATABASE_URL"]):  # what production's autovacuum does after a load
        print("  VACUUM ANALYZE (this PostgreSQL runs without autovacuum)", flush=True)
    return users_file


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def services_start(running: procs.Processes, env: dict[str, str], var_dir: Path) -> tuple[str, dict]:
    port = free_port()
    gunicorn = running.start("gunicorn", [str(VENV_BIN / "gunicorn"), "config.wsgi:application",
                             f"--bind=127.0.0.1:{port}", "--workers=3", "--timeout=60"],
                             env=env, cwd=ROOT, log=var_dir / "gunicorn.log")  # fmt: skip
    celery = running.start("celery", [str(VENV_BIN / "celery"), "-A", "tasks.celery", "worker",
                           "--concurrency=2", "--loglevel=INFO", "--hostname=load@%h"],
                           env=env, cwd=ROOT, log=var_dir / "celery.log")  # fmt: skip
    host = f"http://127.0.0.1:{port}"
    wait_until(lambda: _answers(f"{host}/login/"), "gunicorn")
    wait_until(lambda: "ready." in (var_dir / "celery.log").read_text(errors="replace"), "the Celery worker")
    groups = {"gunicorn": procs.psutil.Process(gunicorn.pid), "celery": procs.psutil.Process(celery.pid)}
    for name, finder in (("postgres", procs.postmaster), ("redis", procs.redis_server)):
        found = finder()
        if found is not None:
            groups[name] = found
    return host, groups


def worker_errors(var_dir: Path, offsets: dict[str, int]) -> int:
    """ERROR lines and tracebacks the web and Celery processes wrote since `offsets` (then moved on)."""
    count = 0
    for name in ("gunicorn.log", "celery.log"):
        text = (var_dir / name).read_text(errors="replace")
        new, offsets[name] = text[offsets.get(name, 0) :], len(text)
        count += sum(1 for line in new.splitlines() if any(mark in line for mark in ERROR_MARKS))
    return count
