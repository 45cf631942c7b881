"""The demo (scripts/demo: SQLite, no services) under a dozen people at once (issue 14 §6).

Before WAL, a busy timeout and IMMEDIATE transactions, 39 of 120 requests at 12 at a time answered
500 ("database is locked"). The demo is set up exactly as scripts/demo does (migrate, seed_demo) in a
temporary folder, then tests/demo/sqlite_load.py serves it from a threaded server and sends 12 browser
sessions at once (login, the desk pages, logout: every login writes the session, the user and the
access log)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _demo_env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    # This checkout's code, whichever checkout the virtualenv was installed from.
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        NENKIN_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="ERROR",
    )
    return env


def _run(args: list[str], env: dict) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_twelve_people_at_once_on_the_sqlite_demo_get_no_server_error(tmp_path):
    env = _demo_env(tmp_path)
    _run(["manage.py", "migrate", "--noinput", "-v", "0"], env)
    _run(["manage.py", "seed_demo", "--residents", "20", "--no-cases"], env)
    report = json.loads(_run(["tests/demo/sqlite_load.py", "2"], env).strip().splitlines()[-1])
    assert report["requests"] >= 120
    assert report["error_count"] == 0, report["errors"]


def test_the_demo_database_runs_in_wal_with_a_busy_timeout_and_immediate_transactions(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.transaction_mode)\n"
    )
    journal, timeout, mode = _run(["-c", script], _demo_env(tmp_path)).split()
    assert (journal, mode) == ("wal", "IMMEDIATE") and int(timeout) >= 5000


def test_the_demo_database_and_its_journal_are_readable_by_their_owner_only(tmp_path):
    """Exploratory test 2026-12-06: var/nenkin.sqlite3 was created 0644 (names, addresses, income in
    plain) beside 0600 secrets and 0700 media folders; another account on the machine could copy it."""
    script = "import django; django.setup()\nfrom django.db import connection\nconnection.cursor().execute('SELECT 1')\n"
    _run(["-c", script], _demo_env(tmp_path))
    files = [p for p in tmp_path.iterdir() if p.name.startswith("nenkin.sqlite3")]
    assert files and all(p.stat().st_mode & 0o077 == 0 for p in files), [
        (p.name, oct(p.stat().st_mode)) for p in files
    ]
