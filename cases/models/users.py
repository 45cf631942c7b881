from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """A member of staff. Every staff member works at exactly one office."""

    office = models.ForeignKey(
        "cases.Office",
        verbose_name="所属",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    display_name = models.CharField("氏名", max_length=60, blank=True)
    password_changed_at = models.DateTimeField("パスワード変更日時", null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "職員"
        verbose_name_plural = "職員"
        constraints = [
            models.CheckConstraint(
                condition=Q(office__isnull=False) | Q(is_superuser=True),
                name="user_has_office_unless_superuser",
                violation_error_message="職員には所属事務所が必要です。",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username
