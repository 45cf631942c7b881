"""Queueing background jobs by their Celery name, after the caller's transaction commits.

The task wrappers in `tasks/` import services from `cases/`, `documents/` and `workflows/`; if
`cases/` imported them back, every layer would depend on every other. Services therefore name the
job instead of importing it. `tests/tasks/test_job_names.py` checks that every name used here is a
registered task, so a typo fails the suite rather than a clerk's request.
"""

import logging
from functools import partial

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def _queue(name: str, *args) -> None:
    # `tasks[name]` (not `send_task`) so that CELERY_TASK_ALWAYS_EAGER still runs the job in-process.
    current_app.tasks[name].delay(*args)


def job_enqueue(name: str, *args) -> None:
    """Queues `name(*args)` now; for callbacks that already run after commit.

    When the queue (Redis) cannot be reached the work is already committed: raising would answer the
    person with an error page for a step that was saved. The job is logged instead (ids only) and
    caught up by what watches its records: the sweeps of documents, income and results, the
    stopped-job page of an import or a bundle, which offers to resume it, and the scheduled build
    (docs/operations.md, "When Redis is down")."""
    try:
        _queue(name, *args)
    except OperationalError as exc:
        logger.error(
            "job %s%s not queued: the queue cannot be reached (%s)", name, list(args), type(exc).__name__
        )


def job_send(name: str, *args) -> None:
    """Queues `name(*args)` once the current transaction commits (at once outside one). Ids only:
    arguments travel through Redis, so they must never carry personal data."""
    transaction.on_commit(partial(job_enqueue, name, *args))
