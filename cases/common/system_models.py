from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """Written by the `system.heartbeat` Celery task: proof that a worker can reach the database."""

    token = models.CharField(max_length=64, unique=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ワーカー稼働記録")
        verbose_name_plural = _("ワーカー稼働記録")

    def __str__(self) -> str:
        return f"{self.token} {self.recorded_at}"
