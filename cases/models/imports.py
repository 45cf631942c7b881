from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One run of an import from the city's other systems, kept for audit."""

    class Kind(models.TextChoices):
        RESIDENTS = "residents", "住民記録"
        INCOME = "income", "住民税所得"

    class Status(models.TextChoices):
        RUNNING = "running", "処理中"
        DONE = "done", "完了"
        REJECTED = "rejected", "エラーのため取込なし"

    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    filename = models.CharField("ファイル名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    encoding = models.CharField("文字コード", max_length=10, blank=True)
    status = models.CharField("状態", max_length=10, choices=Status.choices, default=Status.RUNNING)
    total_rows = models.PositiveIntegerField("行数", default=0)
    inserted = models.PositiveIntegerField("新規", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    unchanged = models.PositiveIntegerField("変更なし", default=0)
    processed_rows = models.PositiveIntegerField("処理済み行数", default=0)
    error_count = models.PositiveIntegerField("エラー件数", default=0)
    # Every bad row as {"line": n, "column": "列名", "message": "理由"}; capped, error_count is exact.
    errors = models.JSONField("エラー内容", default=list, blank=True)
    # Where an uploaded file waits for the worker (private storage, deleted after the run).
    stored_path = models.CharField("保存先", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="実行者", on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField("開始日時", auto_now_add=True)
    finished_at = models.DateTimeField("終了日時", null=True, blank=True)

    class Meta:
        verbose_name = "取込履歴"
        verbose_name_plural = "取込履歴"
        ordering = ["-created_at"]
        permissions = [("import_records", "住民記録・所得情報の取込")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
