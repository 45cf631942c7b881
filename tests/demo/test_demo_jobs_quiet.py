"""The demo's in-process jobs open no broker connection that warns.

Celery 5.7 runs an eager task through a producer from the broker's pool (it serialises the arguments as
a real send would), so the embedded default's broker URL is resolved for every job. A bare `memory://`
names no host, and kombu warned 「No hostname was supplied. Reverting to default 'localhost'」 on every
seed_demo and dispatch_weekly run of the demo."""

import os
import subprocess
import sys

from tests.demo.test_sqlite_concurrency import ROOT

SCRIPT = """
import django
django.setup()
from django.conf import settings
from tasks.celery import app

@app.task(name="tests.noop")
def noop(value):
    return value

assert settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL
assert noop.delay(7).get() == 7
print("ran")
"""


def test_a_job_of_the_embedded_default_runs_in_process_without_a_broker_warning(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "LOG_LEVEL")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local", NENKIN_VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT)
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ran"
    assert "WARNING" not in done.stderr, done.stderr
