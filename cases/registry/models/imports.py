from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One run of an import from the city's other systems, kept for audit."""

    class Kind(models.TextChoices):
        RESIDENTS = "residents", _("住民記録")
        INCOME = "income", _("住民税所得")

    class Status(models.TextChoices):
        RUNNING = "running", _("処理中")
        DONE = "done", _("完了")
        REJECTED = "rejected", _("エラーのため取込なし")

    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("ファイル名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    encoding = models.CharField(_("文字コード"), max_length=10, blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    total_rows = models.PositiveIntegerField(_("行数"), default=0)
    inserted = models.PositiveIntegerField(_("新規"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("変更なし"), default=0)
    processed_rows = models.PositiveIntegerField(_("処理済み行数"), default=0)
    error_count = models.PositiveIntegerField(_("エラー件数"), default=0)
    # Every bad row as {"line": n, "column": "列名", "message": "理由"}; capped, error_count is exact.
    errors = models.JSONField(_("エラー内容"), default=list, blank=True)
    # Where an uploaded file waits for the worker (private storage, deleted after the run).
    stored_path = models.CharField(_("保存先"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("実行者"), on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(_("開始日時"), auto_now_add=True)
    finished_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    # Touched at every progress step of the worker; a running batch without a recent beat has stopped.
    beat_at = models.DateTimeField(_("最終応答"), null=True, blank=True)

    class Meta:
        verbose_name = _("取込履歴")
        verbose_name_plural = _("取込履歴")
        ordering = ["-created_at"]
        permissions = [("import_records", "住民記録・所得情報の取込")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
