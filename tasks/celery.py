"""The Celery app. Task modules are thin wrappers: they take ids and call a service."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, task_postrun, task_prerun

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
    "tasks.qualification",
)


@after_setup_logger.connect
@after_setup_task_logger.connect
def redact_worker_logs(**kwargs) -> None:
    """The worker's own handlers (root, task and multiprocessing loggers) get the 個人番号 filter."""
    from cases.security.logging import redact_every_handler

    redact_every_handler()


# Jobs write timeline entries, documents and the files for 日本年金機構 in the office's language
# (settings.LANGUAGE_CODE), also when the embedded default runs them in-process during a request
# from a screen switched to English. task_id → the language to restore afterwards.
_languages: dict[str, str | None] = {}


@task_prerun.connect
def work_in_the_office_language(task_id: str | None = None, **kwargs) -> None:
    from django.conf import settings
    from django.utils import translation

    _languages[task_id or ""] = translation.get_language()
    translation.activate(settings.LANGUAGE_CODE)


@task_postrun.connect
def restore_the_callers_language(task_id: str | None = None, **kwargs) -> None:
    from django.utils import translation

    previous = _languages.pop(task_id or "", None)
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()
