"""scripts/demo on its default database: migrate and seed_demo with its cases on SQLite.

The seal and the results complete their waiting flows set-based (workflows/bulk.py); that path once
spoke PostgreSQL only (`= ANY(%s)`, `FOR UPDATE OF`) and seed_demo stopped at the first bundle with
"near FOR: syntax error", so a fresh `scripts/demo` never got to serve its page. The other demo tests
seed without cases (test_sqlite_concurrency.py) or run on PostgreSQL (test_seed_demo.py)."""

import json
import sqlite3

from tests.demo.test_sqlite_concurrency import _demo_env, _run


def test_the_demo_seeds_every_stage_on_sqlite_and_its_desks_open(tmp_path):
    env = _demo_env(tmp_path)
    _run(["manage.py", "migrate", "--noinput", "-v", "0"], env)
    out = _run(["manage.py", "seed_demo", "--residents", "120"], env)
    assert "完了しました" in out

    db = sqlite3.connect(tmp_path / "nenkin.sqlite3")
    try:
        stages = dict(db.execute("SELECT stage, COUNT(*) FROM cases_case GROUP BY stage").fetchall())
        sealed = db.execute(
            "SELECT COUNT(*) FROM cases_submissionbundle WHERE sealed_at IS NOT NULL"
        ).fetchone()
        finished = db.execute("SELECT COUNT(*) FROM viewflow_process WHERE status = 'DONE'").fetchone()
    finally:
        db.close()
    assert sealed[0] >= 1
    # Sealed cases wait for 機構's answer; applied results closed others and ended their flows.
    assert stages.get("sent", 0) >= 1 and stages.get("closed", 0) >= 1, stages
    assert finished[0] >= 1

    # Its people at their desks, with those cases on every list (the pages tests/demo/sqlite_load.py opens).
    report = json.loads(_run(["tests/demo/sqlite_load.py", "1"], env).strip().splitlines()[-1])
    assert report["requests"] >= 60 and report["error_count"] == 0, report["errors"]
