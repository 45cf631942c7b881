"""The Celery app. Task modules are thin wrappers: they take ids and call a service."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("nenkin")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Explicit list rather than autodiscovery: a worker must never start without a task module.
app.conf.imports = (
    "tasks.system",
    "tasks.imports",
    "tasks.cases",
    "tasks.documents",
    "tasks.security",
    "tasks.bundles",
    "tasks.retention",
)


@after_setup_logger.connect
@after_setup_task_logger.connect
def redact_worker_logs(**kwargs) -> None:
    """The worker's own handlers (root, task and multiprocessing loggers) get the 個人番号 filter."""
    from cases.logging import redact_every_handler

    redact_every_handler()
