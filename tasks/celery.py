"""The Celery app. Task modules are thin wrappers: they take ids and call a service."""

import os

from celery import Celery

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
