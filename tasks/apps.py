from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_schedules(sender, **kwargs) -> None:
    from tasks.beat import periodic_tasks_sync

    periodic_tasks_sync()


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "バックグラウンド処理"

    def ready(self) -> None:
        post_migrate.connect(_sync_schedules, sender=self)
