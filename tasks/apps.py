import importlib

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_schedules(sender, **kwargs) -> None:
    from tasks.beat import periodic_tasks_sync

    periodic_tasks_sync()


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "バックグラウンド処理"

    def ready(self) -> None:
        from tasks.celery import app

        # Services queue jobs by name (cases/common/jobs.py): every task must be registered in the
        # web process too, not only in a worker. (Not loader.import_default_modules(): its Django
        # fixup would set Django up again from inside this set-up.)
        for module in app.conf.imports:
            importlib.import_module(module)
        post_migrate.connect(_sync_schedules, sender=self)
