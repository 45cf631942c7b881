"""Services queue jobs by name (cases/common/jobs.py); every name they use must be a registered task."""

import re
from pathlib import Path

from celery import current_app

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"job_(?:send|enqueue)\(\s*\"([a-z_.]+)\"")


def test_every_job_name_used_by_a_service_is_a_registered_task():
    used = {}
    for package in ("cases", "documents", "workflows"):
        for path in (ROOT / package).rglob("*.py"):
            for name in CALL.findall(path.read_text(encoding="utf-8")):
                used.setdefault(name, path.relative_to(ROOT))
    assert len(used) >= 8, used  # the scan itself works
    current_app.loader.import_default_modules()
    missing = {name: str(where) for name, where in used.items() if name not in current_app.tasks}
    assert not missing, f"未登録のジョブ名: {missing}"
