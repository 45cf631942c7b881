# The Celery app is loaded whenever Django starts so @shared_task binds to it.
from tasks.celery import app as celery_app

__all__ = ("celery_app",)
