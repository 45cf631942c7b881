"""Benchmark: `manage.py seed_demo --residents 300000` on PostgreSQL (target: under 120 s).

    .venv/bin/python bench/bench_seed_demo.py [--residents 300000] [--seed S]

Drops and recreates its own database (``nenkin_seedbench`` unless BENCH_DATABASE_URL says otherwise),
migrates it and times the seeding as a newcomer or the other benchmarks would run it. Prints the
load average too: the machine is often shared, and the run is CPU-bound in Python.
Exits 1 if the run misses the target.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_seedbench"
TARGET_SECONDS = 120.0


def recreate(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    recreate(url)
    manage("migrate", "-v0", env=env)
    command = ["seed_demo", "--residents", str(args.residents)]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    output = manage(*command, env=env)
    elapsed = time.perf_counter() - started
    print(output.split("デモ用ログイン")[0].strip())  # the counts, not the logins
    verdict = "OK" if elapsed <= TARGET_SECONDS else "TOO SLOW"
    print(
        f"seed_demo --residents {args.residents:,}: {elapsed:.1f} s (target {TARGET_SECONDS:.0f} s) {verdict}; "
        f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    return 0 if elapsed <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
