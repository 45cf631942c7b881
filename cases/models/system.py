from django.db import models


class WorkerHeartbeat(models.Model):
    """Written by the `system.heartbeat` Celery task: proof that a worker can reach the database."""

    token = models.CharField(max_length=64, unique=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ワーカー稼働記録"
        verbose_name_plural = "ワーカー稼働記録"

    def __str__(self) -> str:
        return f"{self.token} {self.recorded_at}"
