from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def row_put(cls, *, key: dict, values: dict) -> None:
        """The row `key` names set to `values`: one UPDATE when it exists, else one INSERT.

        update_or_create would add a locking SELECT and two savepoints to every call; this is for
        rows whose owner is already locked or new in the transaction (a case under its flow lock)."""
        if not cls.objects.filter(**key).update(**values, updated_at=timezone.now()):
            cls.objects.create(**key, **values)
